"""A served dialect: every change goes through its repository, moves the data's version, drops replies of the old
data and keeps the tokens in step with the tenants."""

from __future__ import annotations

import pytest

from mock_server.data.changes import Cancel, Replay, Reset, Retry, SetRetention, Trigger
from mock_server.data.clock import VirtualClock
from mock_server.data.generate import REFERENCE_TIME
from mock_server.data.model import Run, RunState
from mock_server.data.writes import Conflict, NotFound, Scope, TriggerRequest
from mock_server.dialects import DIALECTS
from mock_server.dialects.base import Reply
from mock_server.web.auth import EVERY_TENANT, Access, TokenRegistry
from mock_server.web.data_set import DataSet
from mock_server.web.state import Mount


def mount_of(
    name: str, seed: int = 0, tokens: TokenRegistry | None = None, speed: float = 1.0, demo_token: bool = True
) -> Mount:
    dialect = DIALECTS[name]()
    data = DataSet.generated(seed, [dialect.vocabulary], VirtualClock(REFERENCE_TIME, speed=speed))
    return Mount(dialect, f"/{name}", tokens or TokenRegistry(["t"]), data, demo_token=demo_token)


def test_a_reset_replaces_the_data_and_forgets_cached_replies() -> None:
    mount = mount_of("cortex-v1")
    before = mount.fixture
    for _ in range(2):  # kept the second time
        mount.replies.get("key", lambda: Reply(200, []))
    assert len(mount.replies) == 1
    mount.apply(Reset(5))
    assert mount.seed == 5
    assert mount.fixture != before
    assert len(mount.replies) == 0
    mount.apply(Reset(0))
    assert mount.fixture == before


def test_a_reset_restarts_the_request_ids_from_its_seed() -> None:
    mount, fresh = mount_of("b3os"), mount_of("b3os", seed=6)
    mount.request_ids.next()
    mount.apply(Reset(6))
    assert [mount.request_ids.next() for _ in range(3)] == [fresh.request_ids.next() for _ in range(3)]


def test_the_fixture_gives_the_demo_token_and_the_parameters_of_the_demo_data_and_so_for_every_tenant() -> None:
    mount = mount_of("b3os", seed=3)
    view = mount.read().view
    demo = {"token": mount.dialect.demo_token, "params": {"id": view.demo.workflow_id}}
    fixture = mount.fixture
    tenants = fixture.pop("tenants")
    assert fixture == demo
    assert tenants[0] == demo
    assert len(tenants) == len(view.tenants) == 3
    assert len({entry["token"] for entry in tenants}) == 3
    for entry, tenant in zip(tenants[1:], view.tenants[1:], strict=True):
        assert entry["token"] == mount.dialect.tenant_token(3, tenant.id)
        assert view.workflow(tenant.id, entry["params"]["id"]) is not None


def test_each_tenants_token_sees_its_tenant_only_and_a_token_given_to_the_mock_every_tenant() -> None:
    mount = mount_of("cortex-v1", tokens=TokenRegistry(["team"], {"bound": "app_x"}))
    tenants = mount.read().view.tenants
    for entry in mount.fixture["tenants"]:
        assert mount.tokens.access(entry["token"]) == Access(entry["params"]["app_id"])
    assert {entry["params"]["app_id"] for entry in mount.fixture["tenants"]} == {t.id for t in tenants}
    assert mount.tokens.access("team") == EVERY_TENANT
    assert mount.tokens.access("bound") == Access("app_x")
    assert mount.tokens.access(mount.dialect.tenant_token(1, tenants[1].id)) is None


def test_tokens_follow_the_data_a_reset_gives_other_tenants_other_tokens_and_the_demo_token_the_new_demo() -> None:
    mount = mount_of("invent", tokens=TokenRegistry())
    before = mount.fixture["tenants"][1]["token"]
    mount.apply(Reset(4))
    view = mount.read().view
    assert mount.tokens.access(before) is None
    assert mount.tokens.access(mount.dialect.demo_token) == Access(view.demo.tenant_id)
    assert mount.tokens.access(mount.fixture["tenants"][1]["token"]) == Access(view.tenants[1].id)


