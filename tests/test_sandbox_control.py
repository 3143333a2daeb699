"""The admin routes of sandboxes: list them, make one afresh, forget one; for the admin token only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from mock_server import Settings, create_app

ADMIN = {"Authorization": "Bearer admin-token"}


@pytest.fixture
def client() -> Iterator[TestClient]:
    settings = Settings(dialects=("b3os",), clock_speed=0, admin_token="admin-token", sandbox_idle_seconds=120)
    with TestClient(create_app(settings)) as client:
        yield client


def use(client: TestClient, sandbox: str) -> list[str]:
    """The demo workflow's run ids as `sandbox` lists them (which makes it)."""
    fixture = client.get("/__mock__/fixtures").json()["b3os"]
    headers = {"Authorization": f"Bearer {fixture['token']}", "X-Mock-Sandbox": sandbox}
    answer = client.get(f"/v1/workflows/{fixture['params']['id']}/runs", headers=headers)
    assert answer.status_code == 200, answer.text
    return [run["id"] for run in answer.json()["data"]["items"]]


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/sandboxes"), ("POST", "/sandboxes/default/reset"), ("DELETE", "/sandboxes/one")],
)
def test_every_sandbox_route_needs_the_admin_token(client: TestClient, method: str, path: str) -> None:
    use(client, "one")
    for refused in ({}, {"Authorization": "Bearer wrong"}):
        assert client.request(method, f"/__mock__{path}", headers=refused).status_code == 401
    assert client.get("/__mock__/sandboxes", headers=ADMIN).json()["sandboxes"][1]["name"] == "one"


def test_the_sandbox_routes_are_off_without_an_admin_token() -> None:
    with TestClient(create_app(Settings(dialects=("b3os",)))) as client:
        answer = client.get("/__mock__/sandboxes", headers=ADMIN)
    assert answer.status_code == 403
    assert "--admin-token" in answer.json()["message"]


def test_the_list_names_default_first_then_the_least_recently_used_with_their_idle_time(client: TestClient) -> None:
    for name in ("b", "a", "b"):
        use(client, name)

    listed = client.get("/__mock__/sandboxes", headers=ADMIN).json()

    assert [sandbox["name"] for sandbox in listed["sandboxes"]] == ["default", "a", "b"]
    assert listed["sandboxes"][0] == {"name": "default", "idle_seconds": None, "expires_in_seconds": None}
    for sandbox in listed["sandboxes"][1:]:
        assert 0 <= sandbox["idle_seconds"] < 120
        assert sandbox["idle_seconds"] + sandbox["expires_in_seconds"] == pytest.approx(120)
    assert listed["max_sandboxes"] == 1000
    assert listed["idle_expiry_seconds"] == 120


def test_a_reset_makes_the_sandbox_afresh_and_leaves_the_others_alone(client: TestClient) -> None:
    fresh = use(client, "one")
    admin_run = {"dialect": "b3os", "status": "running"}
    for sandbox in ("one", "two"):
        added = client.post("/__mock__/runs", json=admin_run, headers={**ADMIN, "X-Mock-Sandbox": sandbox})
        assert added.status_code == 201
    changed = use(client, "two")

    answer = client.post("/__mock__/sandboxes/one/reset", headers=ADMIN)

    assert answer.status_code == 200
    assert answer.json()["name"] == "one"
    assert "token" in answer.json()["fixtures"]["b3os"]
    assert use(client, "one") == fresh
    assert use(client, "two") == changed != fresh


def test_a_reset_or_delete_of_a_sandbox_that_does_not_exist_is_a_404(client: TestClient) -> None:
    assert client.post("/__mock__/sandboxes/nobody/reset", headers=ADMIN).status_code == 404
    answer = client.delete("/__mock__/sandboxes/nobody", headers=ADMIN)
    assert answer.status_code == 404
    assert "no sandbox nobody" in answer.json()["message"]


def test_a_deleted_sandbox_is_gone_and_named_again_starts_afresh(client: TestClient) -> None:
    fresh = use(client, "one")
    client.post(
        "/__mock__/runs", json={"dialect": "b3os", "status": "running"}, headers={**ADMIN, "X-Mock-Sandbox": "one"}
    )

    assert client.delete("/__mock__/sandboxes/one", headers=ADMIN).status_code == 204

    assert [s["name"] for s in client.get("/__mock__/sandboxes", headers=ADMIN).json()["sandboxes"]] == ["default"]
    assert use(client, "one") == fresh


def test_the_default_sandbox_is_never_deleted_but_can_be_reset(client: TestClient) -> None:
    fresh = use(client, "default")
    client.post("/__mock__/runs", json={"dialect": "b3os", "status": "running"}, headers=ADMIN)
    assert use(client, "default") != fresh

    refused = client.delete("/__mock__/sandboxes/default", headers=ADMIN)
    assert refused.status_code == 400
    assert "reset it" in refused.json()["message"]

    assert client.post("/__mock__/sandboxes/default/reset", headers=ADMIN).status_code == 200
    assert use(client, "default") == fresh
