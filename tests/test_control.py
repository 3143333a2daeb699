"""The /__mock__ routes: fixtures are open; reset answers only to the admin token and is off without one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from mock_server import Settings, create_app
from tests.dialect_client import but_request_id
from tests.servers import serving

ADMIN = "admin-secret-token"


@pytest.fixture(scope="module")
def admin_url() -> Iterator[str]:
    with serving(create_app(Settings(dialects=("b3os", "invent"), admin_token=ADMIN))) as url:
        yield url


def reset(url: str, token: str | None = ADMIN, **kwargs: Any) -> httpx.Response:
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    return httpx.post(f"{url}/__mock__/reset", headers=headers, **kwargs)


def test_reset_is_off_without_an_admin_token(mock_url: str, fixtures: dict[str, Any]) -> None:
    response = reset(mock_url, token="anything", json={"seed": 5})
    assert response.status_code == 403
    assert "--admin-token" in response.json()["message"]
    assert httpx.get(f"{mock_url}/__mock__/fixtures").json() == fixtures


@pytest.mark.parametrize("token", [None, "wrong-token", "aitk_test_mockdemo0000000000"])
def test_reset_refuses_anything_but_the_admin_token(admin_url: str, token: str | None) -> None:
    response = reset(admin_url, token=token)
    assert response.status_code == 401
    assert set(response.json()) == {"message"}


@pytest.mark.parametrize("order", ["admin-first", "admin-last"])
def test_reset_refuses_two_authorization_headers_even_with_the_admin_token_among_them(
    admin_url: str, order: str
) -> None:
    admin, other = ("Authorization", f"Bearer {ADMIN}"), ("Authorization", "Bearer wrong-token")
    headers = [admin, other] if order == "admin-first" else [other, admin]
    response = httpx.post(f"{admin_url}/__mock__/reset", headers=headers, json={"seed": 5})
    assert response.status_code == 401
    assert "one Authorization header" in response.json()["message"]


def test_fixtures_are_readable_without_any_token(admin_url: str) -> None:
    assert set(httpx.get(f"{admin_url}/__mock__/fixtures").json()) == {"b3os", "invent"}


def test_reset_to_another_seed_replaces_the_data_and_back_restores_it(admin_url: str) -> None:
    before = httpx.get(f"{admin_url}/__mock__/fixtures").json()
    b3os = before["b3os"]
    url = f"{admin_url}/b3os/v1/workflows/{b3os['params']['id']}/runs"
    headers = {"Authorization": f"Bearer {b3os['token']}"}
    original = but_request_id(httpx.get(url, headers=headers).json())

    moved = reset(admin_url, json={"seed": 42})
    assert moved.status_code == 200
    assert moved.json()["seed"] == 42
    after = httpx.get(f"{admin_url}/__mock__/fixtures").json()
    assert after != before
    assert httpx.get(url, headers=headers).status_code == 404  # that workflow is not in seed 42's data

    assert reset(admin_url, json={"seed": 0}).json()["fixtures"] == before
    assert but_request_id(httpx.get(url, headers=headers).json()) == original


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"not json", id="not-json"),
        pytest.param(b'{"seed": "seven"}', id="seed-not-an-integer"),
        pytest.param(b'{"seed": true}', id="seed-boolean"),
        pytest.param(b'{"sede": 7}', id="unknown-field"),
        pytest.param(b"[7]", id="not-an-object"),
        pytest.param(b"{" + b" " * 1_100_000 + b"}", id="oversized"),
    ],
)
def test_a_bad_reset_body_is_a_400_naming_what_to_send(admin_url: str, body: bytes) -> None:
    response = reset(admin_url, content=body)
    assert response.status_code == 400
    assert response.json()["message"]


def test_reset_only_accepts_post(admin_url: str) -> None:
    response = httpx.get(f"{admin_url}/__mock__/reset", headers={"Authorization": f"Bearer {ADMIN}"})
    assert response.status_code == 405


# --- the clock, added runs, scenarios, the request log -------------------------------------------------------


@pytest.fixture
def driven() -> Iterator[tuple[str, dict[str, Any]]]:
    """A fresh mock with a frozen clock (runs move only when told), its admin token set."""
    settings = Settings(dialects=("b3os", "cortex-v2"), admin_token=ADMIN, clock_speed=0)
    with serving(create_app(settings)) as url:
        yield url, httpx.get(f"{url}/__mock__/fixtures").json()


def admin_post(url: str, route: str, body: Any) -> httpx.Response:
    return httpx.post(f"{url}/__mock__/{route}", json=body, headers={"Authorization": f"Bearer {ADMIN}"})


def cortex_runs(url: str, fixtures: dict[str, Any], **query: str) -> list[dict[str, Any]]:
    cortex = fixtures["cortex-v2"]
    path = "/cortex-v2/apps/{app_id}/workflows/{workflow_id}/runs".format(**cortex["params"])
    response = httpx.get(
        url + path, params={"take": "100", **query}, headers={"Authorization": f"Bearer {cortex['token']}"}
    )
    assert response.status_code == 200
    runs: list[dict[str, Any]] = response.json()
    return runs


def test_the_clock_is_readable_by_anyone(driven: tuple[str, dict[str, Any]]) -> None:
    url, _ = driven
    assert httpx.get(f"{url}/__mock__/clock").json() == {"now": "2026-11-20T12:00:00.000Z", "speed": 0.0}


def test_advancing_the_clock_moves_active_runs_to_their_outcome_and_starts_new_ones(
    driven: tuple[str, dict[str, Any]],
) -> None:
    url, fixtures = driven
    active = {"PENDING", "RUNNING"}
    before = {run["id"]: run for run in cortex_runs(url, fixtures)}
    assert {run["status"] for run in before.values()} & active
    moved = admin_post(url, "clock", {"advance": 900})
    assert moved.json()["now"] == "2026-11-20T12:15:00.000Z"
    after = {run["id"]: run for run in cortex_runs(url, fixtures)}
    started = list(after)[: len(after) - len(before)]
    assert list(after)[len(started) :] == list(before)
    assert len(started) >= 900 // 240  # the mock starts a run every one to four minutes
    assert {after[run_id]["status"] for run_id in started} >= active
    for run_id, run in before.items():
        if run["status"] in active:
            assert after[run_id]["status"] not in active
            assert after[run_id]["ended_at"] is not None
            assert after[run_id]["updated_at"] > run["updated_at"]


def test_the_same_seed_at_the_same_virtual_time_answers_byte_identically() -> None:
    answers = []
    for _ in range(2):
        with serving(create_app(Settings(dialects=("cortex-v2",), admin_token=ADMIN, clock_speed=0))) as url:
            fixture = httpx.get(f"{url}/__mock__/fixtures").json()["cortex-v2"]
            admin_post(url, "clock", {"advance": 200})
            path = "/apps/{app_id}/workflows/{workflow_id}/runs".format(**fixture["params"])
            answers.append(httpx.get(url + path, headers={"Authorization": f"Bearer {fixture['token']}"}).content)
    assert answers[0] == answers[1]


def test_a_run_added_in_a_given_state_is_listed_first(driven: tuple[str, dict[str, Any]]) -> None:
    url, fixtures = driven
    added = admin_post(url, "runs", {"dialect": "cortex-v2", "status": "RUNNING", "origin": "WEBHOOK"})
    assert added.status_code == 201
    newest = cortex_runs(url, fixtures)[0]
    assert (newest["id"], newest["status"], newest["origin"]) == (added.json()["id"], "RUNNING", "WEBHOOK")
    assert newest["ended_at"] is None


def test_an_added_run_finishes_as_the_clock_moves(driven: tuple[str, dict[str, Any]]) -> None:
    url, fixtures = driven
    run_id = admin_post(url, "runs", {"dialect": "cortex-v2", "status": "PENDING"}).json()["id"]
    admin_post(url, "clock", {"advance": 3600})
    run = next(run for run in cortex_runs(url, fixtures) if run["id"] == run_id)
    assert run["status"] in {"COMPLETED", "FAILED", "CANCELLED"}
    assert run["started_at"] is not None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param({"status": "RUNNING"}, '"dialect" must name a served dialect', id="no-dialect"),
        pytest.param({"dialect": "b3os"}, '"status" is required: one of running, waiting', id="no-status"),
        pytest.param({"dialect": "b3os", "status": "RUNNING"}, "is not a b3os status", id="other-spelling"),
        pytest.param({"dialect": "b3os", "status": "running", "workflow_id": "wf_x"}, "no workflow wf_x", id="no-wf"),
        pytest.param({"dialect": "b3os", "status": "running", "colour": "red"}, 'unknown field "colour"', id="extra"),
    ],
)
def test_a_bad_added_run_is_a_400_saying_what_to_send(
    driven: tuple[str, dict[str, Any]], body: dict[str, str], message: str
) -> None:
    url, _ = driven
    response = admin_post(url, "runs", body)
    assert response.status_code == 400
    assert message in response.json()["message"]


def test_a_scenario_loads_over_http_and_is_served(driven: tuple[str, dict[str, Any]]) -> None:
    url, _ = driven
    text = (Path(__file__).resolve().parents[1] / "examples" / "scenario.yaml").read_bytes()
    loaded = httpx.post(f"{url}/__mock__/scenario", content=text, headers={"Authorization": f"Bearer {ADMIN}"})
    assert loaded.status_code == 200
    tenants = loaded.json()["fixtures"]["cortex-v2"]["tenants"]
    token = next(entry["token"] for entry in tenants if entry["params"]["app_id"] == "app_screenshots")
    answer = httpx.get(
        f"{url}/cortex-v2/apps/app_screenshots/workflows/wf_invoices/runs", headers={"Authorization": f"Bearer {token}"}
    )
    assert [(run["id"], run["status"]) for run in answer.json()] == [
        ("run_shot_running", "RUNNING"),
        ("run_shot_failed", "FAILED"),
        ("run_shot_done", "COMPLETED"),
    ]
    b3os = next(
        entry["token"]
        for entry in loaded.json()["fixtures"]["b3os"]["tenants"]
        if entry["params"].get("id") == "wf_empty_state"
    )
    empty = httpx.get(f"{url}/b3os/v1/workflows/wf_empty_state/runs", headers={"Authorization": f"Bearer {b3os}"})
    assert empty.json()["data"]["items"] == []


def test_a_bad_scenario_is_a_400_naming_the_place(driven: tuple[str, dict[str, Any]]) -> None:
    url, _ = driven
    text = b"dialects: {cortex-v2: {tenants: [{workflows: [{runs: [{status: CANCELED}]}]}]}}"
    response = httpx.post(f"{url}/__mock__/scenario", content=text, headers={"Authorization": f"Bearer {ADMIN}"})
    assert response.status_code == 400
    assert "runs[0].status: 'CANCELED' is not a cortex-v2 status" in response.json()["message"]


def test_the_request_log_shows_what_was_sent_without_tokens(driven: tuple[str, dict[str, Any]]) -> None:
    url, fixtures = driven
    cortex_runs(url, fixtures, status="FAILED")
    httpx.get(f"{url}/b3os/v1/workflows/nope/runs", headers={"Authorization": "Bearer not-a-token"})
    entries = httpx.get(
        f"{url}/__mock__/requests", params={"dialect": "cortex-v2"}, headers={"Authorization": f"Bearer {ADMIN}"}
    ).json()["requests"]
    (entry,) = entries
    assert "status=FAILED" in entry["query"]
    assert entry["status"] == 200
    assert entry["headers"]["authorization"] == "Bearer [redacted]"
    everything = httpx.get(f"{url}/__mock__/requests", headers={"Authorization": f"Bearer {ADMIN}"}).text
    assert "not-a-token" not in everything
    assert fixtures["cortex-v2"]["token"] not in everything
    cleared = httpx.delete(f"{url}/__mock__/requests", headers={"Authorization": f"Bearer {ADMIN}"})
    assert cleared.status_code == 204
    assert httpx.get(f"{url}/__mock__/requests", headers={"Authorization": f"Bearer {ADMIN}"}).json() == {
        "requests": []
    }


def test_the_request_log_keeps_as_many_requests_as_the_settings_say() -> None:
    settings = Settings(dialects=("b3os",), admin_token=ADMIN, clock_speed=0, request_log_capacity=2)
    with serving(create_app(settings)) as url:
        for name in ("a", "b", "c"):
            httpx.get(f"{url}/v1/workflows/{name}/runs")
        entries = httpx.get(f"{url}/__mock__/requests", headers={"Authorization": f"Bearer {ADMIN}"}).json()
    assert [entry["path"] for entry in entries["requests"]] == ["/v1/workflows/b/runs", "/v1/workflows/c/runs"]


def test_the_request_log_needs_the_admin_token(driven: tuple[str, dict[str, Any]]) -> None:
    url, _ = driven
    assert httpx.get(f"{url}/__mock__/requests").status_code == 401


def test_reset_rewinds_the_clock(driven: tuple[str, dict[str, Any]]) -> None:
    url, _ = driven
    admin_post(url, "clock", {"advance": 500})
    admin_post(url, "reset", {})
    assert httpx.get(f"{url}/__mock__/clock").json()["now"] == "2026-11-20T12:00:00.000Z"


@pytest.mark.parametrize(
    "body",
    [{}, {"advance": -5}, {"speed": "fast"}, {"advance": True}, {"advance": 10**12}, {"rewind": 5}],
    ids=["empty", "backwards", "word", "boolean", "too-far", "unknown"],
)
def test_a_bad_clock_move_is_a_400(driven: tuple[str, dict[str, Any]], body: dict[str, Any]) -> None:
    url, _ = driven
    assert admin_post(url, "clock", body).status_code == 400
