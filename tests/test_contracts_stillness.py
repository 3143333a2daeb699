"""The filter walks of a live list: judged in full where their runs held still, on what held still otherwise."""

from __future__ import annotations

import json
from typing import Any

import httpx

from contracts.client import Exchange
from contracts.listing import Page, Walk
from contracts.stillness import FilterSnapshot

EXCHANGE = Exchange("http://x", {}, 200, httpx.Headers(), json.dumps([]).encode())
DONE, RUNNING = ("status", "COMPLETED"), ("status", "RUNNING")


def walk(*pages: list[dict[str, Any]]) -> Walk:
    return Walk(tuple(Page(EXCHANGE, tuple(runs), index, 3) for index, runs in enumerate(pages)), exhausted=True)


def run(identifier: str, status: str) -> dict[str, Any]:
    return {"id": identifier, "status": status}


def snapshot(before: Walk, after: Walk, **walks: Walk) -> FilterSnapshot:
    keyed = {("status", value): found for value, found in walks.items()}
    return FilterSnapshot(before, keyed, after, {"status": "status"})


def test_a_filter_whose_runs_held_still_wants_every_run_that_matched() -> None:
    before = walk([run("c", "COMPLETED"), run("b", "RUNNING"), run("a", "COMPLETED")])
    after = walk([run("d", "RUNNING"), run("c", "COMPLETED"), run("b", "COMPLETED"), run("a", "COMPLETED")])
    taken = snapshot(before, after, COMPLETED=walk([run("c", "COMPLETED"), run("a", "COMPLETED")]))

    assert not taken.still(DONE)  # b finished meanwhile
    assert not taken.still(RUNNING)  # d arrived, b left
    assert taken.wanted(DONE) == ["c", "a"]  # one answer: the runs that did not change
    assert taken.judged_whole(DONE)


def test_a_walk_of_several_pages_whose_runs_moved_is_held_to_no_run() -> None:
    before = walk([run("c", "RUNNING"), run("b", "RUNNING"), run("a", "RUNNING")])
    after = walk([run("c", "COMPLETED"), run("b", "RUNNING"), run("a", "RUNNING")])
    taken = snapshot(before, after, RUNNING=walk([run("b", "RUNNING")], [run("a", "RUNNING")]))

    assert taken.wanted(RUNNING) is None
    assert not taken.judged_whole(RUNNING)


def test_a_run_that_changed_in_any_field_is_not_wanted_from_a_moving_filter() -> None:
    before = walk([run("c", "RUNNING"), {**run("b", "COMPLETED"), "usage": 1}, run("a", "COMPLETED")])
    after = walk([run("c", "COMPLETED"), {**run("b", "COMPLETED"), "usage": 2}, run("a", "COMPLETED")])
    taken = snapshot(before, after, COMPLETED=walk([run("a", "COMPLETED")]))

    assert taken.unchanged == {"a"}
    assert taken.wanted(DONE) == ["a"]
