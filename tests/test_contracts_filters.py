"""ALL against no filter on a list that moves: compared on the runs the walks before and after both listed."""

from __future__ import annotations

import json

import httpx

from contracts.checks.filters import unlike_no_filter
from contracts.http.client import Exchange
from contracts.reading.drift import Drift
from contracts.reading.listing import Page, Walk

EXCHANGE = Exchange("http://x", {}, 200, httpx.Headers(), json.dumps([]).encode())


def walk(*pages: str) -> Walk:
    """A walk of pages of 2 runs, each page written as its run ids ("dc" is runs d and c)."""
    return Walk(tuple(Page(EXCHANGE, tuple({"id": i} for i in ids), n, 2) for n, ids in enumerate(pages)), True)


def test_all_with_a_run_arrived_at_its_head_and_listed_twice_across_its_pages_is_no_filter() -> None:
    # b is listed twice by the walk before (c arrived between its pages) and by the ALL walk (d arrived).
    drift = Drift.of(walk("cb", "ba"), walk("dc", "ba"))

    assert unlike_no_filter(walk("dc", "cb", "a"), drift, 2) is None


def test_all_leaving_out_a_run_that_held_its_page_is_not_no_filter() -> None:
    drift = Drift.of(walk("dc", "ba"), walk("dc", "ba"))

    assert unlike_no_filter(walk("dc", "a"), drift, 2) == "runs ['d', 'c', 'a']..., without b"


def test_all_listing_a_run_neither_walk_listed_below_its_head_is_not_no_filter() -> None:
    drift = Drift.of(walk("dc", "ba"), walk("dc", "ba"))

    assert unlike_no_filter(walk("dc", "xb", "a"), drift, 2) == "runs ['d', 'c', 'x']..., with x, which no filter lists"
    assert unlike_no_filter(walk("xd", "cb", "a"), drift, 2) is None  # at the head: it may have arrived
