"""The virtual clock: real time by default, any pace, frozen at 0, and jumps that only go forward."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mock_server.data.clock import VirtualClock

START = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


class FakeMonotonic:
    def __init__(self) -> None:
        self.seconds = 100.0

    def __call__(self) -> float:
        return self.seconds


def test_the_clock_starts_at_its_start_and_runs_in_real_time() -> None:
    tick = FakeMonotonic()
    clock = VirtualClock(START, monotonic=tick)
    assert clock.now() == START
    tick.seconds += 90
    assert clock.now() == START + timedelta(seconds=90)


@pytest.mark.parametrize(("speed", "expected"), [(0.0, 0), (60.0, 600), (0.5, 5)])
def test_the_clock_runs_at_its_speed(speed: float, expected: int) -> None:
    tick = FakeMonotonic()
    clock = VirtualClock(START, speed=speed, monotonic=tick)
    tick.seconds += 10
    assert clock.now() == START + timedelta(seconds=expected)


def test_advancing_jumps_ahead_and_keeps_the_pace() -> None:
    tick = FakeMonotonic()
    clock = VirtualClock(START, speed=2, monotonic=tick)
    tick.seconds += 5
    assert clock.advance(100) == START + timedelta(seconds=110)
    tick.seconds += 5
    assert clock.now() == START + timedelta(seconds=120)


def test_changing_speed_keeps_the_time_reached() -> None:
    tick = FakeMonotonic()
    clock = VirtualClock(START, monotonic=tick)
    tick.seconds += 10
    clock.set_speed(0)
    tick.seconds += 1000
    assert clock.now() == START + timedelta(seconds=10)
    assert clock.speed == 0


def test_reset_rewinds_to_a_given_moment() -> None:
    clock = VirtualClock(START, monotonic=FakeMonotonic())
    clock.advance(3600)
    clock.reset(START)
    assert clock.now() == START


@pytest.mark.parametrize("call", [lambda c: c.advance(-1), lambda c: c.set_speed(-2)], ids=["back", "negative"])
def test_time_never_runs_backwards(call: object) -> None:
    clock = VirtualClock(START, monotonic=FakeMonotonic())
    with pytest.raises(ValueError, match=r"forward|negative"):
        call(clock)  # type: ignore[operator]
