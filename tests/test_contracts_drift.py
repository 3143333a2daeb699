"""Where the runs of a live list can have been between two walks of it: what held its place is judged, what may
have crossed a page's edge is not."""

from __future__ import annotations

import json

import httpx

from contracts.http.client import Exchange
from contracts.reading.drift import Drift
from contracts.reading.listing import Page, Walk

EXCHANGE = Exchange("http://x", {}, 200, httpx.Headers(), json.dumps([]).encode())


def walk(*ids: str) -> Walk:
    return Walk((Page(EXCHANGE, tuple({"id": identifier} for identifier in ids), 0, None),), exhausted=True)


def test_a_list_that_held_still_places_every_run_on_its_own_page() -> None:
    drift = Drift.of(walk("f", "e", "d", "c", "b", "a"), walk("f", "e", "d", "c", "b", "a"))

    assert drift.still
    assert [drift.one_page(identifier, 2) for identifier in "fedcba"] == [0, 0, 1, 1, 2, 2]
    assert drift.settled(2, 2) == set("fedcba")
    assert drift.possible_totals == range(6, 7)


def test_an_arrival_excuses_only_the_runs_it_can_have_pushed_over_a_page_edge() -> None:
    drift = Drift.of(walk("d", "c", "b", "a"), walk("e", "d", "c", "b", "a"))

    assert drift.arrived == 1
    assert drift.ranges["d"] == (0, 1)
    assert [drift.one_page(identifier, 2) for identifier in "dcba"] == [0, None, 1, None]
    assert drift.settled(0, 2) == {"d", "b", "a"}  # c alone may have crossed from the first page to the second
    assert drift.possible_totals == range(4, 6)


def test_runs_that_left_above_a_run_can_have_moved_it_up() -> None:
    drift = Drift.of(walk("c", "b", "a"), walk("b", "a"))

    assert "c" not in drift.ranges
    assert drift.ranges["b"] == (0, 1)
    assert drift.one_page("a", 2) is None


def test_a_run_arriving_between_two_pages_of_the_walk_before_counts_in_the_lengths_the_list_had() -> None:
    # The first page (2 runs) was read while the list had c, b, a; d arrived before the second page, which
    # lists b again.
    before = Walk(
        (
            Page(EXCHANGE, ({"id": "c"}, {"id": "b"}), 0, 2),
            Page(EXCHANGE, ({"id": "b"}, {"id": "a"}), 1, 2),
        ),
        exhausted=True,
    )
    drift = Drift.of(before, walk("d", "c", "b", "a"))

    assert 3 in drift.possible_totals
    assert 4 in drift.possible_totals
