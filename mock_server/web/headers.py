"""Response headers a careful server sends on every answer, errors and Swagger UI included, and CORS's; with
the request log, the console's line per request and, when the data is shared, `X-Mock-State: stale` on an answer
read from a local copy that could not be checked with the shared state, as one layer.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_server.data.shared_log import serving_request
from mock_server.web.console import logger as console
from mock_server.web.console import logging_send
from mock_server.web.cors import Cors, vary_on_origin
from mock_server.web.request_headers import first_header
from mock_server.web.request_log import Recorder, RecordRequests

HARDENING_HEADERS = ((b"x-content-type-options", b"nosniff"),)
STALE_HEADER = (b"x-mock-state", b"stale")


def marking_stale(send: Send, noted: list[str]) -> Send:
    """`send`, adding `X-Mock-State: stale` to the answer when a read it was made from was `noted` stale."""

    async def send_marked(message: Message) -> None:
        if message["type"] == "http.response.start" and noted:
            message["headers"] = [*message.get("headers", ()), STALE_HEADER]
        await send(message)

    return send_marked


class HardeningHeaders:
    """Adds `X-Content-Type-Options: nosniff`, so browsers never guess a JSON body into something executable."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_hardened(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *HARDENING_HEADERS]
            await send(message)

        await self.app(scope, receive, send_hardened)


class AnswerHeaders:
    """The console's line per request (`web/console.py`), CORS (`web/cors.py`), the hardening headers and the
    request log (`RecordRequests`), in that order from the outside, as one layer.

    A request with an `Origin` header (a browser's cross-origin call, a preflight) goes through the three as
    they are. For any other request CORS only adds `Vary: Origin`, so the three are one wrapper of `send` that
    records the status, then adds the hardening headers and `Vary`, as the three layers would.
    """

    def __init__(self, app: ASGIApp, log: Recorder, shared: bool = False, **cors: Any) -> None:
        self.app = app
        self.log = log
        self.shared = shared
        """The data is shared with other processes (`--state`): an answer may be stale."""
        self.layered = Cors(HardeningHeaders(RecordRequests(app, log)), **cors)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.shared:
            with serving_request() as request:
                await self.answer(scope, receive, marking_stale(send, request.stale))
            return
        await self.answer(scope, receive, send)

    async def answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.layered(scope, receive, send)
            return
        if console.isEnabledFor(logging.INFO):  # outermost: preflights and control routes get their line too
            send = logging_send(scope, send)
        if first_header(scope, b"origin") is not None:
            await self.layered(scope, receive, send)
            return
        recorded = not scope["path"].startswith(self.log.skip_prefix)

        async def send_answer(message: Message) -> None:
            if message["type"] == "http.response.start":
                if recorded:
                    self.log.record(scope, message["status"])
                message["headers"] = [*message.get("headers", ()), *HARDENING_HEADERS]
                vary_on_origin(message)
            await send(message)

        await self.app(scope, receive, send_answer)
