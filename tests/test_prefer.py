"""`Prefer` header handling: parsing, the delay preference, malformed values, and `Preference-Applied`."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from starlette.types import Message, Receive, Scope, Send

from mock_server.misbehaviour.prefer import MAX_DELAY_MS, Preferences, parse_prefer


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param("delay=200", {"delay": "200"}, id="one"),
        pytest.param("delay=200, code=404", {"delay": "200", "code": "404"}, id="comma-separated"),
        pytest.param('Example="empty"', {"example": "empty"}, id="quoted-and-case-folded"),
        pytest.param("respond-async; wait=5", {"respond-async": ""}, id="parameters-after-semicolon"),
        pytest.param(" , ", {}, id="empty-items"),
    ],
)
def test_prefer_header_is_parsed_into_preferences(header: str, expected: dict[str, str]) -> None:
    assert parse_prefer(header) == expected


def demo(mock_url: str, fixtures: dict[str, Any], dialect: str) -> tuple[str, dict[str, str]]:
    fixture = fixtures[dialect]
    paths = {
        "b3os": "/b3os/v1/workflows/{id}/runs",
        "invent": "/invent/orgs/{org_id}/workflows/runs",
        "aitasker": "/aitasker/api/v1/workspaces/{workspace_id}/workflows/{workflow_id}/runs",
    }
    return mock_url + paths[dialect].format(**fixture["params"]), {"Authorization": f"Bearer {fixture['token']}"}


def test_delay_is_reported_applied(mock_url: str, fixtures: dict[str, Any]) -> None:
    url, headers = demo(mock_url, fixtures, "invent")
    response = httpx.get(url, headers={**headers, "Prefer": "delay=40"})
    assert response.status_code == 200
    assert response.headers["preference-applied"] == "delay=40"


def test_delay_sleeps_the_asked_time_before_answering() -> None:
    events: list[str] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        events.append("answered")
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def sleep(seconds: float) -> None:
        events.append(f"slept {seconds}")

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            events.append(dict(message["headers"])[b"preference-applied"].decode())

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    scope = {"type": "http", "headers": [(b"prefer", b"delay=1500")]}
    asyncio.run(Preferences(app, sleep=sleep)(scope, receive, send))
    assert events == ["slept 1.5", "answered", "delay=1500"]


def test_without_prefer_nothing_is_reported_applied(mock_url: str, fixtures: dict[str, Any]) -> None:
    url, headers = demo(mock_url, fixtures, "invent")
    assert "preference-applied" not in httpx.get(url, headers=headers).headers


@pytest.mark.parametrize("value", ["soon", "-5", "1.5", str(MAX_DELAY_MS + 1)])
@pytest.mark.parametrize(("dialect", "status", "field"), [("b3os", 400, "message"), ("aitasker", 422, "detail")])
def test_malformed_delay_is_a_client_error_in_the_dialect_shape(
    mock_url: str, fixtures: dict[str, Any], value: str, dialect: str, status: int, field: str
) -> None:
    url, headers = demo(mock_url, fixtures, dialect)
    response = httpx.get(url, headers={**headers, "Prefer": f"delay={value}"})
    assert response.status_code == status
    assert field in response.json()
    assert "delay" in response.text


def test_a_malformed_fault_is_a_bad_request_naming_the_faults_there_are(
    mock_url: str, fixtures: dict[str, Any]
) -> None:
    url, headers = demo(mock_url, fixtures, "b3os")
    response = httpx.get(url, headers={**headers, "Prefer": "fault=explode"})
    assert response.status_code == 400
    assert "reset, timeout, truncate" in response.json()["message"]


def test_every_malformed_preference_is_reported_in_one_answer(mock_url: str, fixtures: dict[str, Any]) -> None:
    url, headers = demo(mock_url, fixtures, "aitasker")
    response = httpx.get(url, headers={**headers, "Prefer": "delay=soon, fault=explode"})
    assert response.status_code == 422
    assert [issue["input"] for issue in response.json()["detail"]] == ["delay=soon", "fault=explode"]


def test_a_malformed_preference_is_reported_after_authentication(mock_url: str, fixtures: dict[str, Any]) -> None:
    url, _ = demo(mock_url, fixtures, "invent")
    assert httpx.get(url, headers={"Prefer": "delay=soon"}).status_code == 401


def test_every_applied_preference_is_named_in_one_header(mock_url: str, fixtures: dict[str, Any]) -> None:
    url, headers = demo(mock_url, fixtures, "invent")
    response = httpx.get(url, headers={**headers, "Prefer": "delay=0, code=404, dynamic=true"})
    assert response.status_code == 404
    assert response.headers["preference-applied"] == "delay=0, code=404"
