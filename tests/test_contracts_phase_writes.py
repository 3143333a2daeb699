"""The schema phase's writes held to the run's scope and budget: which operations create runs, where a new run's id
is, and the guard that sends a write naming what the run did not make to a made-up id, refuses a request past the
budget (or sends it to a made-up id), lets invalid bodies through, counts the runs each 2xx answer made and lists
every write."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

import pytest
import schemathesis
from schemathesis.core.parameters import ParameterLocation
from schemathesis.core.result import Ok
from schemathesis.core.transport import Response
from schemathesis.generation import GenerationMode
from schemathesis.generation.case import Case
from schemathesis.generation.meta import (
    CaseMetadata,
    ComponentInfo,
    FuzzingPhaseData,
    GenerationInfo,
    PhaseInfo,
    TestPhase,
)

from contracts.dialects import DIALECTS
from contracts.phase_writes import (
    BudgetSpent,
    GuardedSchema,
    PhaseWrites,
    creating_operations,
    guard,
    links_to_own_runs_only,
)
from contracts.spec import load_operation
from contracts.write_scope import WriteScope
from contracts.writing import WriteBudget, WriteLog
from workflow_runs_specs import reader, spec_path


def case_of(dialect: str, operation_id: str, **path: str) -> Case[Any]:
    """A case as a check's probe sends it (no generation metadata)."""
    case: Case[Any] = operation_of(dialect, operation_id).Case(path_parameters=path)
    return case


def generated(operation_id: str, phase: TestPhase, body: GenerationMode, **path: str) -> Case[Any]:
    """A b3os case generated in `phase`, its body valid or not as `body` says."""
    operation = operation_of("b3os", operation_id)
    meta = CaseMetadata(
        generation=GenerationInfo(time=0.0, mode=body),
        components={ParameterLocation.BODY: ComponentInfo(mode=body)},
        phase=PhaseInfo(name=phase, data=FuzzingPhaseData(None, None, None, None)),
    )
    return Case(operation, "POST", operation.path, path_parameters=path, meta=meta)


def operation_of(dialect: str, operation_id: str) -> Any:
    schema = schemathesis.openapi.from_dict(reader.load_spec(dialect))
    return next(
        operation for operation in operations_of(schema) if operation.definition.raw.get("operationId") == operation_id
    )


def operations_of(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]


def phase_writes(
    budget: WriteBudget, creating: Mapping[str, tuple[str, ...]], log: WriteLog | None = None, dialect: str = "b3os"
) -> PhaseWrites:
    """The phase's writes of a `dialect` run pinned to the demo workflow `wf_demo`."""
    log = log or WriteLog()
    scope = WriteScope.of(load_operation(spec_path(dialect)), DIALECTS[dialect], {"id": "wf_demo"}, log.created, 0)
    return PhaseWrites(budget, log, creating, scope)


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
    writes = phase_writes(WriteBudget(3), {"runWorkflow": ("data", "runId")}, log)
    case = case_of("b3os", "runWorkflow")

    writes.before(case)
    writes.after(case, answer(case, 200, {"code": 0, "data": {"runId": "run_a"}}))
    writes.before(case)
    writes.after(case, answer(case, 400, {"code": 400, "message": "bad"}))

    assert (writes.sent, writes.budget.spent, writes.created, log.created) == (2, 1, ["run_a"], ["run_a"])


def test_past_the_phase_share_a_creating_request_is_refused_and_said_so_but_others_pass() -> None:
    writes = phase_writes(WriteBudget(3, reserved=2), {"runWorkflow": ("data", "runId")})
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
    writes = phase_writes(WriteBudget(1), {})

    guarded = guard(schema, writes)

    assert isinstance(guarded, GuardedSchema)
    assert guarded.transport.writes is writes
    operation = operations_of(guarded)[0]
    assert operation.schema.transport is guarded.transport


def test_half_the_phase_share_is_kept_for_the_stateful_phase_which_comes_last() -> None:
    writes = phase_writes(WriteBudget(10, reserved=4), {"runWorkflow": ("data", "runId")})
    trigger = case_of("b3os", "runWorkflow")
    for _ in range(3):
        writes.before(trigger)
        writes.after(trigger, answer(trigger, 200, {"code": 0, "data": {"runId": "run_a"}}))

    assert (writes.left("coverage", "runWorkflow"), writes.left("stateful")) == (0, 3)
    with pytest.raises(BudgetSpent):
        writes.before(trigger)  # a check's probe in a unit phase


