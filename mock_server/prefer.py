"""The `Prefer` request header (RFC 7240), as Stoplight Prism reads it, so a browser app can steer each answer.

Supported: `delay=MS` (answer after MS milliseconds, at most `MAX_DELAY_MS`). Preferences are named back in
`Preference-Applied`, so a client sees which ones took effect; a malformed value is a 400 in the dialect's shape.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_server.problems import Issue, IssueCode, MockProblem, Problem, ProblemKind

MAX_DELAY_MS = 60_000


def parse_prefer(header: str) -> dict[str, str]:
    """`Prefer` preferences by name (lowercased): `"delay=200, code=404"` -> `{"delay": "200", "code": "404"}`."""
    preferences: dict[str, str] = {}
    for item in header.split(","):
        token = item.split(";", 1)[0].strip()
        if token:
            name, _, value = token.partition("=")
            preferences[name.strip().lower()] = value.strip().strip('"')
    return preferences


def bad_preference(name: str, value: str, message: str) -> MockProblem:
    issue = Issue("header", "Prefer", IssueCode.MALFORMED, message, f"{name}={value}")
    return MockProblem(Problem(ProblemKind.INVALID_REQUEST, f"Invalid request: {message}", (issue,)))


def delay_seconds(preferences: Mapping[str, str]) -> float | None:
    value = preferences.get("delay")
    if value is None:
        return None
    if not value.isdigit() or int(value) > MAX_DELAY_MS:
        raise bad_preference(
            "delay", value, f"Prefer: delay must be a whole number of milliseconds, 0 to {MAX_DELAY_MS}"
        )
    return int(value) / 1000


class Preferences:
    """Applies the preferences of each request's `Prefer` header."""

    def __init__(self, app: ASGIApp, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.app = app
        self.sleep = sleep

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        header = next((value for name, value in scope.get("headers", ()) if name == b"prefer"), None)
        if scope["type"] != "http" or header is None:
            await self.app(scope, receive, send)
            return
        preferences = parse_prefer(header.decode("latin-1"))
        delay = delay_seconds(preferences)
        applied = [] if delay is None else [f"delay={preferences['delay']}"]
        if delay:
            await self.sleep(delay)

        async def send_applied(message: Message) -> None:
            if message["type"] == "http.response.start" and applied:
                extra = (b"preference-applied", ", ".join(applied).encode())
                message["headers"] = [*message.get("headers", ()), extra]
            await send(message)

        await self.app(scope, receive, send_applied)
