"""What only aitasker's spec has: UUIDs for every id in a path, open statuses, its examples' timelines.

The checks every dialect shares run from aitasker's table in tests/test_spec_cases.py.
"""

from __future__ import annotations

import pytest

from tests.spec_support import (
    Document,
    list_operation,
    load_spec,
    moment,
    operation_parameters,
    operations,
    resolve,
)

DIALECT = "aitasker"
FINISHED = {"completed", "failed", "cancelled"}


@pytest.mark.parametrize("operation_id", list(operations(DIALECT)))
def test_aitasker_path_parameters_are_uuids(operation_id: str) -> None:
    parameters = operation_parameters(DIALECT, operation_id).values()
    assert [(p["in"], p["schema"]) for p in parameters] == [("path", {"type": "string", "format": "uuid"})] * len(
        parameters
    )


@pytest.mark.parametrize("schema_name", ["WorkflowRunResponse", "WorkflowNodeRunResponse"])
def test_aitasker_status_is_a_plain_string_as_the_vendor_declares_it(schema_name: str) -> None:
    status = load_spec(DIALECT)["components"]["schemas"][schema_name]["properties"]["status"]
    assert status["type"] == "string"
    assert "enum" not in status


def list_examples() -> list[tuple[str, list[Document]]]:
    _, operation = list_operation(DIALECT)
    examples = operation["responses"]["200"]["content"]["application/json"]["examples"]
    return [(name, resolve(DIALECT, example)["value"]) for name, example in examples.items()]


@pytest.mark.parametrize(("name", "runs"), list_examples())
def test_aitasker_example_keeps_the_timeline_rules(name: str, runs: list[Document]) -> None:
    for run in runs:
        for entry in [run, *run.get("node_runs", [])]:
            started, completed = entry.get("started_at"), entry.get("completed_at")
            if entry["status"] in {"pending", "skipped"}:
                assert started is None, (name, entry["id"])
            if entry["status"] in FINISHED:
                assert completed is not None, (name, entry["id"])
            else:
                assert completed is None, (name, entry["id"])
            if started is not None and completed is not None:
                assert moment(completed) >= moment(started), (name, entry["id"])
        assert all(node["workflow_run_id"] == run["id"] for node in run.get("node_runs", [])), name
        assert (run.get("error_message") is not None) == (run["status"] == "failed"), (name, run["id"])


def test_aitasker_triggered_run_example_is_a_pending_run_with_the_payload_sent() -> None:
    run = resolve(DIALECT, {"$ref": "#/components/examples/TriggeredRun"})["value"]
    sent = resolve(DIALECT, {"$ref": "#/components/examples/TriggerTicket"})["value"]
    assert run["status"] == "pending"
    assert (run["started_at"], run["completed_at"], run["error_message"], run["node_runs"]) == (None, None, None, [])
    assert run["trigger_payload"] == sent["trigger_payload"]
