"""b3os' request ids: every answer has its own, none replayed by a memory of replies, and the same seed and the same
sequence of requests give the same ids."""

from __future__ import annotations

import asyncio
from typing import Any

import orjson
import pytest
from starlette.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from mock_server import Settings, create_app
from mock_server.dialects.base import REQUEST_ID_PLACEHOLDER
from mock_server.web.request_ids import RequestIds, Stamp, StampRequestIds, placeholder_of
from tests.dialect_client import REQUEST_ID


def ids_of(settings: Settings, requests: list[tuple[str, dict[str, str]]]) -> list[str]:
    """The request id of each answer to `requests` (path, headers), sent in order to a fresh mock."""
    with TestClient(create_app(settings)) as client:
        b3os = client.get("/__mock__/fixtures").json()["b3os"]
        token = {"Authorization": f"Bearer {b3os['token']}"}
        ids = []
        for path, headers in requests:
            answer = client.get("/b3os" + path.format(**b3os["params"]), headers={**token, **headers})
            ids.append(answer.json()["requestId"])
    assert all(REQUEST_ID.fullmatch(found) and found != REQUEST_ID_PLACEHOLDER for found in ids)
    return ids


LIST = "/v1/workflows/{id}/runs?limit=2"
MIXED = [
    (LIST, {}),
    (LIST, {}),
    (LIST, {}),  # the third time the memory of repeated requests answers it
    ("/v1/runs/run_nope", {}),
    ("/v1/runs/run_nope", {}),
    (LIST, {"Prefer": "code=500"}),
    (LIST, {"Prefer": "code=429"}),
    (LIST, {"Authorization": "Bearer wrong"}),
]


def test_every_answer_has_an_id_of_its_own_repeated_or_remembered_success_or_error() -> None:
    ids = ids_of(Settings(dialects=("b3os", "cortex-v1"), clock_speed=0), MIXED)
    assert len(set(ids)) == len(MIXED)


def test_a_fresh_mock_with_the_same_seed_and_requests_gives_the_same_ids_and_another_seed_others() -> None:
    settings = Settings(dialects=("b3os",), clock_speed=0)
    first = ids_of(settings, MIXED)
    assert ids_of(settings, MIXED) == first
    assert set(ids_of(Settings(dialects=("b3os",), seed=1, clock_speed=0), MIXED)).isdisjoint(first)


def test_every_failure_of_the_error_rate_has_an_id_of_its_own() -> None:
    ids = ids_of(Settings(dialects=("b3os",), error_rates=(("b3os", 1.0),), clock_speed=0), [(LIST, {})] * 10)
    assert len(set(ids)) == 10


def test_a_reset_starts_the_ids_over_as_a_fresh_mock_would() -> None:
    settings = Settings(dialects=("b3os",), clock_speed=0, admin_token="admin")
    with TestClient(create_app(settings)) as client:
        b3os = client.get("/__mock__/fixtures").json()["b3os"]
        path, token = LIST.format(**b3os["params"]), {"Authorization": f"Bearer {b3os['token']}"}
        before = [client.get(path, headers=token).json()["requestId"] for _ in range(3)]
        client.post("/__mock__/reset", json={}, headers={"Authorization": "Bearer admin"})
        assert [client.get(path, headers=token).json()["requestId"] for _ in range(3)] == before


def test_other_dialects_bodies_are_left_as_they_are() -> None:
    with TestClient(create_app(Settings(dialects=("b3os", "invent"), clock_speed=0))) as client:
        invent = client.get("/__mock__/fixtures").json()["invent"]
        answer = client.get(
            f"/invent/orgs/{invent['params']['org_id']}/workflows/runs",
            headers={"Authorization": f"Bearer {invent['token']}"},
        )
    assert answer.status_code == 200
    assert "requestId" not in answer.text


def sent_through(stamp: Stamp, bodies: list[bytes]) -> list[bytes]:
    """The bodies the layer stamping every answer with `stamp` sends on, one answer per body."""
    out: list[bytes] = []
    for body in bodies:

        async def app(scope: Scope, receive: Receive, send: Send, body: bytes = body) -> None:
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": body})

        async def send(message: Message) -> None:
            if message["type"] == "http.response.body":
                out.append(message["body"])

        async def receive() -> Message:
            return {"type": "http.request"}

        layer = StampRequestIds(app, lambda path: stamp)
        asyncio.run(layer({"type": "http", "path": "/x"}, receive, send))
    return out


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"message": f'"requestId":"{REQUEST_ID_PLACEHOLDER}"'}, id="in-a-string"),
        pytest.param({"message": "no id"}, id="none"),
    ],
)
def test_only_the_field_itself_is_stamped_and_a_body_without_it_takes_no_id(body: dict[str, Any]) -> None:
    ids = RequestIds(0, "b3os")
    stamp: Stamp = (placeholder_of("requestId"), lambda scope: ids)
    envelope = orjson.dumps({"code": 200, "requestId": REQUEST_ID_PLACEHOLDER, "data": body})
    plain, stamped = sent_through(stamp, [orjson.dumps(body), envelope])
    assert plain == orjson.dumps(body)
    expected = RequestIds(0, "b3os").next()  # the first id: the plain body took none
    assert orjson.loads(stamped) == {"code": 200, "requestId": expected, "data": body}
