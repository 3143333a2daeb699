"""An ASGI middleware answering 429 with a `Retry-After` to the requests it picks, and every other one as the app
behind it does: a rate-limited server for the tests of waiting."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = ["Throttling", "from_schemathesis"]

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Any, Any], Awaitable[None]]


def from_schemathesis(scope: Scope) -> bool:
    """Whether a request was sent by Schemathesis (its User-Agent), not by the suite's own client."""
    agent: bytes = dict(scope.get("headers", [])).get(b"user-agent", b"")
    return agent.startswith(b"schemathesis")


class Throttling:
    """`app`, but 429 with `Retry-After: retry_after` to the first `times` requests `picked` (all of them when
    `times` is None); `throttled` counts those answered so."""

    def __init__(
        self,
        app: ASGIApp,
        retry_after: str,
        picked: Callable[[Scope], bool] = lambda scope: True,
        times: int | None = None,
    ) -> None:
        self.app = app
        self.retry_after = retry_after
        self.picked = picked
        self.times = times
        self.throttled = 0

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        spent = self.times is not None and self.throttled >= self.times
        if scope["type"] != "http" or spent or not self.picked(scope):
            await self.app(scope, receive, send)
            return
        self.throttled += 1
        body = json.dumps({"code": 429, "message": "too many requests", "data": None}).encode()
        headers = [(b"content-type", b"application/json"), (b"retry-after", self.retry_after.encode())]
        await send({"type": "http.response.start", "status": 429, "headers": headers})
        await send({"type": "http.response.body", "body": body})
