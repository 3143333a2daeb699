"""Writes on the data: get, trigger, cancel, retry, replay and retention, as pure functions of store and time."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from mock_server.data.generate import REFERENCE_TIME, Generator
from mock_server.data.model import Run, RunState
from mock_server.data.schedule import live_store
from mock_server.data.store import Store
from mock_server.data.writes import (
    Conflict,
    Invalid,
    NotFound,
    Scope,
    TriggerRequest,
    WrongState,
    cancel,
    get_run,
    replay,
    retry,
    trigger,
    update_retention,
)
from mock_server.dialects import DIALECTS

VOCABULARY = DIALECTS["cortex-v2"]().vocabulary
NOW = REFERENCE_TIME + timedelta(minutes=1)


@pytest.fixture(scope="module")
def store() -> Store:
    return live_store(0, VOCABULARY)


def draw(number: int = 0) -> Generator:
    return Generator(0, VOCABULARY, f":change:{number}")


def demo_runs(store: Store, now: datetime = NOW) -> tuple[Run, ...]:
    return store.at(now).runs(store.demo.tenant_id, store.demo.workflow_id)


def in_state(store: Store, state: RunState) -> Run:
    return next(run for run in demo_runs(store) if run.state is state)


def demo_trigger(store: Store, **fields: object) -> TriggerRequest:
    return TriggerRequest(store.demo.workflow_id, store.demo.tenant_id, **fields)  # type: ignore[arg-type]


# --- get -----------------------------------------------------------------------------------------------------
def test_get_finds_the_very_record_the_list_shows_at_that_moment(store: Store) -> None:
    for run in demo_runs(store)[:10]:
        assert get_run(store, NOW, run.id) == run


def test_a_run_of_another_tenant_or_workflow_is_not_found(store: Store) -> None:
    run = demo_runs(store)[0]
    other_tenant = next(tenant.id for tenant in store.tenants if tenant.id != store.demo.tenant_id)
    other_workflow = next(w.id for w in store.workflows if w.id != store.demo.workflow_id)
    assert get_run(store, NOW, run.id, Scope(store.demo.tenant_id, store.demo.workflow_id)) == run
    with pytest.raises(NotFound):
        get_run(store, NOW, run.id, Scope(tenant_id=other_tenant))
    with pytest.raises(NotFound):
        get_run(store, NOW, run.id, Scope(workflow_id=other_workflow))
    with pytest.raises(NotFound, match="run_nope not found"):
        get_run(store, NOW, "run_nope")


# --- trigger -------------------------------------------------------------------------------------------------
def test_a_triggered_run_heads_the_list_at_once_and_is_found_by_id(store: Store) -> None:
    written = trigger(store, NOW, draw(), demo_trigger(store, input={"ticket_id": "T-1"}, origin="WEBHOOK"))
    head = demo_runs(written.store)[0]
    assert head == written.run
    assert get_run(written.store, NOW, written.run.id) == written.run
    assert (head.state, head.created_at, head.origin, head.input) == (
        RunState.PENDING,
        NOW,
        "WEBHOOK",
        {"ticket_id": "T-1"},
    )
    assert head.node_runs == ()
    assert written.run not in demo_runs(store)


def test_a_triggered_run_moves_to_an_outcome_on_the_clock(store: Store) -> None:
    written = trigger(store, NOW, draw(), demo_trigger(store))
    later = get_run(written.store, NOW + timedelta(hours=1), written.run.id)
    assert later.state in {RunState.SUCCEEDED, RunState.FAILED, RunState.CANCELLED}
    assert later.started_at is not None
    assert later.ended_at is not None
    assert written.run.created_at <= later.started_at <= later.ended_at


def test_a_dialect_without_pending_starts_its_triggered_runs_running() -> None:
    b3os = DIALECTS["b3os"]().vocabulary
    store = live_store(0, b3os)
    written = trigger(store, NOW, Generator(0, b3os, ":change:0"), TriggerRequest(store.demo.workflow_id))
    assert written.run.state is RunState.RUNNING
    assert written.run.started_at == NOW
    assert written.run.tenant_id == store.demo.tenant_id


def test_trigger_honours_the_callers_id_version_and_flags(store: Store) -> None:
    request = demo_trigger(store, run_id="run_mine", version=1, is_test=True, is_simulation=True)
    run = trigger(store, NOW, draw(), request).run
    assert (run.id, run.version.number, run.is_test, run.is_simulation, run.is_draft) == (
        "run_mine",
        1,
        True,
        True,
        False,
    )


def test_a_draft_run_runs_the_draft_steps(store: Store) -> None:
    workflow = store.workflow(store.demo.tenant_id, store.demo.workflow_id)
    assert workflow is not None
    run = trigger(store, NOW, draw(), demo_trigger(store, version="draft")).run
    assert run.is_draft
    assert run.version.steps == workflow.draft_steps


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        pytest.param({"version": 99}, Invalid, "has no version 99", id="unknown-version"),
        pytest.param({"origin": "CARRIER_PIGEON"}, Invalid, "not an origin", id="unknown-origin"),
        pytest.param({"from_step_key": "nope"}, Invalid, "'nope' is not a step", id="unknown-step"),
    ],
)
def test_trigger_refuses_what_the_data_cannot_take(
    store: Store, fields: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        trigger(store, NOW, draw(), demo_trigger(store, **fields))


def test_trigger_refuses_a_taken_run_id_and_an_unknown_workflow(store: Store) -> None:
    taken = demo_runs(store)[3].id
    with pytest.raises(Conflict, match="already taken"):
        trigger(store, NOW, draw(), demo_trigger(store, run_id=taken))
    with pytest.raises(NotFound, match="workflow wf_nope not found"):
        trigger(store, NOW, draw(), TriggerRequest("wf_nope"))
    with pytest.raises(NotFound):
        trigger(store, NOW, draw(), TriggerRequest(store.demo.workflow_id, tenant_id="app_other"))


def test_a_run_started_from_a_step_has_node_runs_from_that_step_on(store: Store) -> None:
    steps = [step.key for step in store.workflows[0].latest_version.steps]
    written = trigger(store, NOW, draw(), demo_trigger(store, from_step_key=steps[1]))
    done = get_run(written.store, NOW + timedelta(hours=1), written.run.id)
    assert done.from_step_key == steps[1]
    assert [node.step_key for node in done.node_runs] == steps[1:]


def test_the_same_writes_from_the_same_seed_give_identical_runs_and_ids(store: Store) -> None:
    first = trigger(store, NOW, draw(3), demo_trigger(store))
    again = trigger(live_store(0, VOCABULARY), NOW, draw(3), demo_trigger(store))
    other = trigger(store, NOW, draw(4), demo_trigger(store))
    assert first.run == again.run
    assert first.run.id != other.run.id


def test_an_archived_workflow_starts_no_new_runs(store: Store) -> None:
    workflow = store.workflow(store.demo.tenant_id, store.demo.workflow_id)
    assert workflow is not None
    archived = Store(
        store.tenants,
        [replace(w, archived=True) if w == workflow else w for w in store.workflows],
        store.all_runs,
        store.demo,
        store.plans,
        store.evolve,
    )
    with pytest.raises(Invalid, match="is archived"):
        trigger(archived, NOW, draw(), demo_trigger(store))
    with pytest.raises(Invalid, match="is archived"):
        replay(archived, NOW, draw(), in_state(archived, RunState.SUCCEEDED).id)


# --- cancel --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("state", [RunState.PENDING, RunState.RUNNING, RunState.WAITING], ids=lambda s: s.value)
def test_cancelling_an_active_run_ends_it_at_once_and_for_good(state: RunState) -> None:
    store = live_store(0, DIALECTS["b3os" if state is RunState.WAITING else "cortex-v2"]().vocabulary)
    run = next(run for run in store.at(REFERENCE_TIME).all_runs if run.state is state)
    written = cancel(store, REFERENCE_TIME, run.id)
    assert (written.run.state, written.run.ended_at, written.run.updated_at) == (
        RunState.CANCELLED,
        REFERENCE_TIME,
        REFERENCE_TIME,
    )
    assert written.run.result is None
    assert all(node.ended_at is not None or node.state is RunState.SKIPPED for node in written.run.node_runs)
    assert RunState.RUNNING not in {node.state for node in written.run.node_runs}
    assert get_run(written.store, REFERENCE_TIME + timedelta(days=1), run.id) == written.run


def test_cancelling_a_finished_run_is_a_conflict_and_so_is_a_state_the_caller_excludes(store: Store) -> None:
    with pytest.raises(Conflict, match="succeeded and cannot be cancelled"):
        cancel(store, NOW, in_state(store, RunState.SUCCEEDED).id)
    with pytest.raises(Conflict):
        cancel(store, NOW, in_state(store, RunState.PENDING).id, cancellable={RunState.RUNNING})


def test_a_refusal_for_the_runs_state_names_the_state_so_a_caller_can_word_it_in_its_own_spelling(
    store: Store,
) -> None:
    run = in_state(store, RunState.SUCCEEDED)
    with pytest.raises(WrongState) as refused:
        cancel(store, NOW, run.id)
    assert (refused.value.run_id, refused.value.state) == (run.id, RunState.SUCCEEDED)
    assert refused.value.worded("COMPLETED") == f"run {run.id} is COMPLETED and cannot be cancelled"


def test_a_scope_of_one_tenant_sees_that_tenant_only_and_no_scope_sees_every_tenant() -> None:
    assert Scope("t1").sees("t1")
    assert not Scope("t1").sees("t2")
    assert Scope().sees("t1")
    assert Scope().sees("t2")


def test_cancelling_a_run_the_schedule_started_replaces_it_in_the_list(store: Store) -> None:
    later = REFERENCE_TIME + timedelta(hours=2)
    live = next(run for run in demo_runs(store, later) if run.state is RunState.RUNNING)
    written = cancel(store, later, live.id)
    listed = [run for run in demo_runs(written.store, later) if run.id == live.id]
    assert listed == [written.run]
    assert written.run.state is RunState.CANCELLED


# --- retry and replay ----------------------------------------------------------------------------------------
def test_retrying_a_failed_run_makes_a_new_run_from_its_failure_point(store: Store) -> None:
    failed = next(run for run in demo_runs(store) if run.state is RunState.FAILED and run.node_runs)
    stopped = next(node.step_key for node in failed.node_runs if node.state is RunState.FAILED)
    written = retry(store, NOW, draw(), failed.id)
    assert written.run.id != failed.id
    assert (written.run.source_run_id, written.run.from_step_key, written.run.input) == (
        failed.id,
        stopped,
        failed.input,
    )
    assert demo_runs(written.store)[0] == written.run


@pytest.mark.parametrize("state", [RunState.SUCCEEDED, RunState.RUNNING, RunState.PENDING], ids=lambda s: s.value)
def test_retrying_a_run_that_did_not_fail_or_get_cancelled_is_a_conflict(store: Store, state: RunState) -> None:
    with pytest.raises(Conflict, match="cannot be retried"):
        retry(store, NOW, draw(), in_state(store, state).id)


def test_replaying_a_finished_run_makes_a_new_run_pointing_at_it(store: Store) -> None:
    source = in_state(store, RunState.SUCCEEDED)
    step = source.version.steps[-1].key
    written = replay(store, NOW, draw(), source.id, from_step_key=step)
    assert (written.run.source_run_id, written.run.from_step_key, written.run.version) == (
        source.id,
        step,
        source.version,
    )


def test_replaying_an_active_run_is_a_conflict_and_an_unknown_step_invalid(store: Store) -> None:
    with pytest.raises(Conflict, match="only a finished run can be replayed"):
        replay(store, NOW, draw(), in_state(store, RunState.RUNNING).id)
    with pytest.raises(Invalid):
        replay(store, NOW, draw(), in_state(store, RunState.FAILED).id, from_step_key="nope")


# --- retention -----------------------------------------------------------------------------------------------
def test_a_retention_update_recomputes_the_due_date_from_the_end(store: Store) -> None:
    run = in_state(store, RunState.SUCCEEDED)
    assert run.ended_at is not None
    written = update_retention(store, NOW, run.id, 3600, preserve_on_failure=False)
    assert written.run.retention.max_age_seconds == 3600
    assert written.run.retention.due_at == run.ended_at + timedelta(hours=1)
    assert get_run(written.store, NOW, run.id) == written.run
    forever = update_retention(written.store, NOW, run.id, -1, preserve_on_failure=True).run
    assert forever.retention.due_at is None


def test_a_preserved_failure_has_no_due_date(store: Store) -> None:
    run = in_state(store, RunState.FAILED)
    assert update_retention(store, NOW, run.id, 60, preserve_on_failure=True).run.retention.due_at is None
    assert update_retention(store, NOW, run.id, 60, preserve_on_failure=False).run.retention.due_at is not None


def test_an_active_run_keeps_moving_after_a_retention_update_and_gets_its_due_date_when_it_ends(store: Store) -> None:
    run = in_state(store, RunState.RUNNING)
    written = update_retention(store, NOW, run.id, 60, preserve_on_failure=False)
    assert written.run.retention.due_at is None
    done = get_run(written.store, NOW + timedelta(hours=1), run.id)
    assert done.state.is_finished
    assert done.ended_at is not None
    assert done.retention.max_age_seconds == 60
    if done.state is not RunState.FAILED or not done.retention.preserve_on_failure:
        assert done.retention.due_at == done.ended_at + timedelta(seconds=60)


@pytest.mark.parametrize("max_age", [0, -2])
def test_a_retention_of_no_time_is_invalid(store: Store, max_age: int) -> None:
    with pytest.raises(Invalid, match="positive number of seconds, or -1"):
        update_retention(store, NOW, demo_runs(store)[0].id, max_age, preserve_on_failure=False)


def test_a_retention_whose_due_date_could_not_be_written_is_invalid(store: Store) -> None:
    with pytest.raises(Invalid, match="at most 3153600000"):
        update_retention(store, NOW, demo_runs(store)[0].id, 10**15, preserve_on_failure=False)
