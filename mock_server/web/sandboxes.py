"""Sandboxes: a data set of its own (data, clock, request log) for each client that names one.

A request names its sandbox with the `X-Mock-Sandbox` header; without it, it is served from `default`, the data set
the mock starts with. A sandbox named for the first time is made as `default` was (from the seed, and the scenario
the mock started with), its clock at the reference time and its request log empty, and only for a request that
authentication accepted (or the admin token's): until then the request is judged by the tokens a new sandbox would
accept. Sandboxes of one seed share the generated data, which no change alters (a change makes a new store), so an
idle sandbox costs its tokens and its empty memories. A sandbox unused for `idle_seconds` is dropped, and at most
`max_count` exist besides `default`: past that a new one is refused with a 429 whose `Retry-After` says when the
least recently used one expires.

How a sandbox's data is kept is its `DataSet`'s business: the registry only makes, finds, replaces and drops them.
"""

from __future__ import annotations

import math
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from starlette.types import Scope

from mock_server.problems import Issue, IssueCode, MockProblem, Problem, ProblemKind
from mock_server.web.auth import TokenRegistry
from mock_server.web.data_set import DataSet
from mock_server.web.state import Mount

SANDBOX_HEADER = "X-Mock-Sandbox"
HEADER = SANDBOX_HEADER.lower().encode()
SANDBOX_KEY = "mock_server.sandbox"
"""Set in a request's scope `extensions` with the security handler's verdict: the `Sandbox` that serves it."""
DEFAULT = "default"
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
NAME_RULE = "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or a digit"
SHOWN_NAME = 100
DEFAULT_IDLE_SECONDS = 3600.0
DEFAULT_MAX_SANDBOXES = 1000


@dataclass
class Sandbox:
    """One named data set and each served dialect over it."""

    name: str
    data: DataSet
    mounts: Mapping[str, Mount]
    used_at: float = 0.0
    """When a request last named it (`time.monotonic`)."""


Make = Callable[[str], Sandbox]
"""Makes the sandbox of a name as the mock starts it."""


def requested(scope: Scope) -> str | None:
    """The sandbox a request names (several headers joined, which no name matches), or None for `default`."""
    values = [value.decode("latin-1") for name, value in scope["headers"] if name == HEADER]
    return ", ".join(values) if values else None


def invalid_name(name: str) -> Problem:
    message = f"{SANDBOX_HEADER} must name one sandbox: {NAME_RULE}"
    shown = name if len(name) <= SHOWN_NAME else f"{name[:SHOWN_NAME]}..."  # a long header is not echoed whole
    issue = Issue("header", SANDBOX_HEADER, IssueCode.INVALID_FORMAT, message, shown, NAME_RULE)
    return Problem(ProblemKind.INVALID_REQUEST, f"Invalid request: {message}", (issue,))


class Sandboxes:
    """The sandboxes by name, least recently used first; `default` is always there and never expires."""

    def __init__(
        self,
        make: Make,
        idle_seconds: float = DEFAULT_IDLE_SECONDS,
        max_count: int = DEFAULT_MAX_SANDBOXES,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.make = make
        self.idle_seconds = idle_seconds
        self.max_count = max_count
        self.monotonic = monotonic
        self.default = make(DEFAULT)
        self._named: OrderedDict[str, Sandbox] = OrderedDict()
        self._pristine: Sandbox | None = None

    @property
    def pristine(self) -> Sandbox:
        """A sandbox as a new one starts, never served: what a sandbox not made yet shows and accepts."""
        if self._pristine is None:
            self._pristine = self.make(DEFAULT)
        return self._pristine

    def named(self, name: str | None) -> Sandbox | None:
        """The sandbox `name` (None: `default`) if it exists, now counted as used; None if it does not."""
        if name is None or name == DEFAULT:
            return self.default
        self.expire()
        sandbox = self._named.get(name)
        if sandbox is not None:
            sandbox.used_at = self.monotonic()
            self._named.move_to_end(name)
        return sandbox

    def acquire(self, name: str | None) -> Sandbox:
        """The sandbox `name`, made if it does not exist; raises `MockProblem`: 400 for a name that cannot be one,
        429 when `max_count` sandboxes exist."""
        found = self.named(name)
        if found is not None:
            return found
        assert name is not None  # `named` always finds `default`
        if NAME.fullmatch(name) is None:
            raise MockProblem(invalid_name(name))
        if len(self._named) >= self.max_count:
            raise MockProblem(self.full(name))
        sandbox = self._named[name] = self.make(name)
        sandbox.used_at = self.monotonic()
        return sandbox

    def full(self, name: str) -> Problem:
        oldest = next(iter(self._named.values()), None)
        wait = 1 if oldest is None else oldest.used_at + self.idle_seconds - self.monotonic()
        message = (
            f"Too many sandboxes: the mock holds {self.max_count}, its most; sandbox {name} can be made once the "
            f"least recently used one expires (unused for {self.idle_seconds:g} s) or one is deleted "
            "(DELETE /__mock__/sandboxes/NAME with the admin token)"
        )
        return Problem(ProblemKind.RATE_LIMITED, message, headers={"Retry-After": str(max(1, math.ceil(wait)))})

    def serving(self, scope: Scope) -> Sandbox:
        """The sandbox a request was served from: authentication's verdict, else the one it names if that exists
        (a refused request makes none), else `default`."""
        found = scope.get("extensions", {}).get(SANDBOX_KEY)
        if isinstance(found, Sandbox):
            return found
        return self.named(requested(scope)) or self.default

    def tokens(self, name: str | None, dialect: str) -> TokenRegistry:
        """The tokens a request naming `name` is judged by: its sandbox's, or those a new one would accept."""
        return (self.named(name) or self.pristine).mounts[dialect].accepted_tokens()

    def expire(self) -> None:
        """Drop the sandboxes unused for `idle_seconds`."""
        deadline = self.monotonic() - self.idle_seconds
        while self._named:
            name, oldest = next(iter(self._named.items()))
            if oldest.used_at > deadline:
                return
            del self._named[name]

    def listing(self) -> list[Sandbox]:
        """`default`, then the others, least recently used first."""
        self.expire()
        return [self.default, *self._named.values()]

    def reset(self, name: str) -> Sandbox | None:
        """Make `name` afresh, as it was made first; None if there is no such sandbox."""
        if name != DEFAULT and self.named(name) is None:
            return None
        fresh = self.make(name)
        fresh.used_at = self.monotonic()
        if name == DEFAULT:
            self.default = fresh
        else:
            self._named[name] = fresh
        return fresh

    def delete(self, name: str) -> bool:
        """Forget the sandbox `name` (never `default`); False if there was none."""
        self.expire()
        return self._named.pop(name, None) is not None


class SandboxLogs:
    """The request log layer's log: each request recorded in the log of the sandbox that served it."""

    def __init__(self, sandboxes: Sandboxes, skip_prefix: str) -> None:
        self.sandboxes = sandboxes
        self.skip_prefix = skip_prefix

    def record(self, scope: Scope, status: int) -> None:
        self.sandboxes.serving(scope).data.log.record(scope, status)
