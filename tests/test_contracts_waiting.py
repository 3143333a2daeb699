"""Waiting out a 429: the wait it asks for, said on the console, capped at --max-wait, ended when the run stops."""

from __future__ import annotations

import threading

import pytest

from contracts.outcomes import Request
from contracts.waiting import Pause, Waiter, seconds_asked

REQUEST = Request("GET", "http://x/runs?limit=5", {"Authorization": "Bearer t"})


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        pytest.param("90", 90.0, id="seconds"),
        pytest.param("-3", 0.0, id="negative"),
        pytest.param(None, None, id="absent"),
        pytest.param("soon", None, id="unreadable"),
        pytest.param("Wed, 21 Oct 2015 07:28:30 GMT", 30.0, id="a-date"),
    ],
)
def test_retry_after_is_read_as_seconds_or_a_date(header: str | None, seconds: float | None) -> None:
    assert seconds_asked(header, now=lambda: 1445412480.0) == seconds


def recorded_in(paused: list[float]) -> Pause:
    """A pause that waits no time, recording the seconds it was asked to wait."""

    def pause(seconds: float, stop: threading.Event) -> bool:
        paused.append(seconds)
        return False

    return pause


def recording() -> tuple[Waiter, list[str], list[float]]:
    notes: list[str] = []
    paused: list[float] = []
    return Waiter(10, notes.append, pause=recorded_in(paused)), notes, paused


def test_a_wait_is_said_on_the_console_with_what_it_waits_for_and_how_long() -> None:
    waiter, notes, paused = recording()

    assert waiter.wait_out(REQUEST, "4")

    assert paused == [4.0]
    assert notes == ["rate limited (429, Retry-After: 4): waiting 4 s before sending GET http://x/runs?limit=5 again"]


def test_a_wait_longer_than_max_wait_is_cut_to_it_and_recorded_as_asked() -> None:
    waiter, notes, paused = recording()

    waiter.wait_out(REQUEST, "90")

    assert paused == [10.0]
    assert notes[0].startswith("rate limited (429, Retry-After: 90, capped by --max-wait 10 s): waiting 10 s ")
    (wait,) = waiter.waits
    assert (wait.asked, wait.waited, wait.retry_after, wait.request) == (90.0, 10.0, "90", REQUEST)


def test_a_429_without_a_usable_retry_after_waits_a_second() -> None:
    waiter, notes, paused = recording()

    waiter.wait_out(REQUEST, None)

    assert paused == [1.0]
    assert "no usable Retry-After" in notes[0]


def test_a_wait_ends_as_soon_as_the_run_stops() -> None:
    waiter = Waiter(3600)
    stop = threading.Event()
    stop.set()

    assert not waiter.wait_out(REQUEST, "3600", stop)
    waiter.stopped.set()
    assert not waiter.wait_out(REQUEST, "3600")
