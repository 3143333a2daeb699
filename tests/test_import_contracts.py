"""The import contracts of pyproject.toml (`[tool.importlinter]`, run by `make lint`): kept by the code as it is,
and broken by a planted forbidden import, a crossing between the mock and the suite, or an import cycle."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("workflow_runs_specs", "mock_server", "contracts", "spec_review")
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(where: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=where,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(where)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The packages and their contracts, copied where a planted import changes nothing of the checkout."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def plant(copy: Path, module: str, line: str) -> None:
    path = copy / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_every_contract_is_kept() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        pytest.param(
            "contracts/core/errors.py",
            "from contracts.front import cli",
            "contracts.core.errors -> contracts.front.cli",
            id="a-layer-importing-one-above",
        ),
        pytest.param(
            "contracts/reading/listing.py",
            "import contracts.writing.log",
            "contracts.reading.listing -> contracts.writing.log",
            id="two-independent-layers",
        ),
        pytest.param(
            "contracts/proxy/judge.py",
            "import contracts.http.client",
            "contracts.proxy.judge -> contracts.http.client",
            id="the-proxy-reaching-the-client",
        ),
        pytest.param(
            "contracts/checks/base.py",
            "import schemathesis",
            "contracts.checks.base -> schemathesis",
            id="schemathesis-outside-the-schema-phase",
        ),
        pytest.param(
            "spec_review/spec_lint.py",
            "import contracts.spec.document",
            "spec_review.spec_lint -> contracts.spec.document",
            id="review-tools-importing-the-checker",
        ),
        pytest.param(
            "mock_server/web/auth.py",
            "import contracts.core.redaction",
            "mock_server.web.auth -> contracts.core.redaction",
            id="the-mock-importing-the-suite",
        ),
        pytest.param(
            "mock_server/data/store.py",
            "import mock_server.web.auth",
            "mock_server.data.store -> mock_server.web.auth",
            id="a-mock-layer-importing-one-above",
        ),
        pytest.param(
            "mock_server/dialects/base.py",
            "import mock_server.settings",
            "mock_server.dialects.base -> mock_server.settings",
            id="a-mock-layer-importing-the-top",
        ),
        pytest.param(
            "contracts/core/outcomes.py",
            "import contracts.core.redaction",
            "No cycles are allowed in contracts.core",
            id="a-cycle",  # with redaction importing outcomes, planted below
        ),
    ],
)
def test_a_forbidden_import_breaks_a_contract(copy: Path, module: str, line: str, broken: str) -> None:
    if module == "contracts/core/outcomes.py":
        plant(copy, "contracts/core/redaction.py", "import contracts.core.outcomes")
    plant(copy, module, line)

    done = lint_imports(copy)

    assert done.returncode == 1, done.stdout + done.stderr
    assert "BROKEN" in done.stdout
    assert broken in " ".join(done.stdout.split()), done.stdout
