"""The schema phase's writes held to the run's budget: which operations create runs, where a new run's id is, and
the guard that refuses a request past the budget and counts the runs each 2xx answer made."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
import schemathesis
from schemathesis.core.result import Ok
from schemathesis.core.transport import Response
from schemathesis.generation.case import Case

from contracts.dialects import DIALECTS
from contracts.phase_writes import (
    BudgetSpent,
    GuardedSchema,
    PhaseWrites,
    creating_operations,
    guard,
    links_to_own_runs_only,
)
from contracts.writing import WriteBudget, WriteLog
from workflow_runs_specs import reader


def case_of(dialect: str, operation_id: str) -> Case[Any]:
    schema = schemathesis.openapi.from_dict(reader.load_spec(dialect))
    operation = next(
        operation for operation in operations_of(schema) if operation.definition.raw.get("operationId") == operation_id
    )
    case: Case[Any] = operation.Case()
    return case


def operations_of(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]


def answer(case: Case[Any], status: int, body: Any) -> Response:
    return Response(
        status_code=status,
        headers={"content-type": ["application/json"]},
        content=json.dumps(body).encode(),
        request=None,  # type: ignore[arg-type]
        elapsed=0.0,
        verify=True,
    )


def test_every_write_but_cancel_and_retention_is_budgeted_with_the_id_where_its_links_read_it() -> None:
    found = {dialect: creating_operations(reader.load_spec(dialect), DIALECTS[dialect]) for dialect in DIALECTS}

    assert found["b3os"] == {
        "runWorkflow": ("data", "runId"),
        "retryRun": ("data", "id"),
        "createEphemeralRun": ("data", "runId"),
    }
    assert found["cortex-v2"] == {"runWorkflow": ("id",), "replayWorkflowRun": ("id",)}
    assert found["aitasker"] == {"triggerWorkspaceWorkflow": ("id",)}
    # Invent's trigger has no link: the id is where the dialect keeps a new run's.
    assert found["invent"] == {"runWorkflow": ("id",)}


def test_the_guard_counts_each_2xx_answer_as_a_run_and_logs_its_id() -> None:
    log = WriteLog()
    writes = PhaseWrites(WriteBudget(3), log, {"runWorkflow": ("data", "runId")})
    case = case_of("b3os", "runWorkflow")

    writes.before(case)
    writes.after(case, answer(case, 200, {"code": 0, "data": {"runId": "run_a"}}))
    writes.before(case)
    writes.after(case, answer(case, 400, {"code": 400, "message": "bad"}))

    assert (writes.sent, writes.budget.spent, writes.created, log.created) == (2, 1, ["run_a"], ["run_a"])


def test_past_the_phase_share_a_creating_request_is_refused_and_said_so_but_others_pass() -> None:
    writes = PhaseWrites(WriteBudget(3, reserved=2), WriteLog(), {"runWorkflow": ("data", "runId")})
    trigger, cancel = case_of("b3os", "runWorkflow"), case_of("b3os", "cancelRun")
    writes.before(trigger)
    writes.after(trigger, answer(trigger, 200, {"code": 0, "data": {"runId": "run_a"}}))

    with pytest.raises(BudgetSpent, match="--max-writes 3 reached: runWorkflow not sent"):
        writes.before(trigger)
    writes.before(cancel)  # cannot create a run: never refused

    assert writes.refused == {"runWorkflow": {"a check's probe"}}
    assert writes.budget.left(phase=False) == 2  # the write checks' share is untouched


def test_a_guarded_schema_sends_through_the_guard() -> None:
    schema = schemathesis.openapi.from_dict(reader.load_spec("b3os"))
    writes = PhaseWrites(WriteBudget(1), WriteLog(), {})

    guarded = guard(schema, writes)

    assert isinstance(guarded, GuardedSchema)
    assert guarded.transport.writes is writes
    operation = operations_of(guarded)[0]
    assert operation.schema.transport is guarded.transport


def test_half_the_phase_share_is_kept_for_the_stateful_phase_which_comes_last() -> None:
    writes = PhaseWrites(WriteBudget(10, reserved=4), WriteLog(), {"runWorkflow": ("data", "runId")})
    trigger = case_of("b3os", "runWorkflow")
    for _ in range(3):
        writes.before(trigger)
        writes.after(trigger, answer(trigger, 200, {"code": 0, "data": {"runId": "run_a"}}))

    assert (writes.left("coverage", "runWorkflow"), writes.left("stateful")) == (0, 3)
    with pytest.raises(BudgetSpent):
        writes.before(trigger)  # a check's probe in a unit phase


def test_each_creating_operation_gets_its_part_of_the_unit_phases_share() -> None:
    creating = {"runWorkflow": ("data", "runId"), "retryRun": ("data", "id"), "createEphemeralRun": ("data", "runId")}
    writes = PhaseWrites(WriteBudget(10, reserved=4), WriteLog(), creating)
    trigger = case_of("b3os", "runWorkflow")
    writes.before(trigger)
    writes.after(trigger, answer(trigger, 200, {"code": 0, "data": {"runId": "run_a"}}))

    assert (writes.left("coverage", "runWorkflow"), writes.left("coverage", "createEphemeralRun")) == (0, 1)


def test_the_stateful_phase_is_given_no_link_from_a_read_to_a_write_so_it_writes_only_on_its_own_runs() -> None:
    document = copy.deepcopy(reader.load_spec("b3os"))

    links_to_own_runs_only(document)

    spec = reader.Spec(document)
    links = {
        operation.operation_id: sorted(operation.responses["200"].get("links", {})) for operation in spec.operations
    }
    assert links["listWorkflowRuns"] == ["GetRun"]
    assert links["getRun"] == []
    assert links["runWorkflow"] == ["CancelRun", "GetRun", "RetryRun"]
