"""Waiting out rate limits: the wait a 429's `Retry-After` asks for, said on the console, capped, stoppable at once.

The suite's own client and the schema phase's transport both wait here, so every wait of a run is announced
(`note`), lasts at most --max-wait, and is recorded: what a server asked beyond the cap is a finding of
`retry_after_within_max_wait`. A wait ends as soon as the run is interrupted: in the main thread Ctrl-C raises
`KeyboardInterrupt` out of it, and the schema phase's worker threads wait on the phase's stop event::

    waiter = Waiter(max_wait=10, note=print)
    waiter.wait_out(request, "90")   # prints what it waits for, waits 10 s; False if stopped meanwhile
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from contracts.outcomes import Request

__all__ = ["DEFAULT_MAX_WAIT", "RATE_LIMIT_RETRIES", "Pause", "Wait", "Waiter", "seconds_asked"]

DEFAULT_MAX_WAIT = 30.0
"""Seconds one wait lasts at most: what the specs' own 429 examples ask (`Retry-After: 30`)."""
UNREADABLE_WAIT = 1.0
"""Seconds waited for a 429 whose Retry-After is missing or unreadable."""
RATE_LIMIT_RETRIES = 3
"""Times a request answered 429 is sent again before its 429 is taken as the answer."""

Pause = Callable[[float, threading.Event], bool]
"""Waits up to the seconds given, or until the event is set; True when it was set (the run stops)."""


def pause_on(seconds: float, stop: threading.Event) -> bool:
    return stop.wait(seconds)


@dataclass(frozen=True)
class Wait:
    """One wait for a rate-limited request."""

    request: Request
    retry_after: str | None
    """The header as the server sent it."""
    asked: float | None
    """The seconds it asked for; None when it said nothing usable."""
    waited: float


def seconds_asked(retry_after: str | None, now: Callable[[], float] = time.time) -> float | None:
    """The seconds a Retry-After value asks for (delay-seconds or an HTTP date), None when it is not one."""
    if retry_after is None:
        return None
    try:
        return max(float(retry_after), 0.0)
    except ValueError:
        pass
    try:
        return max(parsedate_to_datetime(retry_after).timestamp() - now(), 0.0)
    except (TypeError, ValueError):
        return None


class Waiter:
    """The waits of one run, each at most `max_wait` seconds, announced through `note` and kept in `waits`."""

    def __init__(
        self,
        max_wait: float = DEFAULT_MAX_WAIT,
        note: Callable[[str], None] = lambda message: None,
        pause: Pause = pause_on,
    ) -> None:
        self.max_wait = max_wait
        self.note = note
        self.pause = pause
        self.stopped = threading.Event()
        """Ends every wait of the suite's own client (the schema phase's end on the phase's stop event)."""
        self.waits: list[Wait] = []
        self._lock = threading.Lock()

    def wait_out(self, request: Request, retry_after: str | None, stop: threading.Event | None = None) -> bool:
        """Wait as long as a 429's `retry_after` asks, at most `max_wait`; False when stopped meanwhile."""
        asked = seconds_asked(retry_after)
        wanted = UNREADABLE_WAIT if asked is None else asked
        waited = min(wanted, self.max_wait)
        with self._lock:
            self.waits.append(Wait(request, retry_after, asked, waited))
        told = "no usable Retry-After" if asked is None else f"Retry-After: {retry_after}"
        capped = f", capped by --max-wait {self.max_wait:g} s" if wanted > self.max_wait else ""
        self.note(
            f"rate limited (429, {told}{capped}): waiting {waited:g} s before sending "
            f"{request.method} {request.url} again"
        )
        return not self.pause(waited, stop or self.stopped)
