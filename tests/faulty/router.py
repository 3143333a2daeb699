"""The ASGI plumbing: route `/<fault>/<dialect>/...` to the mock, rewriting the request and the answer."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from tests.faulty.layouts import LAYOUTS, Layout

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass
class Request:
    """The parts of a request a fault may rewrite."""

    path: str
    query: list[tuple[str, str]]
    headers: list[tuple[bytes, bytes]]
    method: str = "GET"
    body: bytes = b""

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.query if key == name), None)

    def replace(self, name: str, value: str | None) -> None:
        """Set (or, with None, drop) a query parameter."""
        self.query = [(key, old) for key, old in self.query if key != name]
        if value is not None:
            self.query.append((name, value))

    def header(self, name: bytes) -> bytes | None:
        return next((value for key, value in self.headers if key.lower() == name), None)


@dataclass
class Answer:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def json(self) -> Any:
        return json.loads(self.body)

    def set_json(self, document: Any, status: int | None = None) -> None:
        self.body = json.dumps(document).encode()
        self.headers["content-type"] = "application/json"
        if status is not None:
            self.status = status


Inner = Callable[[Request], Awaitable[Answer]]


@dataclass(frozen=True)
class Rewrite:
    """What a fault does: to the request before the mock sees it, and to the answer before the client does."""

    request: Callable[[Request, Layout], None] | None = None
    answer: Callable[[Answer, Request, Layout, Inner], Awaitable[None]] | None = None
    operation: Callable[[Request, Layout, Inner], Awaitable[Answer]] | None = None
    """Answers every request but the list (get and the writes), usually by asking the mock (`Inner`) and
    changing its request or answer."""


async def call(app: ASGIApp, scope: Scope, request: Request) -> Answer:
    inner_scope = {
        **scope,
        "method": request.method,
        "path": request.path,
        "raw_path": request.path.encode(),
        "query_string": urlencode(request.query).encode(),
        "headers": request.headers,
    }
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": request.body, "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    await app(inner_scope, receive, send)
    start = next(message for message in sent if message["type"] == "http.response.start")
    headers = {key.decode().lower(): value.decode() for key, value in start.get("headers", [])}
    body = b"".join(message.get("body", b"") for message in sent if message["type"] == "http.response.body")
    return Answer(start["status"], headers, body)


async def read_body(receive: Receive) -> bytes:
    body, more = b"", True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)
    return body


def faulty_app(app: ASGIApp, rewrites: dict[str, Rewrite]) -> ASGIApp:
    """`app` (the mock, every dialect mounted) with `/<fault>/...` answered through that fault's rewrite."""

    async def route(scope: Scope, receive: Receive, send: Send) -> None:
        fault, _, rest = scope.get("path", "").lstrip("/").partition("/")
        if scope["type"] != "http" or fault not in rewrites:
            await app(scope, receive, send)
            return
        rewrite = rewrites[fault]
        listing = scope.get("method") == "GET" and rest.rstrip("/").endswith("/runs")
        if not listing and rewrite.operation is None:
            # A fault of the list; the other operations (get, the writes) are answered by the mock as is.
            await app({**scope, "path": f"/{rest}", "raw_path": f"/{rest}".encode()}, receive, send)
            return
        layout = LAYOUTS[rest.partition("/")[0]]
        query = parse_qsl(scope.get("query_string", b"").decode(), keep_blank_values=True)
        request = Request(f"/{rest}", query, list(scope.get("headers", [])), scope.get("method", "GET"))
        if not listing:
            request.body = await read_body(receive)
            assert rewrite.operation is not None
            answer = await rewrite.operation(request, layout, lambda again: call(app, scope, again))
        else:
            if rewrite.request is not None:
                rewrite.request(request, layout)
            answer = await call(app, scope, request)
            if rewrite.answer is not None:
                await rewrite.answer(answer, request, layout, lambda again: call(app, scope, again))
        answer.headers["content-length"] = str(len(answer.body))
        headers = [(key.encode(), value.encode()) for key, value in answer.headers.items()]
        await send({"type": "http.response.start", "status": answer.status, "headers": headers})
        await send({"type": "http.response.body", "body": answer.body})

    return route
