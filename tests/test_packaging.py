"""What the distribution installs: every package of ours, the spec documents under a name of this project."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from workflow_runs_specs import DIALECTS, SPEC_DIRECTORY

ROOT = Path(__file__).resolve().parent.parent
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_folder_is_listed_so_a_wheel_installs_it() -> None:
    folders = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("mock_server", "contracts", "workflow_runs_specs")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert folders <= set(SETUPTOOLS["packages"])


def test_the_spec_documents_install_as_workflow_runs_specs_documents_and_nothing_is_called_specs() -> None:
    assert SETUPTOOLS["package-dir"] == {"workflow_runs_specs.documents": "specs"}
    assert SETUPTOOLS["package-data"]["workflow_runs_specs.documents"] == ["*.yaml"]
    assert not any(name == "specs" or name.startswith("specs.") for name in SETUPTOOLS["packages"])
    assert not (ROOT / "specs" / "__init__.py").exists()
    assert sorted(path.stem for path in (ROOT / "specs").glob("*.yaml")) == sorted(DIALECTS)


def test_a_checkout_finds_the_documents_in_its_specs_folder() -> None:
    assert SPEC_DIRECTORY == ROOT / "specs"


def test_an_installed_package_finds_the_documents_it_carries(tmp_path: Path) -> None:
    installed = tmp_path / "workflow_runs_specs"
    (installed / "documents").mkdir(parents=True)
    shutil.copy(ROOT / "workflow_runs_specs" / "__init__.py", installed / "__init__.py")
    shutil.copy(ROOT / "specs" / "b3os.yaml", installed / "documents" / "b3os.yaml")
    script = "import workflow_runs_specs as s; print(s.spec_path('b3os'))"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=True
    )
    assert Path(done.stdout.strip()) == installed.resolve() / "documents" / "b3os.yaml"
