"""The import graph of the code, parsed with `ast`: the layers ARCHITECTURE.md draws, and no cycle.

Each module belongs to a layer; a module may import modules of its own layer and of the layers its layer
lists in ALLOWED, nothing else of ours. `mock_server` and `contracts` meet only in the tests.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("workflow_runs_specs", "mock_server", "contracts", "bench")
OURS = (*PACKAGES, "tests")

# The layer of a module is the longest of these prefixes it starts with.
ALLOWED: dict[str, frozenset[str]] = {
    "workflow_runs_specs": frozenset(),
    "mock_server.data": frozenset(),
    "mock_server.problems": frozenset(),
    "mock_server.memory": frozenset(),
    "mock_server.dialects": frozenset({"mock_server.data", "mock_server.problems", "mock_server.memory"}),
    "mock_server.scenarios": frozenset({"mock_server.data", "mock_server.dialects"}),
    "mock_server.web": frozenset(
        {
            "workflow_runs_specs",
            "mock_server.data",
            "mock_server.problems",
            "mock_server.memory",
            "mock_server.dialects",
            "mock_server.scenarios",
        }
    ),
    "mock_server.misbehaviour": frozenset(
        {"workflow_runs_specs", "mock_server.problems", "mock_server.dialects", "mock_server.web"}
    ),
    # The top: app, cli, config, testing and the pytest plugin put the layers together.
    "mock_server": frozenset(
        {
            "workflow_runs_specs",
            "mock_server.data",
            "mock_server.problems",
            "mock_server.memory",
            "mock_server.dialects",
            "mock_server.scenarios",
            "mock_server.web",
            "mock_server.misbehaviour",
        }
    ),
    # The contract checker: everything in contracts/ but the review tools, which its command line reaches by
    # module name (importlib), never by import.
    "contracts": frozenset({"workflow_runs_specs"}),
    # The spec-review tools may use the checker's errors and its spec validation, never the reverse.
    "contracts.review": frozenset({"workflow_runs_specs", "contracts.errors", "contracts.spec"}),
    "bench": frozenset({"workflow_runs_specs", "mock_server", "contracts"}),
}


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
    """Every module of ours `path` imports (at any depth: imports inside functions count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from package import module` imports the module; `from module import name` the module itself.
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        yield from (target for target in targets if target.split(".")[0] in OURS)


def existing(target: str, known: dict[str, Path]) -> str:
    """The module `target` names: itself, or the module that defines the name it ends with."""
    while target not in known and "." in target:
        target = target.rpartition(".")[0]
    return target


def within(module: str, place: str) -> bool:
    return module == place or module.startswith(place + ".")


def layer_of(module: str) -> str:
    candidates = [layer for layer in ALLOWED if within(module, layer)]
    return max(candidates, key=len)


def graph() -> dict[str, set[str]]:
    known = modules()
    edges: dict[str, set[str]] = {}
    for name, path in known.items():
        edges[name] = {existing(target, known) for target in imports_of(name, path)} - {name}
    return edges


def test_every_module_of_ours_belongs_to_a_layer() -> None:
    assert all(layer_of(module) for module in modules())


def test_mock_server_and_contracts_never_import_each_other() -> None:
    crossing = [
        (module, target)
        for module, targets in graph().items()
        for target in targets
        if {module.split(".")[0], target.split(".")[0]} == {"mock_server", "contracts"}
    ]
    assert crossing == []


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


def layer_violations(edges: dict[str, set[str]]) -> list[str]:
    """Every import of a module from a layer its own layer may not import."""
    wrong = []
    for module, targets in edges.items():
        layer = layer_of(module)
        for target in sorted(targets):
            if layer_of(target) != layer and not any(within(target, place) for place in ALLOWED[layer]):
                wrong.append(f"{module} -> {target}")
    return wrong


def test_each_layer_imports_only_itself_and_the_layers_drawn_below_it() -> None:
    assert layer_violations(graph()) == []


def test_an_import_upwards_or_across_is_a_violation() -> None:
    edges = {
        "mock_server.data.store": {"mock_server.web.auth", "mock_server.data.model"},
        "contracts.session": {"contracts.review.spec_outline", "contracts.client"},
        "contracts.review.spec_lint": {"contracts.runner"},
    }
    assert layer_violations(edges) == [
        "mock_server.data.store -> mock_server.web.auth",
        "contracts.session -> contracts.review.spec_outline",
        "contracts.review.spec_lint -> contracts.runner",
    ]


def cycles_in(edges: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of `edges`, each as the trail of modules that closes it."""
    state: dict[str, str] = {}
    cycles: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(edges.get(module, ())):
            if module.startswith(target + "."):
                continue  # a module importing its own package's __init__ (e.g. `from mock_server import config`)
            if state.get(target) == "open":
                cycles.append([*trail[trail.index(target) :], target] if target in trail else [module, target])
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = "done"

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    return cycles


def test_the_import_graph_has_no_cycle() -> None:
    assert cycles_in(graph()) == []


def test_a_cycle_of_imports_is_found() -> None:
    edges = {"mock_server.web.a": {"mock_server.web.b"}, "mock_server.web.b": {"mock_server.web.c"}}
    edges["mock_server.web.c"] = {"mock_server.web.a"}
    assert cycles_in(edges) == [["mock_server.web.a", "mock_server.web.b", "mock_server.web.c", "mock_server.web.a"]]


@pytest.mark.parametrize("module", sorted(modules()))
def test_every_module_says_what_it_is_for_and_stays_small(module: str) -> None:
    path = modules()[module]
    text = path.read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(text))
    if path.name != "__init__.py" or text.strip():
        assert docstring, f"{module} has no docstring"
    assert len(text.splitlines()) <= 300, f"{module} has {len(text.splitlines())} lines"


def test_a_crossing_import_is_caught(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("from contracts.client import Exchange\nimport mock_server.web.auth as auth\n", encoding="utf-8")
    found = set(imports_of("mock_server.sneaky", sneaky))
    assert {"contracts.client.Exchange", "contracts.client", "mock_server.web.auth"} <= found
