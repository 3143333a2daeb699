"""Lifecycle plans: active runs start and finish, only through states their dialect knows, by the seed."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from mock_server.data.lifecycle import Transition, draw_outcome, latest, passed, plan_transitions, remaining
from mock_server.data.model import RunState

START = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
ALL = tuple(RunState)
B3OS = (RunState.RUNNING, RunState.WAITING, RunState.SUCCEEDED, RunState.FAILED, RunState.CANCELLED)
FINAL = {RunState.SUCCEEDED, RunState.FAILED, RunState.CANCELLED}


@pytest.mark.parametrize(
    ("state", "states", "path"),
    [
        pytest.param(RunState.PENDING, ALL, [RunState.RUNNING, "final"], id="pending-starts-then-finishes"),
        pytest.param(RunState.RUNNING, ALL, ["final"], id="running-finishes"),
        pytest.param(RunState.WAITING, B3OS, [RunState.RUNNING, "final"], id="waiting-resumes-then-finishes"),
    ],
)
def test_active_runs_move_to_an_outcome(state: RunState, states: tuple[RunState, ...], path: list[object]) -> None:
    for seed in range(20):
        plan = plan_transitions(state, states, random.Random(seed), START)
        assert [step.state if step.state not in FINAL else "final" for step in plan] == path
        moments = [step.at for step in plan]
        assert moments == sorted(moments)
        assert moments[0] > START
        assert all(step.state in states for step in plan)


@pytest.mark.parametrize("state", [RunState.SUCCEEDED, RunState.FAILED, RunState.CANCELLED, RunState.SKIPPED])
def test_finished_runs_have_no_plan(state: RunState) -> None:
    assert plan_transitions(state, ALL, random.Random(0), START) == ()


def test_the_same_source_gives_the_same_plan_and_others_differ() -> None:
    plans = {plan_transitions(RunState.PENDING, ALL, random.Random(seed), START) for seed in range(10)}
    assert plan_transitions(RunState.PENDING, ALL, random.Random(3), START) in plans
    assert len(plans) > 1


def test_outcomes_vary_with_the_seed() -> None:
    outcomes = {plan_transitions(RunState.RUNNING, ALL, random.Random(seed), START)[-1].state for seed in range(60)}
    assert outcomes == FINAL


def test_latest_is_the_last_transition_by_now() -> None:
    plan = (
        Transition(START + timedelta(seconds=10), RunState.RUNNING),
        Transition(START + timedelta(seconds=50), RunState.FAILED),
    )
    assert latest(plan, START) is None
    assert latest(plan, START + timedelta(seconds=10)) == plan[0]
    assert latest(plan, START + timedelta(seconds=49)) == plan[0]
    assert latest(plan, START + timedelta(hours=1)) == plan[1]


def test_passed_and_remaining_split_a_plan_at_now() -> None:
    plan = (Transition(START, RunState.RUNNING), Transition(START + timedelta(minutes=1), RunState.FAILED))
    assert (passed(plan, START - timedelta(seconds=1)), remaining(plan, START - timedelta(seconds=1))) == ((), plan)
    assert (passed(plan, START), remaining(plan, START)) == (plan[:1], plan[1:])
    assert (passed(plan, START + timedelta(hours=1)), remaining(plan, START + timedelta(hours=1))) == (plan, ())


def test_an_outcome_is_one_the_dialect_can_express() -> None:
    assert draw_outcome((RunState.RUNNING, RunState.FAILED), random.Random(1)) is RunState.FAILED
    assert draw_outcome((RunState.PENDING,), random.Random(1)) is None