def cortex_mount(seed: int = 0) -> Mount:
    return mount_of("cortex-v2", seed=seed, speed=0)


def demo_trigger(mount: Mount) -> Trigger:
    demo = mount.read().view.demo
    return Trigger(TriggerRequest(demo.workflow_id, demo.tenant_id))


def test_a_write_changes_the_data_and_its_version_and_forgets_cached_replies() -> None:
    mount = cortex_mount()
    before = mount.read()
    for _ in range(2):  # kept the second time
        mount.replies.get("key", lambda: Reply(200, []))
    assert len(mount.replies) == 1
    run = mount.submit(demo_trigger(mount))
    after = mount.read()
    assert after.version[:2] == (0, 1) != before.version[:2]
    assert mount.version() == after.version
    assert len(mount.replies) == 0
    assert after.view.run(run.id) == run
    assert after.view.runs(after.view.demo.tenant_id)[0] == run


def test_a_refused_write_changes_nothing_not_even_the_version() -> None:
    mount = cortex_mount()
    before = mount.read()
    with pytest.raises(NotFound):
        mount.submit(Cancel("run_nope"))
    assert mount.read() == before


def test_a_change_that_makes_no_run_is_no_write() -> None:
    mount = cortex_mount()
    with pytest.raises(TypeError, match="Reset made no run"):
        mount.submit(Reset(0))


def test_the_same_sequence_of_writes_gives_the_same_runs_and_a_reset_restores_the_generated_data() -> None:
    def story(mount: Mount) -> list[Run]:
        first = mount.submit(demo_trigger(mount))
        mount.data.clock.advance(30)
        cancelled = mount.submit(Cancel(first.id))
        retried = mount.submit(Replay(first.id))
        kept = mount.submit(SetRetention(retried.id, 600, preserve_on_failure=True))
        found = mount.read().view.run(first.id)
        assert found is not None
        return [first, cancelled, retried, kept, found]

    mount = cortex_mount()
    generated = mount.read()
    told = story(mount)
    assert told == story(cortex_mount())
    assert told[1].state is RunState.CANCELLED
    assert told[2].source_run_id == told[0].id
    mount.apply(Reset(0))
    mount.data.clock.reset(REFERENCE_TIME)
    reset = mount.read()
    assert reset.version[1:] == generated.version[1:]
    assert reset.view.runs(reset.view.demo.tenant_id) == generated.view.runs(generated.view.demo.tenant_id)
    assert story(mount) == told


def test_retry_follows_the_callers_rule_of_what_may_be_retried() -> None:
    mount = mount_of("b3os", speed=0)
    view = mount.read().view
    failed = next(run for run in view.runs(view.demo.tenant_id) if run.state is RunState.FAILED)
    with pytest.raises(Conflict):
        mount.submit(Retry(failed.id, retryable=frozenset({RunState.CANCELLED})))
    assert mount.submit(Retry(failed.id, Scope(workflow_id=failed.workflow_id))).source_run_id == failed.id


def test_without_the_demo_token_the_fixture_gives_the_parameters_only_and_no_tenant_token_is_accepted() -> None:
    mount = mount_of("b3os", seed=3, tokens=TokenRegistry(["team-secret"]), demo_token=False)
    view = mount.read().view
    fixture = mount.fixture
    tenants = fixture.pop("tenants")
    assert fixture == {"params": {"id": view.demo.workflow_id}}
    assert all(set(entry) == {"params"} for entry in tenants)
    assert mount.tokens.access(mount.dialect.demo_token) is None
    assert mount.tokens.access(mount.dialect.tenant_token(3, view.tenants[1].id)) is None
