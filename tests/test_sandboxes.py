"""Sandboxes: each client that names one with `X-Mock-Sandbox` gets its own data, clock and request log, made on
its first authenticated request, dropped when idle, bounded in number; without the header, the default one."""

from __future__ import annotations

import dataclasses
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from mock_server import Settings
from mock_server.app import MockApp
from mock_server.data.generate import Generator
from mock_server.dialects import DIALECTS
from mock_server.web.sandboxes import invalid_name
from workflow_runs_specs.reader import Spec

ADMIN = "admin-token"
SETTINGS = Settings(dialects=("b3os",), clock_speed=0, admin_token=ADMIN)


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def mock() -> Iterator[tuple[MockApp, TestClient]]:
    app = MockApp(SETTINGS)
    with TestClient(app.app) as client:
        yield app, client


def headers(token: str, sandbox: str | None = None) -> dict[str, str]:
    named = {"X-Mock-Sandbox": sandbox} if sandbox is not None else {}
    return {"Authorization": f"Bearer {token}", **named}


def demo(client: TestClient) -> tuple[str, str]:
    fixture = client.get("/__mock__/fixtures").json()["b3os"]
    return fixture["token"], fixture["params"]["id"]


def run_ids(client: TestClient, sandbox: str | None = None) -> list[str]:
    token, workflow = demo(client)
    answer = client.get(f"/v1/workflows/{workflow}/runs", params={"limit": 100}, headers=headers(token, sandbox))
    assert answer.status_code == 200, answer.text
    return [run["id"] for run in answer.json()["data"]["items"]]


def trigger(client: TestClient, sandbox: str | None, **body: str) -> str:
    token, workflow = demo(client)
    answer = client.post(f"/v1/workflows/{workflow}/run", json=body, headers=headers(token, sandbox))
    assert answer.status_code == 200, answer.text
    run_id: str = answer.json()["data"]["runId"]
    return run_id


def sandbox_names(client: TestClient) -> list[str]:
    listed = client.get("/__mock__/sandboxes", headers={"Authorization": f"Bearer {ADMIN}"}).json()
    return [sandbox["name"] for sandbox in listed["sandboxes"]]


def test_a_run_triggered_in_a_sandbox_is_seen_there_only(mock: tuple[MockApp, TestClient]) -> None:
    _, client = mock
    before = run_ids(client)

    made = trigger(client, "ci-job-1")

    assert run_ids(client, "ci-job-1")[0] == made
    assert made not in run_ids(client, "ci-job-2")
    assert run_ids(client) == before
    token, _ = demo(client)
    assert client.get(f"/v1/runs/{made}", headers=headers(token, "ci-job-2")).status_code == 404
    assert client.get(f"/v1/runs/{made}", headers=headers(token, "ci-job-1")).status_code == 200


def test_naming_default_is_the_same_as_naming_no_sandbox(mock: tuple[MockApp, TestClient]) -> None:
    _, client = mock
    made = trigger(client, "default")

    assert run_ids(client)[0] == made
    assert sandbox_names(client) == ["default"]


def test_a_request_authentication_refused_makes_no_sandbox(mock: tuple[MockApp, TestClient]) -> None:
    _, client = mock
    _, workflow = demo(client)

    refused = client.get(f"/v1/workflows/{workflow}/runs", headers=headers("not-a-token", "never-made"))

    assert refused.status_code == 401
    assert sandbox_names(client) == ["default"]


@pytest.mark.parametrize("dialect", list(DIALECTS))
@pytest.mark.parametrize("name", ["", "has space", "x" * 65, "-leading", "a/b", "y" * 8000])
def test_a_bad_sandbox_name_is_refused_in_the_dialects_error_shape_after_authentication(
    dialect: str, name: str
) -> None:
    app = MockApp(dataclasses.replace(SETTINGS, dialects=(dialect,)))
    with TestClient(app.app) as client:
        fixture = client.get("/__mock__/fixtures").json()[dialect]
        listed = listing_path(dialect, fixture["params"])
        refused = client.get(listed, headers=headers(fixture["token"], name))
        unauthenticated = client.get(listed, headers={"X-Mock-Sandbox": name})

    expected = DIALECTS[dialect]().error(invalid_name(name))
    assert refused.status_code == expected.status
    assert set(refused.json()) == set(expected.body)
    assert "X-Mock-Sandbox" in refused.text
    assert len(refused.content) < 2000  # a long value is not echoed whole
    assert unauthenticated.status_code == 401


def listing_path(dialect: str, params: dict[str, str]) -> str:
    return Spec.of_dialect(dialect).list_runs().path.format(**params)


