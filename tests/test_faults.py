"""`Prefer: fault=reset|timeout|truncate` over real connections: what the client sees, and what the server does."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from starlette.types import Message, Receive, Scope, Send

from mock_server.misbehaviour.faults import Connection
from mock_server.misbehaviour.prefer import Preferences
from mock_server.web.auth import AUTHENTICATED_KEY
from tests.dialect_client import masked_request_id
from tests.servers import serving


def demo(mock_url: str, fixtures: dict[str, Any]) -> tuple[str, str]:
    """The path of the b3os demo runs on the mock, and the header line of its token."""
    return f"/b3os/v1/workflows/{fixtures['b3os']['params']['id']}/runs", f"Bearer {fixtures['b3os']['token']}"


def raw_request(base_url: str, path: str, *headers: str) -> socket.socket:
    """A connection that has sent `GET path` with `headers` (lines such as "Prefer: fault=reset")."""
    address = urlsplit(base_url)
    connection = socket.create_connection((address.hostname, address.port), timeout=10)
    lines = [f"GET {path} HTTP/1.1", f"Host: {address.netloc}", *headers, "", ""]
    connection.sendall("\r\n".join(lines).encode())
    return connection


def read_to_end(connection: socket.socket) -> bytes:
    received = []
    while chunk := connection.recv(65536):
        received.append(chunk)
    return b"".join(received)


class Collected(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def server_errors() -> Iterator[list[logging.LogRecord]]:
    """The errors a running server logs meanwhile (uvicorn sets its loggers up as it starts, so enter after)."""
    collected = Collected()
    logger = logging.getLogger("uvicorn.error")
    logger.addHandler(collected)
    try:
        yield collected.records
    finally:
        logger.removeHandler(collected)


async def hello(scope: Scope, receive: Receive, send: Send) -> None:
    """An app behind a stand-in for the security handler, which accepts every request."""
    if scope["type"] == "http":
        scope.setdefault("extensions", {})[AUTHENTICATED_KEY] = "t"
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"5")]})
        await send({"type": "http.response.body", "body": b"hello"})


# --- reset ---------------------------------------------------------------------------------------------


def test_reset_drops_the_connection_with_a_reset_and_no_answer(mock_url: str, fixtures: dict[str, Any]) -> None:
    path, token = demo(mock_url, fixtures)
    with (
        server_errors() as errors,
        raw_request(mock_url, path, f"Authorization: {token}", "Prefer: fault=reset") as sock,
    ):
        with pytest.raises(ConnectionResetError):
            read_to_end(sock)
        assert httpx.get(mock_url + path, headers={"Authorization": token}).status_code == 200
    assert not errors


def test_an_http_client_sees_a_reset_as_a_transport_error(mock_url: str, fixtures: dict[str, Any]) -> None:
    path, token = demo(mock_url, fixtures)
    with pytest.raises(httpx.TransportError):
        httpx.get(mock_url + path, headers={"Authorization": token, "Prefer": "fault=reset"})


# --- truncate ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("known", [True, False], ids=["answer", "error"])
def test_truncate_announces_the_whole_body_sends_half_and_closes(
    mock_url: str, fixtures: dict[str, Any], known: bool
) -> None:
    path, token = demo(mock_url, fixtures)
    path = path if known else "/b3os/v1/workflows/wf_doesnotexist/runs"  # an authenticated 404 is truncated too
    whole = httpx.get(mock_url + path, headers={"Authorization": token}).content
    auth = f"Authorization: {token}"
    with server_errors() as errors, raw_request(mock_url, path, auth, "Prefer: fault=truncate") as connection:
        head, _, body = read_to_end(connection).partition(b"\r\n\r\n")
    headers = dict(line.split(": ", 1) for line in head.decode().lower().split("\r\n")[1:])
    assert int(headers["content-length"]) == len(whole)
    # b3os' request id, near the start, is each answer's own: the same length, so compared but for it.
    assert masked_request_id(body) == masked_request_id(whole)[: len(whole) // 2]
    assert headers["preference-applied"] == "fault=truncate"
    assert not errors


def test_an_http_client_sees_a_truncated_body_as_incomplete(mock_url: str, fixtures: dict[str, Any]) -> None:
    path, token = demo(mock_url, fixtures)
    with pytest.raises(httpx.RemoteProtocolError, match="without sending complete message body"):
        httpx.get(mock_url + path, headers={"Authorization": token, "Prefer": "fault=truncate"})


# --- timeout -------------------------------------------------------------------------------------------


def test_timeout_answers_nothing_before_the_client_gives_up(mock_url: str, fixtures: dict[str, Any]) -> None:
    path, token = demo(mock_url, fixtures)
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(mock_url + path, headers={"Authorization": token, "Prefer": "fault=timeout"}, timeout=0.5)


def test_a_hang_ends_by_closing_the_connection_without_an_answer() -> None:
    with serving(Preferences(hello, hang_seconds=0.05)) as url, server_errors() as errors:
        with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
            httpx.get(url, headers={"Prefer": "fault=timeout"}, timeout=30)
        assert httpx.get(url).text == "hello"
    assert not errors


def test_a_hang_ends_when_the_client_goes_away() -> None:
    ended = threading.Event()
    hanging = Preferences(hello, hang_seconds=300)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        await hanging(scope, receive, send)
        if scope["type"] == "http":
            ended.set()

    with serving(app) as url:
        raw_request(url, "/", "Prefer: fault=timeout").close()
        assert ended.wait(timeout=30)


# --- elsewhere -----------------------------------------------------------------------------------------


def test_a_fault_is_not_applied_where_the_connection_cannot_be_reached() -> None:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        sent.append(message)

    assert Connection.of(receive) is None
    scope = {"type": "http", "path": "/", "headers": [(b"prefer", b"fault=reset")]}
    asyncio.run(Preferences(hello)(scope, receive, send))
    assert sent[-1]["body"] == b"hello"
    assert b"preference-applied" not in dict(sent[0]["headers"])
