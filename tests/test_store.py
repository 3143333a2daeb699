"""Store queries: ownership, filters and the newest-first order the specs document."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from mock_server.data.generate import REFERENCE_TIME, generate_store
from mock_server.data.model import Run, RunState
from mock_server.data.store import Store
from mock_server.dialects import DIALECTS


@pytest.fixture(scope="module")
def store() -> Store:
    return generate_store(0, DIALECTS["cortex-v2"]().vocabulary)


def test_runs_come_newest_first_with_ties_broken_by_id_descending(store: Store) -> None:
    runs = store.runs(store.demo.tenant_id)
    keys = [(run.created_at, run.id) for run in runs]
    assert keys == sorted(keys, reverse=True)


def test_runs_of_a_workflow_belong_to_it_and_its_tenant(store: Store) -> None:
    runs = store.runs(store.demo.tenant_id, store.demo.workflow_id)
    assert runs
    assert {(run.workflow_tenant_id, run.workflow_id) for run in runs} == {
        (store.demo.tenant_id, store.demo.workflow_id)
    }


def test_tenant_runs_span_all_its_workflows(store: Store) -> None:
    runs = store.runs(store.demo.tenant_id)
    workflows = {workflow.id for workflow in store.workflows if workflow.tenant_id == store.demo.tenant_id}
    assert {run.workflow_id for run in runs} == workflows


def test_state_filter_keeps_only_matching_runs(store: Store) -> None:
    runs = store.runs(store.demo.tenant_id, store.demo.workflow_id, states={RunState.FAILED})
    assert runs
    assert {run.state for run in runs} == {RunState.FAILED}


def test_origin_filter_keeps_only_matching_runs(store: Store) -> None:
    runs = store.runs(store.demo.tenant_id, store.demo.workflow_id, origins={"WEBHOOK"})
    assert runs
    assert {run.origin for run in runs} == {"WEBHOOK"}


def test_filters_combine(store: Store) -> None:
    both = store.runs(store.demo.tenant_id, states={RunState.SUCCEEDED}, origins={"TRIGGER"})
    assert all(run.state is RunState.SUCCEEDED and run.origin == "TRIGGER" for run in both)
    assert len(both) < len(store.runs(store.demo.tenant_id, states={RunState.SUCCEEDED}))


def test_the_same_filters_give_the_selection_already_made_and_other_filters_their_own(store: Store) -> None:
    tenant, workflow = store.demo.tenant_id, store.demo.workflow_id
    failed = store.runs(tenant, workflow, states={RunState.FAILED})
    assert store.runs(tenant, workflow, states=[RunState.FAILED]) is failed
    assert store.runs(tenant, workflow, states={RunState.SUCCEEDED}) != failed
    assert store.runs(tenant, workflow) != failed


def test_unknown_ids_find_nothing(store: Store) -> None:
    assert store.tenant("app_unknown") is None
    assert store.workflow(store.demo.tenant_id, "wf_unknown") is None
    assert store.runs("app_unknown") == ()


def test_workflow_of_another_tenant_is_not_found_under_this_one(store: Store) -> None:
    other = next(workflow for workflow in store.workflows if workflow.tenant_id != store.demo.tenant_id)
    assert store.workflow(store.demo.tenant_id, other.id) is None


def test_ordering_is_by_creation_time_even_when_given_out_of_order() -> None:
    source = generate_store(0, DIALECTS["invent"]().vocabulary)
    runs = list(source.runs(source.demo.tenant_id))
    base = datetime(2026, 1, 1, tzinfo=UTC)
    shuffled = [
        run.__class__(**{**run.__dict__, "created_at": base + timedelta(minutes=index)})
        for index, run in enumerate(reversed(runs))
    ]
    store = Store(source.tenants, source.workflows, shuffled[::2] + shuffled[1::2], source.demo)
    ordered = store.runs(source.demo.tenant_id)
    assert [run.created_at for run in ordered] == sorted((run.created_at for run in shuffled), reverse=True)


# --- time ------------------------------------------------------------------------------------------------


def active(store: Store) -> list[Run]:
    return [run for run in store.all_runs if not run.state.is_finished]


def test_before_any_transition_the_data_is_as_generated(store: Store) -> None:
    assert store.version_at(REFERENCE_TIME) == 0
    assert store.at(REFERENCE_TIME).all_runs == store.all_runs


def test_once_every_transition_has_passed_no_run_is_active(store: Store) -> None:
    assert active(store)
    later = REFERENCE_TIME + timedelta(hours=2)
    assert store.version_at(later) == sum(len(plan) for plan in store.plans.values())
    assert active(store.at(later)) == []


def test_runs_move_one_transition_at_a_time(store: Store) -> None:
    moments = sorted(step.at for plan in store.plans.values() for step in plan)
    first = moments[0]
    assert store.version_at(first - timedelta(microseconds=1)) == 0
    assert store.version_at(first) == 1
    before, after = store.at(first - timedelta(microseconds=1)), store.at(first)
    changed = [(a, b) for a, b in zip(before.all_runs, after.all_runs, strict=True) if a != b]
    assert len(changed) == 1
    ((was, now),) = changed
    assert now.updated_at == first
    assert now.created_at == was.created_at


def test_a_snapshot_is_reused_until_the_next_transition(store: Store) -> None:
    assert store.at(REFERENCE_TIME + timedelta(seconds=1)) is store.at(REFERENCE_TIME + timedelta(seconds=2))


def test_the_moment_of_now_is_its_version_and_its_snapshot(store: Store) -> None:
    moments = sorted(step.at for plan in store.plans.values() for step in plan)
    for now in (REFERENCE_TIME, moments[0], moments[-1] + timedelta(seconds=1)):
        version, snapshot = store.moment(now)
        assert version == store.version_at(now)
        assert snapshot is store.at(now)


def test_a_store_without_plans_is_its_own_snapshot_at_every_moment(store: Store) -> None:
    settled = store.at(REFERENCE_TIME + timedelta(hours=2))
    assert settled.moment(REFERENCE_TIME + timedelta(hours=3)) == (0, settled)


def test_order_and_membership_never_change_as_runs_move(store: Store) -> None:
    later = store.at(REFERENCE_TIME + timedelta(hours=2))
    ids = [run.id for run in store.runs(store.demo.tenant_id)]
    assert [run.id for run in later.runs(store.demo.tenant_id)] == ids


def test_a_run_keeps_the_start_time_it_got_when_it_began_running(store: Store) -> None:
    pending = next(run for run in store.all_runs if run.state is RunState.PENDING and len(store.plans[run.id]) == 2)
    began, ended = store.plans[pending.id]
    finished = store.at(ended.at).run(pending.id)
    assert finished is not None
    assert finished.started_at == began.at
    assert finished.ended_at == ended.at


def test_current_gives_a_run_at_now_with_the_transitions_still_ahead(store: Store) -> None:
    run_id = next(iter(store.plans))
    plan = store.plans[run_id]
    current = store.current(run_id, plan[0].at)
    assert current is not None
    assert current[0] == store.at(plan[0].at).run(run_id)
    assert current[1] == plan[1:]
    assert store.current("run_nope", plan[0].at) is None


def test_replacing_a_run_swaps_its_record_and_plan_and_keeps_the_rest(store: Store) -> None:
    run_id = next(iter(store.plans))
    record = store.at(REFERENCE_TIME).run(run_id)
    assert record is not None
    changed = store.replacing(replace(record, error="stopped"))
    assert run_id not in changed.plans
    assert changed.run(run_id) == replace(record, error="stopped")
    assert len(changed.all_runs) == len(store.all_runs)
