"""`Prefer` header handling: parsing, the delay preference, malformed values, and `Preference-Applied`."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.types import Message, Receive, Scope, Send

from mock_server import Settings, create_app
from mock_server.misbehaviour.prefer import MAX_DELAY_MS, Preferences, parse_prefer
from mock_server.web.auth import AUTHENTICATED_KEY
from tests.dialect_client import conforming
from tests.servers import serving, with_layer_options


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


def prefer_alone(authenticated: bool, prefer: bytes) -> list[str]:
    """What happens, in order, when `Preferences` serves a request preferring `prefer`, in front of an app whose
    authentication accepts the request or refuses it."""
    events: list[str] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if authenticated:
            scope["extensions"][AUTHENTICATED_KEY] = "t"
        events.append("made")
        await send({"type": "http.response.start", "status": 200 if authenticated else 401, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def sleep(seconds: float) -> None:
        events.append(f"slept {seconds}")

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            applied = dict(message["headers"]).get(b"preference-applied", b"nothing").decode()
            events.append(f"sent {message['status']}, applied {applied}")

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    scope = {"type": "http", "headers": [(b"prefer", prefer)]}
    asyncio.run(Preferences(app, sleep=sleep)(scope, receive, send))
    return events


def test_delay_sleeps_the_asked_time_before_answering() -> None:
    assert prefer_alone(True, b"delay=1500") == ["made", "slept 1.5", "sent 200, applied delay=1500"]


def test_an_unauthenticated_request_is_answered_at_once_whatever_delay_it_prefers() -> None:
    assert prefer_alone(False, b"delay=60000") == ["made", "sent 401, applied nothing"]


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


EVERY_PREFERENCE = [
    "delay=60000",
    "fault=reset",
    "fault=timeout",
    "fault=truncate",
    "code=200",
    "code=404",
    "code=429",
    "code=500",
    "example=pastTheEnd",
    "delay=60000, fault=timeout, code=500",
    "delay=soon",
]


@pytest.fixture(scope="module")
def recording_mock() -> Iterator[tuple[str, list[float]]]:
    """A mock whose `Prefer` delays are recorded rather than slept, and the delays it was asked for."""
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    with serving(with_layer_options(create_app(Settings(clock_speed=0)), Preferences, sleep=sleep)) as url:
        yield url, slept


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", "two-headers"])
@pytest.mark.parametrize("prefer", EVERY_PREFERENCE)
def test_without_a_valid_token_every_preference_gets_its_401_at_once(
    recording_mock: tuple[str, list[float]], fixtures: dict[str, Any], prefer: str, authorization: str | None
) -> None:
    base, slept = recording_mock
    url, headers = demo(base, fixtures, "b3os")
    sent = [("Prefer", prefer)]
    if authorization == "two-headers":
        sent += [("Authorization", headers["Authorization"]), ("Authorization", "Bearer wrong")]
    elif authorization is not None:
        sent.append(("Authorization", authorization))
    slept.clear()
    # A fault would reset, hold or cut the connection: a whole, well-formed 401 shows none happened. The client's
    # timeout only bounds a failing run; no assertion is made on time.
    response = httpx.get(url, headers=sent, timeout=30)
    assert conforming("b3os", response).status_code == 401
    assert "preference-applied" not in response.headers
    assert slept == []


def test_with_a_valid_token_the_delay_is_applied_by_the_same_mock(
    recording_mock: tuple[str, list[float]], fixtures: dict[str, Any]
) -> None:
    base, slept = recording_mock
    url, headers = demo(base, fixtures, "b3os")
    slept.clear()
    response = httpx.get(url, headers={**headers, "Prefer": "delay=60000"})
    assert response.status_code == 200
    assert response.headers["preference-applied"] == "delay=60000"
    assert slept == [60.0]
