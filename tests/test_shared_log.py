"""The data shared through Redis (`--state`): mocks on one real redis-server serve as one, a write answered by one
seen by the next read of any other, with the data a single process would hold."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
import redis
from starlette.testclient import TestClient

from mock_server import Settings
from mock_server.app import MockApp
from mock_server.data.shared_log import RETRY_AFTER
from tests.shared_state_support import mock_process, redis_server

ADMIN = "admin-token"


def shared(state: str | None, **options: Any) -> TestClient:
    return TestClient(MockApp(Settings(dialects=("b3os",), clock_speed=0, state=state, **options)).app)


def demo(base: TestClient | httpx.Client) -> tuple[dict[str, str], str]:
    fixture = base.get("/__mock__/fixtures").json()["b3os"]
    return {"Authorization": f"Bearer {fixture['token']}"}, fixture["params"]["id"]


def trigger(client: TestClient | httpx.Client, workflow: str, headers: dict[str, str]) -> str:
    answer = client.post(f"/v1/workflows/{workflow}/run", json={}, headers=headers)
    assert answer.status_code == 200, answer.text
    run_id: str = answer.json()["data"]["runId"]
    return run_id


def cancelled_at_once(clients: tuple[httpx.Client, ...], run_id: str, headers: dict[str, str]) -> list[int]:
    """The statuses of cancels of `run_id` sent through each client at the same moment, lowest first."""
    start = threading.Barrier(len(clients))

    def cancel(client: httpx.Client) -> int:
        start.wait()
        return client.post(f"/v1/runs/{run_id}/cancel", headers=headers).status_code

    with ThreadPoolExecutor(len(clients)) as pool:
        return sorted(pool.map(cancel, clients))


def listing(client: TestClient, workflow: str, headers: dict[str, str]) -> list[Any]:
    answer = client.get(f"/v1/workflows/{workflow}/runs", params={"limit": 100}, headers=headers)
    assert answer.status_code == 200, answer.text
    items: list[Any] = answer.json()["data"]["items"]
    return items


def test_a_run_triggered_through_one_mock_is_read_through_another_on_the_same_redis(state: str) -> None:
    one, other = shared(state), shared(state)
    headers, workflow = demo(one)

    made = trigger(one, workflow, headers)

    assert other.get(f"/v1/runs/{made}", headers=headers).status_code == 200
    assert listing(other, workflow, headers)[0]["id"] == made


def test_writes_spread_over_two_mocks_give_the_data_and_ids_one_mock_gives(state: str) -> None:
    one, other, alone = shared(state), shared(state), shared(None)
    headers, workflow = demo(alone)
    made_shared, made_alone = [], []

    for turn in range(6):
        made_shared.append(trigger((one, other)[turn % 2], workflow, headers))
        made_alone.append(trigger(alone, workflow, headers))
    cancelled = (one, other)[1].post(f"/v1/runs/{made_shared[2]}/cancel", headers=headers)
    assert alone.post(f"/v1/runs/{made_alone[2]}/cancel", headers=headers).status_code == cancelled.status_code

    assert made_shared == made_alone
    assert len(set(made_shared)) == len(made_shared)
    assert listing(one, workflow, headers) == listing(alone, workflow, headers) == listing(other, workflow, headers)


def test_a_write_refused_through_one_mock_changes_nothing_anywhere(state: str) -> None:
    one, other = shared(state), shared(state)
    headers, workflow = demo(one)
    made = trigger(one, workflow, headers)
    assert other.post(f"/v1/runs/{made}/cancel", headers=headers).status_code == 200
    before = listing(other, workflow, headers)

    assert one.post(f"/v1/runs/{made}/cancel", headers=headers).status_code == 409

    assert listing(one, workflow, headers) == listing(other, workflow, headers) == before


def test_the_clock_moved_through_one_mock_moves_for_the_other(state: str) -> None:
    one, other = shared(state, admin_token=ADMIN), shared(state, admin_token=ADMIN)
    admin = {"Authorization": f"Bearer {ADMIN}"}
    assert other.get("/__mock__/clock").json() == one.get("/__mock__/clock").json()

    moved = one.post("/__mock__/clock", json={"advance": 3600}, headers=admin).json()

    assert other.get("/__mock__/clock").json() == moved


def test_a_reset_through_one_mock_resets_the_other(state: str) -> None:
    one, other = shared(state, admin_token=ADMIN), shared(state, admin_token=ADMIN)
    headers, workflow = demo(one)
    before = listing(other, workflow, headers)
    trigger(one, workflow, headers)
    assert listing(other, workflow, headers) != before

    assert one.post("/__mock__/reset", json={}, headers={"Authorization": f"Bearer {ADMIN}"}).status_code == 200

    assert listing(other, workflow, headers) == before


def test_a_mock_started_after_writes_catches_up_with_them(state: str) -> None:
    first = shared(state)
    headers, workflow = demo(first)
    made = trigger(first, workflow, headers)

    later = shared(state)

    assert later.get(f"/v1/runs/{made}", headers=headers).status_code == 200


@pytest.mark.slow
def test_a_thousand_writes_through_one_process_are_each_seen_by_the_next_read_through_the_other(state: str) -> None:
    with (
        mock_process("--dialect", "b3os", "--state", state) as one,
        mock_process("--dialect", "b3os", "--state", state) as other,
        httpx.Client(base_url=one) as writer,
        httpx.Client(base_url=other) as reader,
    ):
        headers, workflow = demo(writer)
        unseen = []
        for _ in range(1000):
            made = trigger(writer, workflow, headers)
            if reader.get(f"/v1/runs/{made}", headers=headers).status_code != 200:
                unseen.append(made)
    assert unseen == []


@pytest.mark.slow
def test_two_concurrent_cancels_of_one_run_through_two_processes_give_one_200_and_one_409(state: str) -> None:
    with (
        mock_process("--dialect", "b3os", "--state", state, "--clock-speed", "0") as one,
        mock_process("--dialect", "b3os", "--state", state, "--clock-speed", "0") as other,
        httpx.Client(base_url=one) as first,
        httpx.Client(base_url=other) as second,
    ):
        headers, workflow = demo(first)
        outcomes = [cancelled_at_once((first, second), trigger(first, workflow, headers), headers) for _ in range(20)]
    assert outcomes == [[200, 409]] * 20


@pytest.mark.parametrize(
    ("method", "route"), [("POST", "/__mock__/sandboxes/mine/reset"), ("DELETE", "/__mock__/sandboxes/mine")]
)
def test_a_shared_sandbox_is_not_remade_by_one_process_alone_but_refused_with_a_409(
    state: str, method: str, route: str
) -> None:
    client = shared(state, admin_token=ADMIN)
    headers, workflow = demo(client)
    made = trigger(client, workflow, {**headers, "X-Mock-Sandbox": "mine"})

    refused = client.request(method, route, headers={"Authorization": f"Bearer {ADMIN}"})

    assert refused.status_code == 409
    assert "POST /__mock__/reset" in refused.text
    assert client.get(f"/v1/runs/{made}", headers={**headers, "X-Mock-Sandbox": "mine"}).status_code == 200


def test_a_write_in_a_sandbox_is_shared_with_that_sandbox_only(state: str) -> None:
    one, other = shared(state), shared(state)
    headers, workflow = demo(one)

    made = trigger(one, workflow, {**headers, "X-Mock-Sandbox": "job-1"})

    assert other.get(f"/v1/runs/{made}", headers={**headers, "X-Mock-Sandbox": "job-1"}).status_code == 200
    assert other.get(f"/v1/runs/{made}", headers={**headers, "X-Mock-Sandbox": "job-2"}).status_code == 404
    assert other.get(f"/v1/runs/{made}", headers=headers).status_code == 404


def test_with_its_redis_gone_reads_are_served_stale_writes_answer_503_and_it_catches_up_once_back() -> None:
    with redis_server(persistent=True) as server:
        lasting, losing = shared(server.address), shared(server.address)
        headers, workflow = demo(losing)
        made = trigger(losing, workflow, headers)
        before = listing(losing, workflow, headers)

        server.stop()
        read = losing.get(f"/v1/runs/{made}", headers=headers)
        refused = losing.post(f"/v1/workflows/{workflow}/run", json={}, headers=headers)
        assert listing(losing, workflow, headers) == before
        server.start()
        added_meanwhile = trigger(lasting, workflow, headers)
        time.sleep(RETRY_AFTER)
        caught_up = losing.get(f"/v1/runs/{added_meanwhile}", headers=headers)
        after = listing(losing, workflow, headers)
        assert after == listing(lasting, workflow, headers)

    assert read.status_code == 200
    assert read.headers["X-Mock-State"] == "stale"
    assert refused.status_code == 503
    assert refused.headers["Retry-After"] == "1"
    assert "shared state (--state) does not answer" in refused.json()["message"]
    assert caught_up.status_code == 200
    assert "X-Mock-State" not in caught_up.headers
    assert sorted(run["id"] for run in after) == sorted([added_meanwhile, *(run["id"] for run in before)])


def test_a_read_makes_one_check_with_redis_however_many_times_it_reads_the_data(state: str) -> None:
    client = shared(state)
    headers, workflow = demo(client)
    trigger(client, workflow, headers)
    redis_client = redis.Redis.from_url(state)
    redis_client.config_resetstat()

    assert client.get(f"/v1/workflows/{workflow}/runs", headers=headers).status_code == 200

    assert redis_client.info("commandstats")["cmdstat_xrange"]["calls"] == 1
    redis_client.close()


def test_a_tenant_added_through_one_mock_is_served_to_its_own_token_by_the_other(state: str) -> None:
    one, other = shared(state, admin_token=ADMIN), shared(state, admin_token=ADMIN)
    before = [tenant["token"] for tenant in one.get("/__mock__/fixtures").json()["b3os"]["tenants"]]
    tenants = {"tenants": [{"id": "t-added", "workflows": [{"name": "Added", "runs": [{"status": "running"}]}]}]}
    loaded = one.post(
        "/__mock__/scenario", json={"dialects": {"b3os": tenants}}, headers={"Authorization": f"Bearer {ADMIN}"}
    )
    assert loaded.status_code == 200, loaded.text

    (added,) = [t for t in one.get("/__mock__/fixtures").json()["b3os"]["tenants"] if t["token"] not in before]
    answer = other.get(
        f"/v1/workflows/{added['params']['id']}/runs", headers={"Authorization": f"Bearer {added['token']}"}
    )

    assert answer.status_code == 200, answer.text
    assert len(answer.json()["data"]["items"]) == 1
