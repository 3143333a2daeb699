"""The b3os dialect: every body names its request with the placeholder a fresh id is written over, and a refused
write names the run's state as b3os spells it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from mock_server.data.clock import VirtualClock
from mock_server.data.generate import REFERENCE_TIME
from mock_server.data.model import Run, RunState
from mock_server.dialects import DIALECTS
from mock_server.dialects.b3os import B3os
from mock_server.dialects.base import REQUEST_ID_PLACEHOLDER, OperationRequest
from mock_server.problems import MockProblem, Problem, ProblemKind
from mock_server.web.auth import TokenRegistry
from mock_server.web.data_set import DataSet
from mock_server.web.state import Mount

NOW = REFERENCE_TIME + timedelta(minutes=1)


@pytest.fixture
def mount() -> Mount:
    dialect = B3os()
    return Mount(dialect, "", TokenRegistry(), DataSet.generated(0, [dialect.vocabulary], VirtualClock(NOW, speed=0)))


def read(mount: Mount, operation: str, path: dict[str, str], **query: Any) -> Any:
    view = mount.read().view
    return mount.dialect.handlers()[operation](view, OperationRequest(path, query, view.demo.tenant_id)).body


def write(mount: Mount, operation: str, run_id: str) -> Any:
    view = mount.read().view
    return mount.dialect.handlers()[operation](view, OperationRequest({"id": run_id}, {}, changes=mount)).body


def demo_runs(mount: Mount) -> tuple[Run, ...]:
    view = mount.read().view
    return view.runs(view.demo.tenant_id)


def test_every_body_success_refusal_or_error_carries_the_request_id_placeholder(mount: Mount) -> None:
    page = read(mount, "listWorkflowRuns", {"id": mount.read().view.demo.workflow_id}, limit=2, offset=0)
    one = read(mount, "getRun", {"id": demo_runs(mount)[0].id}, summary=True)
    error = mount.dialect.error(Problem(ProblemKind.NOT_FOUND, "run not found")).body
    assert [body["requestId"] for body in (page, one, error)] == [REQUEST_ID_PLACEHOLDER] * 3


def test_a_documented_example_gets_the_placeholder_in_place_of_its_fixed_request_id() -> None:
    example = {"code": 429, "message": "too many requests", "requestId": "req_8f14e45fceea167a", "data": None}
    assert B3os().documented(example) == {**example, "requestId": REQUEST_ID_PLACEHOLDER}
    assert DIALECTS["cortex-v2"]().documented(example) == example


@pytest.mark.parametrize(
    ("operation", "state", "named"),
    [
        ("cancelRun", RunState.SUCCEEDED, "success"),
        ("cancelRun", RunState.FAILED, "failure"),
        ("retryRun", RunState.SUCCEEDED, "success"),
        ("retryRun", RunState.RUNNING, "running"),
    ],
)
def test_a_write_refused_for_the_runs_state_names_it_as_b3os_does(
    mount: Mount, operation: str, state: RunState, named: str
) -> None:
    run = next(run for run in demo_runs(mount) if run.state is state)
    with pytest.raises(MockProblem) as refused:
        write(mount, operation, run.id)
    assert refused.value.problem.kind is ProblemKind.CONFLICT
    assert refused.value.problem.message.startswith(f"run {run.id} is {named} and cannot be ")
    assert state.value not in refused.value.problem.message or state.value == named
