"""Every answer carries the hardening headers: success, errors, Swagger UI and control routes alike; the one outer
layer answers as CORS, the hardening headers and the request log stacked."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_server.data.generate import REFERENCE_TIME
from mock_server.web.cors import Cors, PathMethods
from mock_server.web.headers import AnswerHeaders, HardeningHeaders
from mock_server.web.request_log import RecordRequests, RequestLog


@pytest.mark.parametrize(
    ("path", "authorized"),
    [
        pytest.param("/b3os/v1/workflows/{id}/runs", True, id="list-200"),
        pytest.param("/b3os/v1/workflows/{id}/runs", False, id="list-401"),
        pytest.param("/b3os/v1/workflows/wf_unknown/runs", True, id="list-404"),
        pytest.param("/b3os/v1/workflows/{id}/runs?limit=0", True, id="list-400"),
        pytest.param("/b3os/ui/", False, id="swagger-ui"),
        pytest.param("/b3os/openapi.json", False, id="spec"),
        pytest.param("/__mock__/fixtures", False, id="fixtures"),
        pytest.param("/nowhere", False, id="unknown-path"),
    ],
)
def test_every_answer_says_nosniff(mock_url: str, fixtures: dict[str, Any], path: str, authorized: bool) -> None:
    b3os = fixtures["b3os"]
    headers = {"Authorization": f"Bearer {b3os['token']}"} if authorized else {}
    response = httpx.get(mock_url + path.format(**b3os["params"]), headers=headers)
    assert response.headers["x-content-type-options"] == "nosniff"


PATHS = PathMethods()
PATHS.add("/b3os/v1/runs/{id}", ["GET"])
CORS: dict[str, Any] = {
    "allow_origins": ["http://localhost:3000"],
    "paths": PATHS,
    "expose_headers": ["pagination-count"],
}


def answering(headers: list[tuple[bytes, bytes]]) -> ASGIApp:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": list(headers)})
        await send({"type": "http.response.body", "body": b"{}"})

    return app


def answer_through(
    layer: ASGIApp, path: str, request_headers: list[tuple[bytes, bytes]], method: str = "GET"
) -> list[Message]:
    sent: list[Message] = []
    scope = {"type": "http", "method": method, "path": path, "query_string": b"", "headers": request_headers}

    async def receive() -> Message:
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    async def answer() -> None:
        await layer(scope, receive, send)

    asyncio.run(answer())
    return sent


@pytest.mark.parametrize("path", ["/b3os/v1/workflows/wf/runs", "/__mock__/requests"])
@pytest.mark.parametrize(
    "request_headers",
    [[], [(b"origin", b"http://localhost:3000")], [(b"origin", b"http://elsewhere.example")]],
    ids=["no-origin", "allowed-origin", "other-origin"],
)
@pytest.mark.parametrize(
    "answer_headers",
    [[(b"content-type", b"application/json")], [(b"vary", b"Accept"), (b"vary", b"Prefer")]],
    ids=["no-vary", "vary"],
)
def test_the_one_layer_answers_as_cors_hardening_and_the_request_log_stacked(
    path: str, request_headers: list[tuple[bytes, bytes]], answer_headers: list[tuple[bytes, bytes]]
) -> None:
    one_log, stacked_log = RequestLog(lambda: REFERENCE_TIME), RequestLog(lambda: REFERENCE_TIME)
    inner = answering(answer_headers)
    one = answer_through(AnswerHeaders(inner, log=one_log, **CORS), path, request_headers)
    stacked = Cors(HardeningHeaders(RecordRequests(inner, stacked_log)), **CORS)
    assert one == answer_through(stacked, path, request_headers)
    assert (b"x-content-type-options", b"nosniff") in one[0]["headers"]
    assert one_log.entries() == stacked_log.entries()
    assert len(one_log.entries()) == (0 if path.startswith("/__mock__") else 1)


def test_a_preflight_is_answered_by_cors_alone() -> None:
    request = [(b"origin", b"http://localhost:3000"), (b"access-control-request-method", b"GET")]
    log = RequestLog(lambda: REFERENCE_TIME)
    sent = answer_through(AnswerHeaders(answering([]), log=log, **CORS), "/b3os/v1/runs/r", request, "OPTIONS")
    assert sent[0]["status"] == 200
    assert (b"access-control-allow-origin", b"http://localhost:3000") in sent[0]["headers"]
    assert log.entries() == []
