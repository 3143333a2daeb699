"""A request's operation: a fixed segment wins over a parameter, and what the spec lacks is named."""

from __future__ import annotations

from contracts.coverage.routes import Matched, Routes, Unmatched
from workflow_runs_specs.reader import Spec


def test_a_path_and_method_find_their_operation_and_decoded_parameters() -> None:
    routes = Routes(Spec.of_dialect("b3os"))

    found = routes.match("POST", "/v1/runs/run%5F1/cancel")
    assert isinstance(found, Matched)
    assert (found.name, found.path) == ("cancelRun", {"id": "run_1"})
    create = routes.match("POST", "/v1/runs")
    assert isinstance(create, Matched)
    assert create.name == "createEphemeralRun"


def test_an_undocumented_method_and_path_are_told_apart() -> None:
    routes = Routes(Spec.of_dialect("b3os"))

    assert routes.match("DELETE", "/v1/runs/run_1") == Unmatched("undocumented method")
    assert routes.match("GET", "/v1/runs/run_1/") == Unmatched("undocumented path")
