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
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 $(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,lint]'
	touch $(STAMP)

# `make serve PORT=9000 HOST=0.0.0.0`; set on the command line only (a HOST in the environment is not ours).
HOST = 127.0.0.1
PORT = 8000

serve: $(STAMP)
	$(BIN)/python -m mock_server --dialect all --host $(HOST) --port $(PORT)

# The whole suite, spread over every core by pytest-xdist (-n auto); tests of one xdist_group share a worker.
# Pass pytest options as `make test TEST_ARGS='-m "not slow"'`.
TEST_ARGS =

test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadgroup $(TEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

clean:
	rm -rf $(VENV) $(CLIENTS_VENV) node_modules build *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis

# The benchmarks. `bench` installs what it compares with (wrk, Prism) itself; pass options as
# `make bench BENCH_ARGS=--quick` or `make soak SOAK_ARGS='--duration 120'`.
.PHONY: bench soak

bench: $(STAMP)
	bash bench/install_tools.sh
	$(BIN)/python -m bench.throughput $(BENCH_ARGS)
	$(BIN)/python -m bench.proxy $(PROXY_ARGS)
	bash tools/install_redis.sh
	$(BIN)/python -m bench.shared_state $(SHARED_ARGS)

# The mock sharing its state on a real redis-server beside the mock alone: reads, writes, lag, idle sandboxes.
.PHONY: bench-shared
bench-shared: $(STAMP)
	bash tools/install_redis.sh
	$(BIN)/python -m bench.shared_state $(SHARED_ARGS)

# The validating proxy against Prism's proxy in front of the mock: req/s (wrk) and latency added at 200 req/s.
.PHONY: bench-proxy
bench-proxy: $(STAMP)
	bash bench/install_tools.sh
	$(BIN)/python -m bench.proxy $(PROXY_ARGS)

soak: $(STAMP)
	$(BIN)/python -m bench.soak $(SOAK_ARGS)

# Time to a contract verdict per dialect against the mock (default settings).
.PHONY: bench-contracts
bench-contracts: $(STAMP)
	$(BIN)/python -m bench.verdict $(VERDICT_ARGS)

# Resident memory of the mock before and after 100,000 distinct queries, once its caches are full.
.PHONY: bench-memory
bench-memory: $(STAMP)
	$(BIN)/python -m bench.memory $(MEMORY_ARGS)

# The faults of tests/faulty caught by this suite and by vanilla `schemathesis run`, side by side (slow: minutes),
# then by the validating proxy and Prism's proxy on the scripted client's traffic.
.PHONY: bench-faults
bench-faults: $(STAMP)
	bash bench/install_tools.sh
	$(BIN)/python -m tests.faulty.compare $(FAULTS_ARGS)
	$(BIN)/python -m tests.faulty.proxy_compare $(PROXY_FAULTS_ARGS)

# CPU time per never-seen request, the app driven in process: what the pipeline costs, without a server's share.
.PHONY: bench-in-process
bench-in-process: $(STAMP)
	$(BIN)/python -m bench.in_process $(IN_PROCESS_ARGS)

# Time from `python -m mock_server --dialect all` starting in this checkout until every dialect answers.
.PHONY: bench-startup
bench-startup: $(STAMP)
	$(BIN)/python -m bench.startup $(STARTUP_ARGS)

# docs/ is generated from the specs; `docs` fetches the Redoc bundle with npm only when it is missing.
.PHONY: docs docs-check

docs: $(STAMP)
	$(BIN)/python -m spec_review docs

docs-check: $(STAMP)
	$(BIN)/python -m spec_review docs --check

# The npm tools of package.json (Spectral, Redocly, Prism, openapi-typescript, tsc), installed exactly as
# package-lock.json pins them on first use and again whenever either file changes.
NODE_STAMP := node_modules/.installed

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# Spectral (spectral:oas), Redocly (recommended) and the project's own lint on every spec; warnings fail too.
.PHONY: lint-specs
lint-specs: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m tools.lint_specs

# The generated clients as consumers of the mock's answers (tools/clients.py). The Python generators live in
# their own virtualenv, installed from tools/requirements-clients.txt on first use; the npm tools as above.
CLIENTS_VENV := .venv-clients
CLIENTS_STAMP := $(CLIENTS_VENV)/.installed

$(CLIENTS_STAMP): tools/requirements-clients.txt
	$(PYTHON) -m venv $(CLIENTS_VENV)
	$(CLIENTS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r tools/requirements-clients.txt
	touch $(CLIENTS_STAMP)

.PHONY: clients
clients: $(STAMP) $(NODE_STAMP) $(CLIENTS_STAMP)
	$(BIN)/python -m tools.clients

# Prism 5 as a validating proxy in front of the mock: every 200 body passes, a body missing a required field
# is flagged (tools/prism_check.py).
.PHONY: prism-check
prism-check: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m tools.prism_check
