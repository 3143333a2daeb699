"""The live demo: runs the mock starts itself, on a schedule drawn from the seed, for any `now`."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mock_server.data.generate import REFERENCE_TIME, generate_store
from mock_server.data.model import RunState
from mock_server.data.schedule import WINDOW, Schedule, live_store
from mock_server.data.store import Store
from mock_server.dialects import DIALECTS


def demo_states(store: Store, seconds: float) -> set[RunState]:
    snapshot = store.at(REFERENCE_TIME + timedelta(seconds=seconds))
    return {run.state for run in snapshot.runs(store.demo.tenant_id, store.demo.workflow_id)}


def schedule_of(store: Store) -> Schedule:
    assert isinstance(store.live, Schedule)
    return store.live


@pytest.mark.slow
@pytest.mark.parametrize("dialect", list(DIALECTS))
def test_the_demo_workflow_always_has_pending_and_running_runs(dialect: str) -> None:
    vocabulary = DIALECTS[dialect]().vocabulary
    expected = {RunState.PENDING, RunState.RUNNING} & set(vocabulary.states)
    store = live_store(1, vocabulary)
    moments = [*range(0, 2 * 3600, 13), *range(7 * 86400, 7 * 86400 + 900, 17)]  # the first hours, a week on
    missing = [seconds for seconds in moments if not expected <= demo_states(store, seconds)]
    assert missing == []


def test_consecutive_arrivals_are_one_to_four_minutes_apart() -> None:
    schedule = schedule_of(live_store(0, DIALECTS["invent"]().vocabulary))
    gaps = [(schedule.arrival(k + 1) - schedule.arrival(k)).total_seconds() for k in range(1, 500)]
    assert min(gaps) >= 60
    assert max(gaps) <= 240
    assert len(set(gaps)) > 20


def test_the_last_arrival_is_found_for_any_moment() -> None:
    schedule = schedule_of(live_store(0, DIALECTS["b3os"]().vocabulary))
    for seconds in range(0, 20000, 13):
        now = schedule.start + timedelta(seconds=seconds)
        last = schedule.last_index(now)
        assert last == 0 or schedule.arrival(last) <= now
        assert schedule.arrival(last + 1) > now


def test_new_runs_appear_at_the_head_as_the_clock_moves() -> None:
    store = live_store(0, DIALECTS["cortex-v1"]().vocabulary)
    before = store.at(REFERENCE_TIME).runs(store.demo.tenant_id, store.demo.workflow_id)
    later = REFERENCE_TIME + timedelta(minutes=30)
    after = store.at(later).runs(store.demo.tenant_id, store.demo.workflow_id)
    added = [run for run in after if run.id not in {old.id for old in before}]
    assert len(added) >= 30 // 4
    assert list(after[: len(added)]) == added
    assert all(REFERENCE_TIME < run.created_at <= later for run in added)


def test_only_the_latest_window_of_scheduled_runs_is_kept_however_late() -> None:
    vocabulary = DIALECTS["aitasker"]().vocabulary
    store = live_store(0, vocabulary)
    generated = len(generate_store(0, vocabulary).all_runs)
    for days in (1, 30, 365):
        snapshot = store.at(REFERENCE_TIME + timedelta(days=days))
        assert len(snapshot.all_runs) == generated + WINDOW


def test_the_same_seed_and_moment_give_identical_data_and_another_seed_other_data() -> None:
    vocabulary = DIALECTS["cortex-v2"]().vocabulary
    moment = REFERENCE_TIME + timedelta(hours=5, seconds=17)
    first = live_store(0, vocabulary).at(moment).all_runs
    assert live_store(0, vocabulary).at(moment).all_runs == first
    assert live_store(1, vocabulary).at(moment).all_runs != first


@pytest.mark.slow
def test_the_data_version_changes_exactly_when_the_data_does() -> None:
    store = live_store(0, DIALECTS["b3os"]().vocabulary)
    previous = (store.version_at(REFERENCE_TIME), [run for run, _ in store.planned_at(REFERENCE_TIME)])
    for seconds in range(1, 1800, 4):
        now = REFERENCE_TIME + timedelta(seconds=seconds)
        current = (store.version_at(now), [run for run, _ in store.planned_at(now)])
        assert (current[0] == previous[0]) == (current[1] == previous[1]), seconds
        assert current[0] >= previous[0]
        previous = current


def test_scheduled_runs_end_after_they_start_and_node_runs_stay_inside() -> None:
    store = live_store(2, DIALECTS["cortex-v2"]().vocabulary)
    moment = REFERENCE_TIME + timedelta(hours=2)
    scheduled = [run for run in store.at(moment).all_runs if run.created_at > REFERENCE_TIME]
    assert scheduled
    for run in scheduled:
        if run.started_at is not None:
            assert run.created_at <= run.started_at
        if run.ended_at is not None and run.started_at is not None:
            assert run.started_at <= run.ended_at <= moment
        for node in run.node_runs:
            if node.started_at is not None and run.started_at is not None:
                assert node.started_at >= run.started_at


def test_the_data_version_is_the_same_whatever_order_moments_are_asked_in() -> None:
    moments = [REFERENCE_TIME + timedelta(seconds=seconds) for seconds in (0, 4000, 600, 4000, 2000, 36000, 601)]
    asked = live_store(0, DIALECTS["invent"]().vocabulary)
    answers = [asked.version_at(moment) for moment in moments]
    assert answers == [live_store(0, DIALECTS["invent"]().vocabulary).version_at(moment) for moment in moments]
    assert answers[0] < answers[2] <= answers[6] < answers[4] < answers[1] == answers[3] < answers[5]
