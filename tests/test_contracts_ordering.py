"""Ordering: what the list is sorted on, and the first pair of neighbours out of order."""

from __future__ import annotations

import json

import httpx
import pytest

from contracts.checks.ordering import disorder, in_order
from contracts.client import Exchange
from contracts.listing import Page, Walk

DAY1, DAY2 = "2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z"


def walk(*pages: list[dict[str, object]]) -> Walk:
    exchange = Exchange("http://x", {}, 200, httpx.Headers(), json.dumps([]).encode())
    return Walk(tuple(Page(exchange, tuple(runs), index, 2) for index, runs in enumerate(pages)), exhausted=True)


@pytest.mark.parametrize(
    ("newer", "older"),
    [
        pytest.param({"id": "a", "t": DAY2}, {"id": "z", "t": DAY1}, id="newer-first"),
        pytest.param({"id": "b", "t": DAY1}, {"id": "a", "t": DAY1}, id="tie-id-desc"),
        pytest.param({"id": "b", "t": DAY1}, {"id": "B", "t": DAY1}, id="tie-case"),
        pytest.param({"id": "run_b", "t": DAY1}, {"id": "run_C", "t": DAY1}, id="collation"),
        pytest.param(
            {"id": "a", "t": "2024-05-01T02:00:00+02:00"}, {"id": "b", "t": "2024-04-30T23:00:00Z"}, id="offsets"
        ),
        pytest.param({"id": "a", "t": DAY1}, {"id": "b", "t": None}, id="null-sorts-last"),
    ],
)
def test_runs_in_the_documented_order_may_be_listed_so(newer: dict[str, object], older: dict[str, object]) -> None:
    assert in_order(newer, older, "t") is True


@pytest.mark.parametrize(
    ("newer", "older"),
    [
        pytest.param({"id": "z", "t": DAY1}, {"id": "a", "t": DAY2}, id="older-first"),
        pytest.param({"id": "a", "t": DAY1}, {"id": "b", "t": DAY1}, id="tie-id-asc"),
        pytest.param({"id": "a", "t": None}, {"id": "b", "t": DAY1}, id="null-first"),
    ],
)
def test_runs_out_of_the_documented_order_are_caught(newer: dict[str, object], older: dict[str, object]) -> None:
    assert in_order(newer, older, "t") is False


def test_an_unreadable_timestamp_is_left_to_the_schema_checks() -> None:
    assert in_order({"id": "a", "t": "yesterday"}, {"id": "b", "t": DAY1}, "t") is None


def test_the_first_pair_out_of_order_is_found_across_a_page_boundary() -> None:
    runs = walk(
        [{"id": "c", "t": "2024-05-03T00:00:00Z"}, {"id": "b", "t": DAY1}],
        [{"id": "a", "t": DAY2}],
    )

    found = disorder(runs, "t")

    assert found is not None
    assert found.actual.startswith("run b (t 2024-05-01T00:00:00Z) comes before run a (t 2024-05-02T00:00:00Z)")


def test_a_list_in_order_has_no_disorder() -> None:
    runs = walk([{"id": "b", "t": DAY1}, {"id": "a", "t": DAY1}], [])

    assert disorder(runs, "t") is None
