"""The in-memory repository: the data as a function of the seed and the changes applied, versioned, with refused
changes and repeated requests counting for nothing."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta

import pytest

from mock_server.data.changes import AddTenants, Cancel, Change, Outcome, Replay, Reset, Retry, SetRetention, Trigger
from mock_server.data.compose import RunSpec, TenantSpec, WorkflowSpec
from mock_server.data.generate import REFERENCE_TIME, Generator
from mock_server.data.model import Run, RunState
from mock_server.data.repository import InMemoryRepository
from mock_server.data.schedule import live_store
from mock_server.data.view import StoreView
from mock_server.data.writes import NotFound, Scope, TriggerRequest, WrongState, trigger
from mock_server.dialects import DIALECTS

VOCABULARY = DIALECTS["cortex-v2"]().vocabulary
NOW = REFERENCE_TIME + timedelta(minutes=1)


def repository(seed: int = 0) -> InMemoryRepository:
    return InMemoryRepository(seed, VOCABULARY)


def demo_trigger(repository: InMemoryRepository, identifier: str | None = None) -> Trigger:
    demo = repository.read(NOW).view.demo
    return Trigger(TriggerRequest(demo.workflow_id, demo.tenant_id), identifier)


def every_run(view: StoreView) -> tuple[Run, ...]:
    return tuple(run for tenant in view.tenants for run in view.runs(tenant.id))


def made(outcome: Outcome) -> Run:
    assert outcome.run is not None
    return outcome.run


def finished_run_id(repository: InMemoryRepository) -> str:
    view = repository.read(NOW).view
    return next(run.id for run in view.runs(view.demo.tenant_id) if run.state is RunState.SUCCEEDED)


def test_a_fresh_repository_holds_the_generated_data_of_its_seed_with_no_reset_or_change_counted() -> None:
    fresh = repository(4)
    generated = live_store(4, VOCABULARY)
    assert fresh.seed == 4
    assert every_run(fresh.read(REFERENCE_TIME).view) == every_run(generated.at(REFERENCE_TIME))
    expected = (0, 0, generated.version_at(REFERENCE_TIME))
    assert fresh.version(REFERENCE_TIME) == fresh.read(REFERENCE_TIME).version == expected


def test_the_version_moves_with_each_transition_passed_and_the_view_with_it() -> None:
    moving = repository()
    first = moving.read(REFERENCE_TIME)
    later = REFERENCE_TIME + timedelta(hours=1)
    second = moving.read(later)
    assert second.version[:2] == (0, 0)
    assert second.version[2] > first.version[2]
    assert second.version == moving.version(later)
    assert second.view is not first.view
    assert moving.read(later) is second  # the same moment: the same reading


def test_the_version_moves_with_each_change_applied() -> None:
    changing = repository()
    before = changing.read(NOW)
    run = made(changing.apply(demo_trigger(changing), NOW))
    after = changing.read(NOW)
    assert after.version == (0, 1, before.version[2])
    assert (after.view.run(run.id), before.view.run(run.id)) == (run, None)


def test_change_n_draws_from_its_own_source_of_the_seed() -> None:
    changing = repository()
    changing.apply(Cancel(finished_run_id(changing), cancellable=frozenset(RunState)), NOW)
    store = live_store(0, VOCABULARY)
    expected = trigger(store, NOW, Generator(0, VOCABULARY, ":change:1"), demo_trigger(changing).request).run
    assert made(changing.apply(demo_trigger(changing), NOW)) == expected


def test_a_refused_change_changes_nothing_not_even_the_count_of_changes() -> None:
    refusing = repository()
    before = refusing.read(NOW)
    for refused in (Cancel("run_nope"), Cancel(finished_run_id(refusing)), SetRetention("run_nope", 60, False)):
        with pytest.raises((NotFound, WrongState)):
            refusing.apply(refused, NOW)
    assert refusing.read(NOW) is before
    first = made(refusing.apply(demo_trigger(refusing), NOW))
    assert refusing.read(NOW).version[1] == 1
    assert first == made(repository().apply(demo_trigger(refusing), NOW))  # drawn as change 0: nothing counted


def test_a_trigger_with_an_identifier_already_used_answers_the_run_it_made_and_makes_nothing() -> None:
    idempotent = repository()
    first = made(idempotent.apply(demo_trigger(idempotent, "key-1"), NOW))
    version = idempotent.version(NOW)
    later = NOW + timedelta(seconds=1)
    again = made(idempotent.apply(demo_trigger(idempotent, "key-1"), later))
    assert (again.id, again) == (first.id, idempotent.read(later).view.run(first.id))
    assert idempotent.version(NOW) == version
    assert made(idempotent.apply(demo_trigger(idempotent, "key-2"), NOW)).id != first.id


def test_a_replay_with_an_identifier_already_used_answers_its_run_to_a_caller_who_sees_the_source() -> None:
    idempotent = repository()
    source = finished_run_id(idempotent)
    replayed = made(idempotent.apply(Replay(source, identifier="once"), NOW))
    assert made(idempotent.apply(Replay(source, identifier="once"), NOW)) == replayed
    with pytest.raises(NotFound):
        idempotent.apply(Replay(source, Scope("app_other"), identifier="once"), NOW)
    assert idempotent.version(NOW)[1] == 1


def test_a_reset_starts_a_new_generation_of_its_seed_forgetting_changes_and_identifiers() -> None:
    resetting = repository()
    generated = every_run(resetting.read(NOW).view)
    first = made(resetting.apply(demo_trigger(resetting, "key"), NOW))
    resetting.apply(Reset(5), NOW)
    assert (resetting.seed, resetting.version(NOW)[:2]) == (5, (1, 0))
    assert every_run(resetting.read(NOW).view) == every_run(live_store(5, VOCABULARY).at(NOW))
    resetting.apply(Reset(0), NOW)
    assert resetting.version(NOW)[:2] == (2, 0)
    assert every_run(resetting.read(NOW).view) == generated
    assert made(resetting.apply(demo_trigger(resetting, "key"), NOW)) == first  # made afresh, as change 0 again
    assert resetting.version(NOW)[1] == 1


def story(now: datetime, demo: TriggerRequest, source: str) -> list[tuple[Change, datetime]]:
    """Changes, each with the moment it is applied at."""
    spec = TenantSpec(None, "Added", (WorkflowSpec(None, None, (RunSpec(RunState.RUNNING),)),))
    return [
        (Trigger(demo, "key"), now),
        (AddTenants((spec,)), now + timedelta(seconds=5)),
        (Trigger(demo, "key"), now + timedelta(seconds=6)),
        (Retry("run_nope"), now + timedelta(seconds=7)),
        (Replay(source), now + timedelta(seconds=30)),
        (Reset(2), now + timedelta(seconds=40)),
        (AddTenants((spec,)), now + timedelta(seconds=50)),
    ]


def test_the_same_list_of_changes_at_the_same_moments_gives_the_same_data_and_versions() -> None:
    one, other = repository(), repository()
    demo = demo_trigger(one).request
    changes = story(NOW, demo, finished_run_id(one))
    for target in (one, other):
        for change, at in changes:
            with contextlib.suppress(NotFound):  # the retry of a run that never was
                target.apply(change, at)
    later = NOW + timedelta(minutes=10)
    assert one.version(later) == other.version(later) == (1, 1, one.version(later)[2])
    assert every_run(one.read(later).view) == every_run(other.read(later).view)
