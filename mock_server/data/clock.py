"""The mock's virtual clock: it starts at the data's reference time and runs at a chosen speed.

Real time by default (speed 1); speed 0 freezes it; `advance` jumps ahead, so a test or a screenshot can move
runs through their lifecycle without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta


class VirtualClock:
    def __init__(self, start: datetime, speed: float = 1.0, monotonic: Callable[[], float] = time.monotonic) -> None:
        if speed < 0:
            raise ValueError("the clock speed cannot be negative")
        self._monotonic = monotonic
        self._anchor = start
        self._anchored_at = monotonic()
        self._speed = speed

    @property
    def speed(self) -> float:
        return self._speed

    def now(self) -> datetime:
        elapsed = (self._monotonic() - self._anchored_at) * self._speed
        return self._anchor + timedelta(0, elapsed)  # (days, seconds): positional, half the cost of keywords

    def advance(self, seconds: float) -> datetime:
        """Jump `seconds` ahead (never back: runs do not un-finish)."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self._reanchor(self.now() + timedelta(seconds=seconds))
        return self.now()

    def set_speed(self, speed: float) -> None:
        if speed < 0:
            raise ValueError("the clock speed cannot be negative")
        self._reanchor(self.now())
        self._speed = speed

    def reset(self, start: datetime) -> None:
        self._reanchor(start)

    def _reanchor(self, moment: datetime) -> None:
        self._anchor = moment
        self._anchored_at = self._monotonic()
