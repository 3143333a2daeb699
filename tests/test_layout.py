"""The shape of the code: every module says what it is for and stays small, and the mock and the contract suite
never import each other. Which layer may import which is import-linter's to check (`[tool.importlinter]` in
pyproject.toml, run by `make lint`; `tests/test_import_contracts.py`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("workflow_runs_specs", "mock_server", "contracts", "spec_review", "bench")
APART = ("mock_server", "contracts", "spec_review")
"""Packages that never import one another: tests are where they meet."""
LARGEST_MODULE = 300


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if ".venv" not in path.parts
    }


def imports_of(name: str, path: Path) -> Iterator[str]:
    """Every module `path` imports (at any depth: imports inside functions count too), relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from package import module` imports the module; `from module import name` the module itself.
            yield from (f"{base}.{alias.name}" for alias in node.names)
            yield base


def crossings(found: dict[str, set[str]]) -> list[str]:
    """Every import from one of the packages kept apart into another."""
    return [
        f"{module} -> {target}"
        for module, targets in sorted(found.items())
        for target in sorted(targets)
        if module.split(".")[0] in APART
        and target.split(".")[0] in APART
        and module.split(".")[0] != target.split(".")[0]
    ]


def test_mock_server_contracts_and_the_review_tools_never_import_each_other() -> None:
    found = {name: set(imports_of(name, path)) for name, path in modules().items()}
    assert crossings(found) == []


def test_a_crossing_import_is_caught(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text(
        "from contracts.http.client import Exchange\nimport mock_server.web.auth as auth\nfrom . import review\n",
        encoding="utf-8",
    )
    found = set(imports_of("spec_review.sneaky", sneaky))
    assert {"contracts.http.client.Exchange", "contracts.http.client", "mock_server.web.auth"} <= found
    assert crossings({"spec_review.sneaky": found}) == [
        "spec_review.sneaky -> contracts.http.client",
        "spec_review.sneaky -> contracts.http.client.Exchange",
        "spec_review.sneaky -> mock_server.web.auth",
    ]


def within(module: str, place: str) -> bool:
    return module == place or module.startswith(place + ".")


CONCRETE_DATA = ("mock_server.data.store", "mock_server.data.repository")
"""What holds the data itself: dialects read a `StoreView` and submit `Change` values, never touching either."""


def reaches_concrete_data(name: str, path: Path) -> list[str]:
    """The imports of `path` that name the store or a repository (the module, or a name of it through any other)."""
    return sorted(
        target
        for target in imports_of(name, path)
        if any(within(target, place) for place in CONCRETE_DATA)
        or target.rpartition(".")[2] in ("Store", "InMemoryRepository", "Repository")
    )


def test_no_dialect_module_reaches_the_concrete_store() -> None:
    dialects = {name: path for name, path in modules().items() if within(name, "mock_server.dialects")}
    assert len(dialects) > 5
    reaching = {name: found for name, path in dialects.items() if (found := reaches_concrete_data(name, path))}
    assert reaching == {}


def test_a_dialect_module_importing_the_store_by_any_way_is_caught(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text(
        "from mock_server.data.changes import Store\nimport mock_server.data.repository\n", encoding="utf-8"
    )
    assert reaches_concrete_data("mock_server.dialects.sneaky", sneaky) == [
        "mock_server.data.changes.Store",
        "mock_server.data.repository",
    ]


@pytest.mark.parametrize("module", sorted(modules()))
def test_every_module_says_what_it_is_for_and_stays_small(module: str) -> None:
    path = modules()[module]
    text = path.read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(text))
    if path.name != "__init__.py" or text.strip():
        assert docstring, f"{module} has no docstring"
    assert len(text.splitlines()) <= LARGEST_MODULE, f"{module} has {len(text.splitlines())} lines"


def test_the_architecture_document_stays_a_short_read() -> None:
    assert len((ROOT / "ARCHITECTURE.md").read_bytes()) <= 8 * 1024
