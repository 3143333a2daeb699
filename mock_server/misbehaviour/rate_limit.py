"""Rate limiting per API key, as the vendors document it: so many requests a minute for each key.

Off unless asked for (`--rate-limit`): the contract suite and the test suites send thousands of requests a
minute with one key, which a vendor-like limit would answer with 429s. When on, each limited dialect counts the
requests routed to its operation that authentication accepted, by the token it accepted, in a window that opens
at the key's first request and lasts `WINDOW_SECONDS`; past the limit it answers 429 in its error shape, with
`Retry-After` (the seconds until the window reopens). Where the spec documents `X-RateLimit-Limit` and
`X-RateLimit-Remaining` (aitasker), every answer to a counted request carries them: 200, 404, 422 and 429 alike.
The limit sits behind authentication: a request without a valid key is not counted and gets its 401 (without
rate-limit headers), never a 429.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_server.problems import MockProblem, Problem, ProblemKind
from mock_server.web.auth import AUTHENTICATED_KEY
from mock_server.web.plugins import routed_api

WINDOW_SECONDS = 60.0
DOCUMENTED_LIMIT = 300
"""Requests a minute per key that aitasker documents: what a 429 example advertises when no limit is set."""


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    remaining: int
    retry_after: int
    """Seconds until the key's window reopens (for a refused request)."""


class FixedWindow:
    """At most `limit` requests per key in each window; a refused request does not count."""

    def __init__(self, limit: int, window: float = WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window = window
        self.clock = clock
        self.windows: dict[str, tuple[float, int]] = {}
        """Per key, when its window opened and how many requests it counted; only valid keys get here."""

    def hit(self, key: str) -> Verdict:
        now = self.clock()
        opened, count = self.windows.get(key, (now, 0))
        if now - opened >= self.window:
            opened, count = now, 0
        if count >= self.limit:
            return Verdict(False, 0, max(1, math.ceil(opened + self.window - now)))
        self.windows[key] = (opened, count + 1)
        return Verdict(True, self.limit - count - 1, 0)


@dataclass(frozen=True)
class Policy:
    """One dialect's limit: the window that counts its keys, whether the spec documents the `X-RateLimit-*`
    headers."""

    window: FixedWindow
    advertised: bool


class RateLimits:
    """Counts the requests routed to a limited dialect's operation that authentication accepted (so it sits
    after Connexion's security layer)."""

    def __init__(self, app: ASGIApp, policies: Mapping[str, Policy]) -> None:
        self.app = app
        self.policies = policies
        """By the API's base path (the dialect's prefix)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        api = routed_api(scope) if scope["type"] == "http" else None
        policy = self.policies.get(api) if api is not None else None
        token = scope.get("extensions", {}).get(AUTHENTICATED_KEY) if policy is not None else None
        if policy is None or token is None:
            await self.app(scope, receive, send)
            return
        verdict = policy.window.hit(token)
        limit = policy.window.limit
        headers = {"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(verdict.remaining)}
        headers = headers if policy.advertised else {}
        if not verdict.allowed:
            message = f"Rate limit exceeded: {limit} per 1 minute"
            retry = {"Retry-After": str(verdict.retry_after)}
            raise MockProblem(Problem(ProblemKind.RATE_LIMITED, message, headers={**headers, **retry}))
        if not headers:
            await self.app(scope, receive, send)
            return
        extra = [(name.lower().encode(), value.encode()) for name, value in headers.items()]

        async def send_counted(message: Message) -> None:
            if message["type"] == "http.response.start":
                # A documented 429 chosen with `Prefer` or by the error rate keeps its own "none left".
                present = {name.lower() for name, _ in message.get("headers", ())}
                message["headers"] = [*message.get("headers", ()), *(h for h in extra if h[0] not in present)]
            await send(message)

        try:
            await self.app(scope, receive, send_counted)
        except MockProblem as error:  # rendered further out, by the error handlers: the headers go with it
            problem = error.problem
            raise MockProblem(replace(problem, headers={**problem.headers, **headers})) from None
