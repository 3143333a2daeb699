"""A served dialect's state: writes and reseeding replace the data and drop replies of the old data."""

from __future__ import annotations

import pytest

from mock_server.data.clock import VirtualClock
from mock_server.data.generate import REFERENCE_TIME
from mock_server.data.model import Run, RunState
from mock_server.data.writes import Conflict, NotFound, Scope, TriggerRequest
from mock_server.dialects import DIALECTS
from mock_server.dialects.base import Reply
from mock_server.web.auth import EVERY_TENANT, Access, TokenRegistry
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


def test_the_fixture_gives_the_demo_token_and_the_parameters_of_the_demo_data_and_so_for_every_tenant() -> None:
    mount = Mount(DIALECTS["b3os"], "", TokenRegistry(["t"]), seed=3, clock=VirtualClock(REFERENCE_TIME))
    demo = {"token": DIALECTS["b3os"].demo_token, "params": {"id": mount.store.demo.workflow_id}}
    fixture = mount.fixture
    tenants = fixture.pop("tenants")
    assert fixture == demo
    assert tenants[0] == demo
    assert len(tenants) == len(mount.store.tenants) == 3
    assert len({entry["token"] for entry in tenants}) == 3
    for entry, tenant in zip(tenants[1:], mount.store.tenants[1:], strict=True):
        assert entry["token"] == DIALECTS["b3os"].tenant_token(3, tenant.id)
        assert mount.store.workflow(tenant.id, entry["params"]["id"]) is not None


def test_each_tenants_token_sees_its_tenant_only_and_a_token_given_to_the_mock_every_tenant() -> None:
    mount = Mount(
        DIALECTS["cortex-v1"],
        "",
        TokenRegistry(["team"], {"bound": "app_x"}),
        seed=0,
        clock=VirtualClock(REFERENCE_TIME),
    )
    for entry in mount.fixture["tenants"]:
        assert mount.tokens.access(entry["token"]) == Access(entry["params"]["app_id"])
    assert {entry["params"]["app_id"] for entry in mount.fixture["tenants"]} == {t.id for t in mount.store.tenants}
    assert mount.tokens.access("team") == EVERY_TENANT
    assert mount.tokens.access("bound") == Access("app_x")
    assert mount.tokens.access(DIALECTS["cortex-v1"].tenant_token(1, mount.store.tenants[1].id)) is None


def test_tokens_follow_the_data_a_reseed_gives_other_tenants_other_tokens_and_the_demo_token_the_new_demo() -> None:
    mount = Mount(DIALECTS["invent"], "", TokenRegistry(), seed=0, clock=VirtualClock(REFERENCE_TIME))
    before = mount.fixture["tenants"][1]["token"]
    mount.reseed(4)
    assert mount.tokens.access(before) is None
    assert mount.tokens.access(DIALECTS["invent"].demo_token) == Access(mount.store.demo.tenant_id)
    assert mount.tokens.access(mount.fixture["tenants"][1]["token"]) == Access(mount.store.tenants[1].id)


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


def test_without_the_demo_token_the_fixture_gives_the_parameters_only_and_no_tenant_token_is_accepted() -> None:
    clock = VirtualClock(REFERENCE_TIME)
    mount = Mount(DIALECTS["b3os"], "", TokenRegistry(["team-secret"]), seed=3, clock=clock, demo_token=False)
    fixture = mount.fixture
    tenants = fixture.pop("tenants")
    assert fixture == {"params": {"id": mount.store.demo.workflow_id}}
    assert all(set(entry) == {"params"} for entry in tenants)
    assert mount.tokens.access(DIALECTS["b3os"].demo_token) is None
    assert mount.tokens.access(DIALECTS["b3os"].tenant_token(3, mount.store.tenants[1].id)) is None
