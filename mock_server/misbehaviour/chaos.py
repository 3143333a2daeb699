"""Server-wide misbehaviour: latency on every answer, and a rate of failed requests per dialect.

Both draw from `random.Random` sources seeded with the server's seed (one per purpose and dialect, so one never
shifts another): the same seed and the same sequence of requests give the same delays and the same failures.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable, Sequence

from starlette.types import ASGIApp, Receive, Scope, Send

from mock_server.web.auth import AUTHENTICATED_KEY


def seeded(seed: int, purpose: str) -> random.Random:
    return random.Random(f"workflow-runs-mock:{seed}:{purpose}")


class Latency:
    """Delays the answer to every request authentication accepted by `low_ms` to `high_ms` milliseconds (a whole
    number drawn from `rng`). It sits behind the security layer and reads its verdict: an unauthenticated request
    gets its 401 at once, and routes without security (the mock's control routes, the specs, Swagger UI) are not
    delayed."""

    def __init__(
        self,
        app: ASGIApp,
        low_ms: int,
        high_ms: int,
        rng: random.Random,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.app = app
        self.low_ms, self.high_ms = low_ms, high_ms
        self.rng = rng
        self.sleep = sleep

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and AUTHENTICATED_KEY in scope.get("extensions", {}):
            await self.sleep(self.rng.randint(self.low_ms, self.high_ms) / 1000)
        await self.app(scope, receive, send)


class ErrorRate:
    """Fails a fraction `rate` of the requests it is asked about, each with a status drawn from `statuses`."""

    def __init__(self, rate: float, statuses: Sequence[int], rng: random.Random) -> None:
        if not statuses:
            raise ValueError("an error rate needs at least one status to answer with")
        self.rate = rate
        self.statuses = tuple(statuses)
        self.rng = rng

    def draw(self) -> int | None:
        """The status this request fails with, or None for a request answered normally."""
        if self.rng.random() >= self.rate:
            return None
        return self.rng.choice(self.statuses)
