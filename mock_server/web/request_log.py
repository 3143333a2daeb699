"""The log of requests received, so a test can assert what a frontend sent. Tokens are never kept."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_server.dialects.base import iso

SECRET_HEADERS = {b"authorization", b"cookie", b"proxy-authorization"}
DEFAULT_REQUEST_LOG_CAPACITY = 1000


def shown_header(name: bytes, value: bytes) -> str:
    if name in SECRET_HEADERS:
        scheme = value.split(b" ", 1)[0].decode("latin-1") if b" " in value else ""
        return f"{scheme} [redacted]".strip()
    return value.decode("latin-1")


Entry = tuple[datetime, str, str, bytes, tuple[tuple[bytes, bytes], ...], int]
"""What is kept of a request: when, its method, path, query string and headers, and the status it was answered."""


class RequestLog:
    """The last `capacity` requests, oldest first; control routes (`skip_prefix`) are not recorded."""

    def __init__(
        self, now: Callable[[], datetime], capacity: int = DEFAULT_REQUEST_LOG_CAPACITY, skip_prefix: str = "/__mock__"
    ) -> None:
        self.now = now
        self.skip_prefix = skip_prefix
        self._entries: deque[Entry] = deque(maxlen=capacity)

    def record(self, scope: Scope, status: int) -> None:
        # A plain tuple, cheap to take on every request; rendered only when the log is read.
        self._entries.append(
            (self.now(), scope["method"], scope["path"], scope["query_string"], tuple(scope["headers"]), status)
        )

    def clear(self) -> None:
        self._entries.clear()

    def entries(self, path_prefix: str = "", limit: int | None = None) -> list[dict[str, Any]]:
        """The recorded requests under `path_prefix`, oldest first, the last `limit` of them."""
        shown = [self.render(*entry) for entry in self._entries if entry[2].startswith(path_prefix)]
        return shown if limit is None else shown[-limit:]

    @staticmethod
    def render(
        at: datetime, method: str, path: str, query: bytes, headers: tuple[tuple[bytes, bytes], ...], status: int
    ) -> dict[str, Any]:
        return {
            "at": iso(at),
            "method": method,
            "path": path,
            "query": query.decode("latin-1"),
            "headers": {name.decode("latin-1"): shown_header(name, value) for name, value in headers},
            "status": status,
        }


class Recorder(Protocol):
    """Where requests are recorded: a `RequestLog`, or whatever finds the log of the data set serving a request."""

    skip_prefix: str

    def record(self, scope: Scope, status: int) -> None: ...


class RecordRequests:
    """Records every request outside the control routes, with the status it was answered."""

    def __init__(self, app: ASGIApp, log: Recorder) -> None:
        self.app = app
        self.log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self.log.skip_prefix):
            await self.app(scope, receive, send)
            return

        async def send_recorded(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.log.record(scope, message["status"])
            await send(message)

        await self.app(scope, receive, send_recorded)