def test_past_the_maximum_a_new_sandbox_answers_429_with_retry_after_and_the_others_still_serve() -> None:
    app = MockApp(dataclasses.replace(SETTINGS, max_sandboxes=2, sandbox_idle_seconds=600))
    app.sandboxes.monotonic = time = FakeTime()
    with TestClient(app.app) as client:
        trigger(client, "one")
        time.now += 100
        trigger(client, "two")

        token, workflow = demo(client)
        refused = client.get(f"/v1/workflows/{workflow}/runs", headers=headers(token, "three"))

        assert refused.status_code == 429
        assert refused.headers["Retry-After"] == "500"  # when "one", the least recently used, expires
        assert "Too many sandboxes" in refused.json()["message"]
        assert run_ids(client, "one")
        assert run_ids(client, "two")
        assert run_ids(client)
        assert sandbox_names(client) == ["default", "one", "two"]


def test_an_idle_sandbox_expires_and_is_made_afresh_when_named_again() -> None:
    app = MockApp(dataclasses.replace(SETTINGS, sandbox_idle_seconds=60))
    app.sandboxes.monotonic = time = FakeTime()
    with TestClient(app.app) as client:
        fresh = run_ids(client, "dev")
        made = trigger(client, "dev")
        time.now += 59
        assert run_ids(client, "dev")[0] == made  # used again: its idle time starts over
        time.now += 59
        assert sandbox_names(client) == ["default", "dev"]
        time.now += 2

        assert sandbox_names(client) == ["default"]
        assert run_ids(client, "dev") == fresh


def test_the_clock_request_log_and_fixtures_are_each_sandboxs_own(mock: tuple[MockApp, TestClient]) -> None:
    _, client = mock
    admin = {"Authorization": f"Bearer {ADMIN}"}
    run_ids(client, "mine")
    run_ids(client)

    moved = client.post("/__mock__/clock", json={"advance": 3600}, headers={**admin, "X-Mock-Sandbox": "mine"})
    mine = client.get("/__mock__/requests", headers={**admin, "X-Mock-Sandbox": "mine"}).json()["requests"]
    shared = client.get("/__mock__/requests", headers=admin).json()["requests"]

    assert moved.status_code == 200
    assert client.get("/__mock__/clock", headers={"X-Mock-Sandbox": "mine"}).json() == moved.json()
    assert client.get("/__mock__/clock").json()["now"] != moved.json()["now"]
    assert [entry["headers"].get("x-mock-sandbox") for entry in mine] == ["mine"]
    assert [entry["headers"].get("x-mock-sandbox") for entry in shared] == [None]
    tenants = {
        "tenants": [{"id": "t-sandboxed", "workflows": [{"name": "Sandboxed", "runs": [{"status": "running"}]}]}]
    }
    scenario = {"dialects": {"b3os": tenants}}
    loaded = client.post("/__mock__/scenario", json=scenario, headers={**admin, "X-Mock-Sandbox": "mine"})
    assert loaded.status_code == 200, loaded.text
    fixtures_of = {
        name: client.get("/__mock__/fixtures", headers={"X-Mock-Sandbox": name}).json()["b3os"]["tenants"]
        for name in ("mine", "default", "not-made-yet")
    }
    assert len(fixtures_of["mine"]) == len(fixtures_of["default"]) + 1
    assert fixtures_of["not-made-yet"] == fixtures_of["default"]
    assert sandbox_names(client) == ["default", "mine"]


def test_a_sandbox_made_again_never_answers_with_replies_remembered_before(mock: tuple[MockApp, TestClient]) -> None:
    _, client = mock
    admin = {"Authorization": f"Bearer {ADMIN}"}
    fresh = run_ids(client, "again")
    trigger(client, "again")
    changed = [run_ids(client, "again") for _ in range(3)]  # remembered from the second time

    assert client.post("/__mock__/sandboxes/again/reset", headers=admin).status_code == 200
    # As many changes as before (so the same version of the data), another run, on a data set made anew.
    trigger(client, "again", runId="run_madeanew")

    assert changed[0] == changed[2]
    assert run_ids(client, "again") == ["run_madeanew", *fresh][:100]


def test_sandboxes_share_the_generated_data_so_an_idle_one_costs_little() -> None:
    app = MockApp(dataclasses.replace(SETTINGS, dialects=tuple(DIALECTS)))
    app.sandboxes.acquire("warm-up")
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(50):
            app.sandboxes.acquire(f"idle-{number}")
        cost = (tracemalloc.get_traced_memory()[0] - before) / 50
    finally:
        tracemalloc.stop()
    generated = sum(size_of_generated(app, dialect) for dialect in DIALECTS)
    assert cost < generated / 10, (cost, generated)


def size_of_generated(app: MockApp, dialect: str) -> int:
    """Bytes allocated to generate a dialect's data afresh."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept: Any = Generator(SETTINGS.seed + 1, app.dialects[dialect].vocabulary).store()
        size = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    del kept
    return size


def test_a_browser_may_send_the_header_across_origins(mock: tuple[MockApp, TestClient]) -> None:
    _, client = mock
    _, workflow = demo(client)
    asked = {
        "Origin": "http://localhost:3000",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization, x-mock-sandbox",
    }

    preflight = client.options(f"/v1/workflows/{workflow}/runs", headers=asked)

    assert preflight.status_code == 200
    assert "x-mock-sandbox" in preflight.headers["Access-Control-Allow-Headers"].lower()
