"""What an active run becomes, and when: a plan of transitions drawn from the seed.

A pending run starts and later finishes, a running one finishes, a waiting one resumes and finishes; the
outcome (succeeded, failed or cancelled, as the dialect can express) and the moments are drawn from a random
source seeded per run, so the same seed always moves the same way.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta

from mock_server.data.model import RunState

OUTCOME_WEIGHTS = {RunState.SUCCEEDED: 70, RunState.FAILED: 20, RunState.CANCELLED: 10}


@dataclass(frozen=True, order=True)
class Transition:
    at: datetime
    state: RunState


def plan_transitions(
    state: RunState, states: tuple[RunState, ...], rng: random.Random, start: datetime
) -> tuple[Transition, ...]:
    """The transitions of a run in `state` at `start`, using only the `states` its dialect knows."""
    outcomes = [outcome for outcome in OUTCOME_WEIGHTS if outcome in states]
    if state.is_finished or not outcomes:
        return ()
    steps: list[Transition] = []
    moment = start
    if state is RunState.PENDING and RunState.RUNNING in states:
        moment += timedelta(seconds=rng.randint(15, 90))
        steps.append(Transition(moment, RunState.RUNNING))
    elif state is RunState.WAITING and RunState.RUNNING in states:
        moment += timedelta(seconds=rng.randint(45, 180))
        steps.append(Transition(moment, RunState.RUNNING))
    moment += timedelta(seconds=rng.randint(30, 300))
    outcome = rng.choices(outcomes, weights=[OUTCOME_WEIGHTS[o] for o in outcomes])[0]
    steps.append(Transition(moment, outcome))
    return tuple(steps)


def draw_outcome(states: tuple[RunState, ...], rng: random.Random) -> RunState | None:
    """How a run ends, among the outcomes the dialect can express."""
    outcomes = [outcome for outcome in OUTCOME_WEIGHTS if outcome in states]
    return rng.choices(outcomes, weights=[OUTCOME_WEIGHTS[o] for o in outcomes])[0] if outcomes else None


def latest(plan: tuple[Transition, ...], now: datetime) -> Transition | None:
    """The last transition of `plan` that has happened by `now`."""
    index = bisect_right([step.at for step in plan], now)
    return plan[index - 1] if index else None


def passed(plan: tuple[Transition, ...], now: datetime) -> tuple[Transition, ...]:
    """The transitions of `plan` that have happened by `now`, in order."""
    return plan[: bisect_right([step.at for step in plan], now)]


def remaining(plan: tuple[Transition, ...], now: datetime) -> tuple[Transition, ...]:
    """The transitions of `plan` still to come after `now`."""
    return plan[bisect_right([step.at for step in plan], now) :]
