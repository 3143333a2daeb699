"""A served dialect's state: writes and reseeding replace the data and drop replies of the old data."""

from __future__ import annotations

import pytest

from mock_server.data.clock import VirtualClock
from mock_server.data.generate import REFERENCE_TIME
from mock_server.data.model import Run, RunState
from mock_server.data.writes import Conflict, NotFound, Scope, TriggerRequest
from mock_server.dialects import DIALECTS
from mock_server.dialects.base import Reply
from mock_server.web.auth import TokenRegistry
from mock_server.web.state import Mount


def test_reseeding_replaces_the_data_and_forgets_cached_replies() -> None:
    mount = Mount(DIALECTS["cortex-v1"], "/cortex-v1", TokenRegistry(["t"]), seed=0, clock=VirtualClock(REFERENCE_TIME))
    before = mount.fixture
    for _ in range(2):  # kept the second time
        mount.replies.get("key", lambda: Reply(200, []))
    assert len(mount.replies) == 1
    mount.reseed(5)
    assert mount.seed == 5
    assert mount.fixture != before
    assert len(mount.replies) == 0
    mount.reseed(0)
    assert mount.fixture == before


def test_the_fixture_gives_the_demo_token_and_the_parameters_of_the_demo_data() -> None:
    mount = Mount(DIALECTS["b3os"], "", TokenRegistry(["t"]), seed=3, clock=VirtualClock(REFERENCE_TIME))
    assert mount.fixture == {"token": DIALECTS["b3os"].demo_token, "params": {"id": mount.store.demo.workflow_id}}


def cortex_mount(seed: int = 0) -> Mount:
    clock = VirtualClock(REFERENCE_TIME, speed=0)
    return Mount(DIALECTS["cortex-v2"], "/cortex-v2", TokenRegistry(["t"]), seed=seed, clock=clock)


def test_a_write_replaces_the_store_changes_the_data_version_and_forgets_cached_replies() -> None:
    mount = cortex_mount()
    before, now = mount.store, mount.clock.now()
    for _ in range(2):  # kept the second time
        mount.replies.get("key", lambda: Reply(200, []))
    assert len(mount.replies) == 1
    run = mount.trigger(TriggerRequest(mount.store.demo.workflow_id, mount.store.demo.tenant_id))
    assert mount.store is not before
    assert mount.store.serial != before.serial
    assert len(mount.replies) == 0
    assert mount.get_run(run.id) == run
    assert mount.store.at(now).runs(mount.store.demo.tenant_id)[0] == run


def test_a_refused_write_changes_nothing_not_even_the_count_of_changes() -> None:
    mount = cortex_mount()
    before = mount.store
    with pytest.raises(NotFound):
        mount.cancel("run_nope")
    assert (mount.store, mount.changes) == (before, 0)


def test_the_same_sequence_of_writes_gives_the_same_runs_and_a_reset_restores_the_generated_data() -> None:
    def story(mount: Mount) -> list[Run]:
        demo = mount.store.demo
        first = mount.trigger(TriggerRequest(demo.workflow_id, demo.tenant_id))
        mount.clock.advance(30)
        cancelled = mount.cancel(first.id)
        retried = mount.replay(first.id)
        kept = mount.update_retention(retried.id, 600, preserve_on_failure=True)
        return [first, cancelled, retried, kept, mount.get_run(first.id)]

    mount = cortex_mount()
    generated = mount.store.all_runs
    told = story(mount)
    assert told == story(cortex_mount())
    assert told[1].state is RunState.CANCELLED
    assert told[2].source_run_id == told[0].id
    mount.reseed(0)
    mount.clock.reset(REFERENCE_TIME)
    assert (mount.store.all_runs, mount.changes) == (generated, 0)
    assert story(mount) == told


def test_retry_follows_the_callers_rule_of_what_may_be_retried() -> None:
    mount = Mount(DIALECTS["b3os"], "", TokenRegistry(["t"]), seed=0, clock=VirtualClock(REFERENCE_TIME, speed=0))
    failed = next(run for run in mount.store.at(mount.clock.now()).all_runs if run.state is RunState.FAILED)
    with pytest.raises(Conflict):
        mount.retry(failed.id, retryable={RunState.CANCELLED})
    assert mount.retry(failed.id, Scope(workflow_id=failed.workflow_id)).source_run_id == failed.id


def test_without_the_demo_token_the_fixture_gives_the_parameters_only() -> None:
    clock = VirtualClock(REFERENCE_TIME)
    mount = Mount(DIALECTS["b3os"], "", TokenRegistry(["team-secret"]), seed=3, clock=clock, demo_token=False)
    assert mount.fixture == {"params": {"id": mount.store.demo.workflow_id}}
