"""One console line per request, as Prism and WireMock print them, through Python logging (`--quiet` silences it):

    12:04:31 GET /b3os/v1/workflows/wf_x/runs?limit=5 200 1.2 ms sandbox=default

The path and query are printed as they came, percent-encoded, so nothing a client sends can forge a line; the
value of a query parameter whose name says it holds a secret (`token`, `api_key`, ...) is masked, and headers
are never printed, so no token reaches the console. The sandbox is the request's `X-Mock-Sandbox` header.
"""

from __future__ import annotations

import logging
import re
import time
from urllib.parse import quote

from starlette.types import Message, Scope, Send

from mock_server.web.request_headers import first_header

REQUESTS_LOGGER = "mock_server.requests"
SANDBOX_HEADER = b"x-mock-sandbox"
DEFAULT_SANDBOX = "default"
SECRET_PARAMETER = re.compile(rb"(?i)(^|&)([^=&]*(?:token|key|secret|password|auth|signature)[^=&]*)=[^&]*")

logger = logging.getLogger(REQUESTS_LOGGER)


def shown_target(scope: Scope) -> str:
    """The request's path and query as sent, printable, secrets in the query masked."""
    raw: bytes = scope.get("raw_path") or quote(scope["path"]).encode("ascii")
    query: bytes = scope.get("query_string", b"")
    if query:
        raw += b"?" + SECRET_PARAMETER.sub(rb"\1\2=[masked]", query)
    return raw.decode("ascii", "backslashreplace").encode("unicode_escape").decode("ascii")


def sandbox_of(scope: Scope) -> str:
    given = first_header(scope, SANDBOX_HEADER)
    return DEFAULT_SANDBOX if given is None else given.decode("latin-1").encode("unicode_escape").decode("ascii")


def logging_send(scope: Scope, send: Send) -> Send:
    """`send`, logging the request's line when its answer starts (with the time it took to start it)."""
    started = time.perf_counter()

    async def send_logged(message: Message) -> None:
        if message["type"] == "http.response.start":
            elapsed = (time.perf_counter() - started) * 1000
            target = shown_target(scope)
            status = message["status"]
            logger.info("%s %s %d %.1f ms sandbox=%s", scope["method"], target, status, elapsed, sandbox_of(scope))
        await send(message)

    return send_logged
