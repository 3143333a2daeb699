"""Ordering: what the list is sorted on, and the first pair of neighbours out of order."""

from __future__ import annotations

import json

import httpx

from contracts.checks.ordering import disorder
from contracts.client import Exchange
from contracts.listing import Page, Walk

DAY1, DAY2 = "2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z"


def walk(*pages: list[dict[str, object]]) -> Walk:
    exchange = Exchange("http://x", {}, 200, httpx.Headers(), json.dumps([]).encode())
    return Walk(tuple(Page(exchange, tuple(runs), index, 2) for index, runs in enumerate(pages)), exhausted=True)


def test_the_first_pair_out_of_order_is_found_across_a_page_boundary() -> None:
    runs = walk(
        [{"id": "c", "t": "2024-05-03T00:00:00Z"}, {"id": "b", "t": DAY1}],
        [{"id": "a", "t": DAY2}],
    )

    found = disorder(runs, "t")

    assert found is not None
    assert found.actual.startswith(
        "run b (t 2024-05-01T00:00:00Z) comes before run a (t 2024-05-02T00:00:00Z), which is newer"
    )


def test_runs_listed_again_after_an_arrival_shifted_the_pages_are_not_compared_again() -> None:
    # Two runs arrived at the head before the second page was asked: it starts with the first page's last two.
    runs = walk(
        [{"id": "e", "t": DAY2}, {"id": "d", "t": DAY2}, {"id": "c", "t": DAY1}],
        [{"id": "d", "t": DAY2}, {"id": "c", "t": DAY1}, {"id": "b", "t": DAY1}],
    )

    assert disorder(runs, "t") is None


def test_a_run_listed_twice_does_not_hide_the_disorder_after_it() -> None:
    runs = walk([{"id": "c", "t": DAY2}, {"id": "b", "t": DAY1}], [{"id": "b", "t": DAY1}, {"id": "z", "t": DAY2}])

    found = disorder(runs, "t")

    assert found is not None
    assert found.actual.startswith("run b (t 2024-05-01T00:00:00Z) comes before run z")


def test_a_list_in_order_has_no_disorder() -> None:
    runs = walk([{"id": "b", "t": DAY1}, {"id": "a", "t": DAY1}], [])

    assert disorder(runs, "t") is None
