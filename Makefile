# Every target that needs the virtualenv depends on its stamp, so `make serve` and `make test`
# work as the first command on a fresh machine and reinstall when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install serve test lint clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,lint]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/python -m mock_server --dialect all --host 127.0.0.1 --port 8000

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis

# The benchmarks. `bench` installs what it compares with (wrk, Prism) itself; pass options as
# `make bench BENCH_ARGS=--quick` or `make soak SOAK_ARGS='--duration 120'`.
.PHONY: bench soak

bench: $(STAMP)
	bash bench/install_tools.sh
	$(BIN)/python -m bench.throughput $(BENCH_ARGS)

soak: $(STAMP)
	$(BIN)/python -m bench.soak $(SOAK_ARGS)

# Time to a contract verdict per dialect against the mock (default settings).
.PHONY: bench-contracts
bench-contracts: $(STAMP)
	$(BIN)/python -m bench.verdict $(VERDICT_ARGS)

# docs/ is generated from the specs; `docs` fetches the Redoc bundle with npm only when it is missing.
.PHONY: docs docs-check

docs: $(STAMP)
	$(BIN)/python -m contracts docs

docs-check: $(STAMP)
	$(BIN)/python -m contracts docs --check
