"""What only cortex' spec has, v1 and v2 alike: the `verbose` parameter, its examples' timelines and runs.

The checks every dialect shares run from the cortex tables in tests/test_spec_cases.py; v2's retention is in
test_spec_cortex_v2.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.spec_cases.cortex import ON_ONE_RUN
from tests.spec_support import Document, list_operation, moment, operation_parameters, operations, resolve

CORTEX = ("cortex-v1", "cortex-v2")


def example(dialect: str, name: str) -> Any:
    return resolve(dialect, {"$ref": f"#/components/examples/{name}"})["value"]


def page_examples() -> list[Any]:
    found = []
    for dialect in CORTEX:
        _, operation = list_operation(dialect)
        for name, page in operation["responses"]["200"]["content"]["application/json"]["examples"].items():
            found.append(pytest.param(dialect, resolve(dialect, page)["value"], id=f"{dialect}-{name}"))
    return found


@pytest.mark.parametrize(
    ("dialect", "operation_id"),
    [
        pytest.param(dialect, operation_id, id=f"{dialect}-{operation_id}")
        for dialect in CORTEX
        for operation_id in ("getWorkflowRuns", "runWorkflow", *ON_ONE_RUN.values())
        if operation_id in operations(dialect)
    ],
)
def test_every_operation_shapes_its_runs_with_the_one_verbose_parameter(dialect: str, operation_id: str) -> None:
    verbose = operation_parameters(dialect, operation_id)["verbose"]
    assert verbose is resolve(dialect, {"$ref": "#/components/parameters/Verbose"})


@pytest.mark.parametrize(("dialect", "page"), page_examples())
def test_page_example_runs_have_consistent_timelines(dialect: str, page: list[Document]) -> None:
    for run in page:
        start, end = run["started_at"], run["ended_at"]
        assert (end is None) == (run["status"] in ("PENDING", "RUNNING")), run["id"]
        assert (start is None) == (run["status"] in ("PENDING", "SKIPPED")), run["id"]
        assert start is None or moment(run["created_at"]) <= moment(start), run["id"]
        assert start is None or end is None or moment(start) <= moment(end), run["id"]
        assert ("error" in run) == (run["status"] == "FAILED"), run["id"]


@pytest.mark.parametrize("dialect", CORTEX)
def test_get_run_example_is_the_lists_run_unchanged(dialect: str) -> None:
    (listed,) = [run for run in example(dialect, "MixedPage") if run["id"] == example(dialect, "FailedRun")["id"]]
    assert example(dialect, "FailedRun") == listed


@pytest.mark.parametrize("dialect", CORTEX)
def test_created_run_example_is_pending_through_the_endpoint(dialect: str) -> None:
    run = example(dialect, "CreatedRun")
    assert (run["status"], run["origin"], run["started_at"], run["ended_at"]) == ("PENDING", "ENDPOINT", None, None)


@pytest.mark.parametrize("dialect", CORTEX)
def test_cancelled_run_example_is_the_running_run_now_cancelled(dialect: str) -> None:
    (listed,) = [run for run in example(dialect, "MixedPage") if run["id"] == example(dialect, "CancelledRun")["id"]]
    cancelled = example(dialect, "CancelledRun")
    assert listed["status"] == "RUNNING"
    assert cancelled["status"] == "CANCELLED"
    assert moment(cancelled["ended_at"]) >= moment(cancelled["started_at"])


@pytest.mark.parametrize("dialect", CORTEX)
def test_replayed_run_example_is_a_new_pending_run_with_the_sources_input(dialect: str) -> None:
    source, replay = example(dialect, "FailedRun"), example(dialect, "ReplayedRun")
    assert replay["id"] != source["id"]
    assert (replay["input"], replay["origin"], replay["status"]) == (source["input"], source["origin"], "PENDING")