def test_each_creating_operation_gets_its_part_of_the_unit_phases_share() -> None:
    creating = {"runWorkflow": ("data", "runId"), "retryRun": ("data", "id"), "createEphemeralRun": ("data", "runId")}
    writes = phase_writes(WriteBudget(10, reserved=4), creating)
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


def test_a_write_naming_a_run_the_run_did_not_create_is_sent_to_a_made_up_one_and_reproduced_as_sent() -> None:
    log = WriteLog(created=["run_mine"])
    writes = phase_writes(WriteBudget(10), {}, log)
    listed, mine = case_of("b3os", "cancelRun", id="run_listed"), case_of("b3os", "cancelRun", id="run_mine")

    writes.before(listed)
    writes.before(mine)

    assert listed.formatted_path == f"/v1/runs/{writes.scope.made_up['run']}/cancel"
    assert mine.formatted_path == "/v1/runs/run_mine/cancel"
    assert writes.confined == 1


def test_every_write_is_listed_with_its_status_and_the_phase_that_sent_it_but_no_read() -> None:
    log = WriteLog()
    writes = phase_writes(WriteBudget(10), {}, log)
    cancel = generated("cancelRun", TestPhase.COVERAGE, GenerationMode.POSITIVE, id="run_x")
    get = case_of("b3os", "getRun", id="run_x")

    writes.before(cancel)
    writes.after(cancel, answer(cancel, 404, {"code": 404, "message": "no such run"}))
    writes.after(get, answer(get, 200, {"code": 0, "data": {}}))

    assert [(write.method, write.path, write.status, write.by) for write in log.sent] == [
        ("POST", f"/v1/runs/{writes.scope.made_up['run']}/cancel", 404, "coverage")
    ]


def test_an_invalid_body_needs_no_share_of_its_operation_only_the_phases() -> None:
    writes = phase_writes(WriteBudget(4, reserved=2), {"runWorkflow": ("data", "runId")})
    valid = generated("runWorkflow", TestPhase.FUZZING, GenerationMode.POSITIVE, id="wf_demo")
    invalid = generated("runWorkflow", TestPhase.FUZZING, GenerationMode.NEGATIVE, id="wf_demo")
    writes.before(valid)
    writes.after(valid, answer(valid, 200, {"code": 0, "data": {"runId": "run_a"}}))  # the operation's share

    writes.before(invalid)
    writes.after(invalid, answer(invalid, 200, {"code": 0, "data": {"runId": "run_b"}}))  # a server accepted it
    writes.before(invalid)  # the phase's share is spent: it goes elsewhere

    assert invalid.formatted_path == f"/v1/workflows/{writes.scope.made_up['workflow']}/run"
    assert writes.budget.spent == 2
    assert writes.budget.left(phase=False) == 2  # the write checks' share is untouched


def test_past_its_share_a_valid_case_of_a_unit_phase_is_sent_to_a_made_up_workflow_and_said_so() -> None:
    writes = phase_writes(WriteBudget(2), {"runWorkflow": ("data", "runId")})
    first = generated("runWorkflow", TestPhase.COVERAGE, GenerationMode.POSITIVE, id="wf_demo")
    writes.before(first)
    writes.after(first, answer(first, 200, {"code": 0, "data": {"runId": "run_a"}}))
    second = generated("runWorkflow", TestPhase.COVERAGE, GenerationMode.POSITIVE, id="wf_demo")

    writes.before(second)

    assert second.formatted_path == f"/v1/workflows/{writes.scope.made_up['workflow']}/run"
    assert writes.made_up_past_share == {"runWorkflow": {"coverage"}}
    assert writes.confined == 0  # the pinned workflow was in scope: only the budget sent it elsewhere


def test_once_the_budget_is_spent_nothing_that_can_create_a_run_is_sent_not_even_an_invalid_body() -> None:
    writes = phase_writes(WriteBudget(1), {"runWorkflow": ("data", "runId")})
    valid = generated("runWorkflow", TestPhase.COVERAGE, GenerationMode.POSITIVE, id="wf_demo")
    writes.before(valid)
    writes.after(valid, answer(valid, 200, {"code": 0, "data": {"runId": "run_a"}}))

    with pytest.raises(BudgetSpent):
        writes.before(generated("runWorkflow", TestPhase.FUZZING, GenerationMode.NEGATIVE, id="wf_demo"))
    with pytest.raises(BudgetSpent):
        writes.before(generated("runWorkflow", TestPhase.COVERAGE, GenerationMode.POSITIVE, id="wf_demo"))
