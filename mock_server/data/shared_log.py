"""A repository over a log kept in Redis, so several processes serve one data set (`--state redis://HOST:PORT/DB`).

    state = SharedState.connect("redis://127.0.0.1:6379/0")     # raises StateUnavailable when Redis is not there
    clock = SharedClock(start, speed)
    repository = state.repository("default", seed, vocabulary, clock)

Each sandbox and dialect has a stream. A write appends its `Change` (JSON, with the `now` it is applied at) with
XADD, then reads the stream up to and including its own entry and applies every entry in the stream's order with
the same pure functions as `InMemoryRepository` (which holds the local copy): its own entry's outcome is the
answer, and a refused change is a no-op for every process alike. A read first applies what was appended since the
last one it saw (one XRANGE, empty when nothing is new), so a process answers from data that includes every write
answered before the request reached it (read-your-writes). Ids never collide and the data is the one a single
process would hold, because draws come from the change's position in the log (see `repository`).

The clock's anchor and speed are log entries too, in every dialect's stream of the sandbox: a process adopts them as
it applies its stream, and every process counts from the same wall-clock moment, so they agree on now.

The calls are redis-py's blocking ones: the `Repository` protocol, and the dialects' write handlers above it, are
synchronous, and a round trip to a Redis on the same network takes a fraction of a millisecond. A process's event
loop therefore checks for one request at a time. A check (one XRANGE) sent after a request arrived serves every read
made for it (`serving_request`): a request's reads after the first, and the reads of requests that arrived before
the last check was sent, make none, so concurrent requests share a check ("single flight"). Short socket timeouts
bound how long a Redis that stopped answering can hold the loop.

When Redis is lost, reads go on from the local copy: the request is noted `stale` (see `Request`), and for
`RETRY_AFTER` seconds reads do not try Redis again, so a Redis that hangs costs one timeout, not one per request. A
write always tries, and answers `StateUnavailable` when its append fails: nothing is applied here, and nothing was
appended when Redis refused the connection (an append that timed out on a Redis that hung may still be applied, by
every process alike, once it resumes). Once Redis answers again, the next read catches up with what was appended.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Any

import orjson
import redis

from mock_server.data.changes import Change, Outcome
from mock_server.data.clock import VirtualClock
from mock_server.data.generate import Vocabulary
from mock_server.data.repository import InMemoryRepository, Reading, Version
from mock_server.data.writes import WriteError

KEY_PREFIX = "workflow-runs-mock"
FIRST = "0-0"


class StateUnavailable(Exception):
    """The Redis of `--state` cannot be used; the message says why in one line."""


LOST = "the mock's shared state (--state) does not answer: try again once its Redis is back"

RETRY_AFTER = 1.0
"""Seconds during which reads, after one found Redis gone, answer from the local copy without trying it."""

CONNECT_TIMEOUT = 0.5
ANSWER_TIMEOUT = 1.0
"""Seconds a Redis may take to accept a connection, and to answer a command, before it counts as lost."""


class Request:
    """What the reads made while serving one request share: when it arrived, and the logs they could not check."""

    def __init__(self) -> None:
        self.arrived = time.monotonic()
        self.stale: list[str] = []
        """The keys of the logs a read could not check (Redis lost): empty when every read saw every change."""


_request: ContextVar[Request | None] = ContextVar("request", default=None)


@contextlib.contextmanager
def serving_request() -> Iterator[Request]:
    """The `Request` the reads made within share (reads in a copied context, a thread's, share it too)."""
    request = Request()
    token = _request.set(request)
    try:
        yield request
    finally:
        _request.reset(token)


@contextlib.contextmanager
def answering() -> Iterator[None]:
    """Redis's errors as `StateUnavailable`: an append that failed changed nothing anywhere."""
    try:
        yield
    except redis.RedisError:
        raise StateUnavailable(LOST) from None


class SharedState:
    """One Redis holding the logs of every sandbox and dialect of mocks started with the same seed."""

    def __init__(self, client: redis.Redis, seed: int) -> None:
        self.client = client
        self.seed = seed

    @classmethod
    def connect(cls, url: str, seed: int) -> SharedState:
        """The Redis at `url` (redis://HOST:PORT/DB), answering; raises `StateUnavailable` otherwise."""
        try:
            client = redis.Redis.from_url(url, socket_connect_timeout=CONNECT_TIMEOUT, socket_timeout=ANSWER_TIMEOUT)
            client.ping()
        except (redis.RedisError, ValueError) as error:
            where = url.rpartition("@")[2]  # no password in the message
            raise StateUnavailable(f"--state: the Redis at {where} does not answer: {error}") from None
        return cls(client, seed)

    def key(self, sandbox: str, dialect: str = "") -> str:
        """The stream of one sandbox's dialect (or, without a dialect, what the sandbox's other keys start with)."""
        return f"{KEY_PREFIX}:seed-{self.seed}:{sandbox}" + (f":{dialect}" if dialect else "")

    def claim(self, sandbox: str) -> bool:
        """True for the first process to make `sandbox`: the one that appends its starting entries."""
        with answering():
            return bool(self.client.set(f"{self.key(sandbox)}:started", 1, nx=True))

    def repository(self, sandbox: str, seed: int, vocabulary: Vocabulary, clock: SharedClock) -> LogRepository:
        return LogRepository(self.client, self.key(sandbox, vocabulary.name), seed, vocabulary, clock)


class SharedClock(VirtualClock):
    """A virtual clock whose anchor and speed every process of a sandbox shares through its logs.

    It counts from the wall clock (`time.time`), not the monotonic one, so processes agree; a change of its anchor or
    speed is appended to every log it is `published` to, and applied (`adopt`) as the logs are read.
    """

    def __init__(self, start: datetime, speed: float = 1.0) -> None:
        super().__init__(start, speed, time.time)
        self.logs: list[LogRepository] = []

    def advance(self, seconds: float) -> datetime:
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self.publish(self.current() + timedelta(seconds=seconds), self._speed)
        return self.now()

    def set_speed(self, speed: float) -> None:
        if speed < 0:
            raise ValueError("the clock speed cannot be negative")
        self.publish(self.current(), speed)

    def _reanchor(self, moment: datetime) -> None:
        self.publish(moment, self._speed)

    def publish(self, anchor: datetime, speed: float) -> None:
        """Set the anchor and speed, in every log when it has some (then also here, as this process reads them)."""
        entry = {"anchor": anchor.isoformat(), "at": time.time(), "speed": speed}
        self.adopt(entry)  # at once here; the logs bring it (or a later one) to every process in order
        for log in self.logs:
            log.append_clock(entry)

    def current(self) -> datetime:
        """Now, once the clock's changes appended by any process are applied (they are in every log)."""
        return self.logs[0].caught_up(self.now()) if self.logs else self.now()

    def adopt(self, entry: dict[str, Any]) -> None:
        self._anchor = datetime.fromisoformat(entry["anchor"])
        self._anchored_at = float(entry["at"])
        self._speed = float(entry["speed"])


class LogRepository:
    """One dialect's data in one sandbox: a local copy kept up with a Redis stream of changes (a `Repository`)."""

    def __init__(self, client: redis.Redis, key: str, seed: int, vocabulary: Vocabulary, clock: SharedClock) -> None:
        self.client = client
        self.key = key
        self.clock = clock
        self.local = InMemoryRepository(seed, vocabulary)
        self.applied = FIRST
        """The id of the last entry of the stream applied to the local copy."""
        self.unchecked_until = 0.0
        """Until this `time.monotonic()`, reads answer from the local copy without trying Redis (it was lost)."""
        self.checked_at = -1.0
        """The `time.monotonic()` at which the last check that succeeded was sent."""

    @property
    def seed(self) -> int:
        return self.local.seed

    def version(self, now: datetime) -> Version:
        return self.local.version(self.caught_up(now))

    def read(self, now: datetime) -> Reading:
        return self.local.read(self.caught_up(now))

    def caught_up(self, now: datetime) -> datetime:
        """`now` once the entries appended since the last catch-up are applied: the clock's now if one of them moved
        it (the caller read it before). Within a request (`serving_request`), no check when one was sent after it
        arrived; with Redis lost, `now` as it is, the request noted stale."""
        request = _request.get()
        if request is not None and self.checked_at >= request.arrived:
            return now
        sent = time.monotonic()
        if sent < self.unchecked_until:
            self.note_stale(request)
            return now
        try:
            moved = any(outcome is None for outcome in self.catch_up())
        except StateUnavailable:
            self.unchecked_until = time.monotonic() + RETRY_AFTER
            self.note_stale(request)
            return now
        self.checked_at = sent
        return self.clock.now() if moved else now

    def note_stale(self, request: Request | None) -> None:
        if request is not None:
            request.stale.append(self.key)

    def apply(self, change: Change, now: datetime) -> Outcome:
        """Append `change` at `now` and apply the stream up to it; its outcome, or its `WriteError`."""
        entry = orjson.dumps({"change": change.to_json(), "now": now.isoformat()})
        sent = time.monotonic()
        with answering():
            own = self.client.xadd(self.key, {"entry": entry})
        outcomes = self.catch_up(own if isinstance(own, str) else own.decode())
        self.checked_at = sent  # every entry appended before this one's is applied now
        outcome = outcomes[-1]
        if isinstance(outcome, WriteError):
            raise outcome
        assert outcome is not None  # the last entry applied is this change
        return outcome

    def append_clock(self, entry: dict[str, Any]) -> None:
        with answering():
            self.client.xadd(self.key, {"entry": orjson.dumps({"clock": entry})})

    def catch_up(self, through: str = "+") -> list[Outcome | WriteError | None]:
        """Apply the entries after the last one applied, up to `through` (the stream's end by default): each one's
        outcome (None for a clock entry), in order."""
        with answering():
            entries = self.client.xrange(self.key, min=f"({self.applied}", max=through) or []
        return [self.apply_entry(entry_id, fields) for entry_id, fields in entries]

    def apply_entry(self, entry_id: Any, fields: Any) -> Outcome | WriteError | None:
        self.applied = entry_id.decode()
        entry = orjson.loads(fields[b"entry"])
        if "clock" in entry:
            self.clock.adopt(entry["clock"])
            return None
        change = Change.from_json(entry["change"])
        try:
            return self.local.apply(change, datetime.fromisoformat(entry["now"]))
        except WriteError as refused:  # refused in every process alike: nothing changed
            return refused
