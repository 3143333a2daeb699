"""The package as another project gets it: a wheel of this checkout, installed into a virtualenv of its own.

The wheel is built once per test session, without the network (the build backend comes with the test extra),
and the virtualenv borrows the dependencies already installed here, so only the package itself is new.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DISTRIBUTION = "workflow_runs_mock"
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.egg-info", "build", "dist", "node_modules", ".*_cache", ".hypothesis", "docs"
)
pytestmark = pytest.mark.slow

STRICT_PYTEST_CONFIG = '[tool.pytest.ini_options]\nfilterwarnings = ["error"]\n'


def run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    # A clean environment: nothing of this checkout may leak into the other project through PYTHONPATH.
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, env=environment, capture_output=True, text=True, timeout=300
    )


def checked(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `bin` directory of a virtualenv with the package's wheel installed (not an editable install)."""
    scratch = tmp_path_factory.mktemp("installed")
    source = scratch / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)  # a copy, so building leaves nothing in the checkout
    wheels = scratch / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    checked(run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", wheels, source], scratch))
    (wheel,) = wheels.glob(f"{DISTRIBUTION}-*.whl")
    venv = scratch / "venv"
    checked(run([sys.executable, "-m", "venv", "--without-pip", venv], scratch))
    site = Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))
    for entry in Path(sysconfig.get_path("purelib")).iterdir():
        # Every dependency, but not this checkout's editable install (its finder, its .pth, its metadata).
        if entry.suffix != ".pth" and DISTRIBUTION not in entry.name and entry.name != "__pycache__":
            (site / entry.name).symlink_to(entry)
    checked(
        run([venv / "bin" / "python", "-m", "pip", "--quiet", "install", "--no-deps", "--no-index", wheel], scratch)
    )
    return venv / "bin"


def project(root: Path, files: dict[str, str]) -> Path:
    root.mkdir()
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_installing_the_package_leaves_a_strict_projects_pytest_run_green_and_silent(
    installed: Path, tmp_path: Path
) -> None:
    other = project(
        tmp_path / "other",
        {
            "pyproject.toml": STRICT_PYTEST_CONFIG,
            "test_app.py": (
                "import sys\n\n\n"
                "def test_nothing_of_the_mock_is_loaded():\n"
                "    loaded = {name.partition('.')[0] for name in sys.modules}\n"
                "    assert not loaded & {'mock_server', 'contracts', 'connexion'}\n"
            ),
        },
    )
    result = run([installed / "python", "-m", "pytest", "-W", "error", "-p", "no:cacheprovider"], other)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    assert "warnings summary" not in result.stdout
    assert "warning" not in result.stdout.splitlines()[-1]


def test_a_project_that_opts_in_gets_the_fixture_of_the_installed_package(installed: Path, tmp_path: Path) -> None:
    venv = str(installed.parent)
    other = project(
        tmp_path / "frontend",
        {
            "pyproject.toml": STRICT_PYTEST_CONFIG,
            "conftest.py": 'pytest_plugins = ["mock_server.pytest_plugin"]\n',
            "test_runs_page.py": (
                "import pathlib\n\n"
                "import pytest\n\n"
                "import mock_server\n\n\n"
                "def test_the_mock_comes_from_the_installed_wheel():\n"
                f"    assert pathlib.Path({venv!r}) in pathlib.Path(mock_server.__file__).parents\n\n\n"
                '@pytest.mark.workflow_runs_mock(dialects=("b3os",))\n'
                "def test_a_failed_run_is_listed(workflow_runs_mock):\n"
                '    workflow_runs_mock.add_run("b3os", status="failure")\n'
                '    runs = workflow_runs_mock.get("b3os", {"limit": 1}).json()["data"]["items"]\n'
                '    assert runs[0]["status"] == "failure"\n'
            ),
        },
    )
    result = run([installed / "python", "-m", "pytest", "-W", "error", "-p", "no:cacheprovider"], other)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
    assert "warnings summary" not in result.stdout


@pytest.mark.parametrize("command", ["workflow-runs-mock", "workflow-runs-contracts"])
def test_each_console_script_prints_the_package_version(installed: Path, tmp_path: Path, command: str) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    result = checked(run([installed / command, "--version"], tmp_path))
    assert result.stdout == f"{command} {version}\n"
