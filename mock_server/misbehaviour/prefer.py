"""The `Prefer` request header (RFC 7240), as Stoplight Prism reads it, so a browser app can steer each answer.

- `delay=MS`: answer after MS milliseconds (at most `MAX_DELAY_MS`).
- `fault=reset|timeout|truncate`: a connection fault (`mock_server.misbehaviour.faults`).
- `code=NNN`, `example=NAME` (alone or together, as in Prism): the documented answer for that status, or that
  named example; `mock_server.misbehaviour.overrides` applies them in the list handler.

Every preference takes effect only on a request authentication accepted: a request without a valid token gets
its 401 at once, whatever it prefers. Delay and fault act on the connection, as a network would, so they apply
to any answer to an authenticated request (a 200, a 400, a 404); the answer is therefore made first and held
until the security handler's verdict (`AUTHENTICATED_KEY`) is known. Code and example choose the answer, so they
apply only where the list handler would answer: after authentication and parameter validation. A malformed
preference is not applied; like any bad input it is reported after authentication, as a 400 in the dialect's
shape. Unknown preferences are ignored (RFC 7240). Preferences that took effect are named back in
`Preference-Applied`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_server.misbehaviour import faults
from mock_server.problems import Issue, IssueCode, MockProblem, Problem, ProblemKind
from mock_server.web.auth import AUTHENTICATED_KEY
from mock_server.web.request_headers import first_header

MAX_DELAY_MS = 60_000
PREFERRED_KEY = "mock_server.preferred"
"""Where the `Preferred` of a request waits in its scope for the list handler."""


@dataclass
class Preferred:
    """What a request prefers of its answer, beyond what the middleware already applied."""

    code: str | None = None
    example: str | None = None
    issues: list[Issue] = field(default_factory=list)
    """Malformed preferences, reported after authentication."""
    applied: list[str] = field(default_factory=list)
    """Preferences applied so far, as `Preference-Applied` will name them."""

    def problem(self, *issues: Issue) -> MockProblem:
        every = (*self.issues, *issues)
        message = "; ".join(issue.message for issue in every)
        return MockProblem(Problem(ProblemKind.INVALID_REQUEST, f"Invalid request: {message}", every))


def parse_prefer(header: str) -> dict[str, str]:
    """`Prefer` preferences by name (lowercased): `"delay=200, code=404"` -> `{"delay": "200", "code": "404"}`."""
    preferences: dict[str, str] = {}
    for item in header.split(","):
        token = item.split(";", 1)[0].strip()
        if token:
            name, _, value = token.partition("=")
            preferences[name.strip().lower()] = value.strip().strip('"')
    return preferences


def bad_preference(name: str, value: str, message: str) -> Issue:
    return Issue("header", "Prefer", IssueCode.MALFORMED, message, f"{name}={value}")


def delay_seconds(preferences: Mapping[str, str], issues: list[Issue]) -> float | None:
    value = preferences.get("delay")
    if value is None:
        return None
    if not value.isdigit() or int(value) > MAX_DELAY_MS:
        message = f"Prefer: delay must be a whole number of milliseconds, 0 to {MAX_DELAY_MS}"
        issues.append(bad_preference("delay", value, message))
        return None
    return int(value) / 1000


def fault_of(preferences: Mapping[str, str], issues: list[Issue]) -> str | None:
    value = preferences.get("fault")
    if value is None or value in faults.FAULTS:
        return value
    issues.append(bad_preference("fault", value, f"Prefer: fault must be one of {', '.join(faults.FAULTS)}"))
    return None


class Preferences:
    """Applies the delay and fault of each authenticated request's `Prefer` header, and passes the rest on in
    its scope."""

    def __init__(
        self,
        app: ASGIApp,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        hang_seconds: float = faults.MAX_HANG_SECONDS,
    ) -> None:
        self.app = app
        self.sleep = sleep
        self.hang_seconds = hang_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        header = first_header(scope, b"prefer") if scope["type"] == "http" else None
        if header is None:
            await self.app(scope, receive, send)
            return
        preferences = parse_prefer(header.decode("latin-1"))
        preferred = Preferred(preferences.get("code"), preferences.get("example"))
        delay = delay_seconds(preferences, preferred.issues)
        fault = fault_of(preferences, preferred.issues)
        # Made here, so the copies Connexion's routing makes of the scope share it and the verdict reaches us.
        extensions = scope.setdefault("extensions", {})
        answer = Held()
        await self.app({**scope, PREFERRED_KEY: preferred}, receive, answer.keep)
        if AUTHENTICATED_KEY not in extensions:
            await answer.send_to(send)  # its 401 (or an answer of a route without security), untouched, at once
            return
        applied = preferred.applied
        if delay is not None:
            applied.insert(0, f"delay={preferences['delay']}")
            if delay:
                await self.sleep(delay)
        connection = faults.Connection.of(receive) if fault is not None else None
        if connection is None:
            await answer.send_to(send, applied)
            return
        applied.append(f"fault={fault}")
        if fault == "reset":
            await connection.reset()
        elif fault == "timeout":
            await faults.hang(connection, self.hang_seconds)
        else:
            await answer.send_to(send, applied, truncated=True)
            await connection.close()


class Held:
    """An answer kept whole until it is known what to do with it."""

    def __init__(self) -> None:
        self.start: Message | None = None
        self.chunks: list[bytes] = []

    async def keep(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.start = message
        elif message["type"] == "http.response.body":
            self.chunks.append(message.get("body", b""))

    async def send_to(self, send: Send, applied: Sequence[str] = (), truncated: bool = False) -> None:
        """Send the answer, naming `applied` in `Preference-Applied`; `truncated`: half its body, more announced."""
        if self.start is None:
            return
        headers = list(self.start.get("headers", ()))
        if applied:
            headers.append((b"preference-applied", ", ".join(applied).encode()))
        body = b"".join(self.chunks)
        await send({**self.start, "headers": headers})
        if truncated:
            await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
        else:
            await send({"type": "http.response.body", "body": body})
