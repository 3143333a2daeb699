"""The b3os dialect: a refused write names the run's state as b3os spells it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from mock_server.data.clock import VirtualClock
from mock_server.data.generate import REFERENCE_TIME
from mock_server.data.model import RunState
from mock_server.dialects.b3os import B3OS
from mock_server.dialects.base import OperationRequest
from mock_server.problems import MockProblem, ProblemKind
from mock_server.web.auth import TokenRegistry
from mock_server.web.state import Mount

NOW = REFERENCE_TIME + timedelta(minutes=1)


@pytest.fixture
def mount() -> Mount:
    return Mount(B3OS, "", TokenRegistry(), seed=0, clock=VirtualClock(NOW, speed=0))


def read(mount: Mount, operation: str, path: dict[str, str], **query: Any) -> Any:
    store = mount.store.at(NOW)
    return B3OS.handlers()[operation](store, OperationRequest(path, query, store.demo.tenant_id)).body


def write(mount: Mount, operation: str, run_id: str) -> Any:
    store = mount.store.at(NOW)
    return B3OS.handlers()[operation](store, OperationRequest({"id": run_id}, {}, runs=mount)).body


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
    run = next(run for run in mount.store.at(NOW).runs(mount.store.demo.tenant_id) if run.state is state)
    with pytest.raises(MockProblem) as refused:
        write(mount, operation, run.id)
    assert refused.value.problem.kind is ProblemKind.CONFLICT
    assert refused.value.problem.message.startswith(f"run {run.id} is {named} and cannot be ")
    assert state.value not in refused.value.problem.message or state.value == named
