"""Walking the list: pages until a short one, whatever the pages claim, and never forever."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx
import pytest

from contracts.core.outcomes import NotExercised
from contracts.dialects import DIALECTS
from contracts.http.client import Exchange
from contracts.reading.listing import Lister, UnexpectedAnswer

RUNS = [{"id": f"run_{number}"} for number in range(7, 0, -1)]


class NumberedServer:
    """Answers cortex-style page/take requests over `runs`; with `honour_page` False, always the first page."""

    def __init__(self, runs: list[dict[str, Any]], *, honour_page: bool = True) -> None:
        self.runs = runs
        self.honour_page = honour_page
        self.asked: list[dict[str, str]] = []

    def __call__(self, query: Mapping[str, str]) -> Exchange:
        self.asked.append(dict(query))
        take, page = int(query.get("take", 20)), int(query.get("page", 1)) if self.honour_page else 1
        body = self.runs[(page - 1) * take : page * take]
        return Exchange("http://x/runs", {}, 200, httpx.Headers(), json.dumps(body).encode())


def test_a_walk_stops_at_the_first_short_page() -> None:
    fetch = NumberedServer(RUNS)

    walk = Lister(DIALECTS["cortex-v1"], fetch).walk(3, {"status": "ALL"}, max_runs=100)

    assert walk.exhausted
    assert [len(page.runs) for page in walk.pages] == [3, 3, 1]
    assert walk.ids == [run["id"] for run in RUNS]
    assert fetch.asked[1] == {"status": "ALL", "take": "3", "page": "2"}


def test_a_walk_of_an_exact_multiple_asks_for_the_empty_page_after_it() -> None:
    walk = Lister(DIALECTS["cortex-v1"], NumberedServer(RUNS[:6])).walk(3, {}, max_runs=100)

    assert [len(page.runs) for page in walk.pages] == [3, 3, 0]
    assert walk.nonempty_pages == 2


def test_a_server_that_repeats_its_first_page_is_walked_only_up_to_the_limit() -> None:
    walk = Lister(DIALECTS["cortex-v1"], NumberedServer(RUNS, honour_page=False)).walk(3, {}, max_runs=9)

    assert not walk.exhausted
    assert len(walk.pages) == 3


def test_without_paging_the_walk_is_one_request() -> None:
    fetch = NumberedServer(RUNS)

    walk = Lister(DIALECTS["aitasker"], fetch).walk(3, {}, max_runs=100)

    assert walk.exhausted
    assert fetch.asked == [{}]


def test_an_error_answer_to_a_valid_request_is_unexpected() -> None:
    def fetch(query: Mapping[str, str]) -> Exchange:
        return Exchange("http://x", {}, 500, httpx.Headers(), b"{}")

    with pytest.raises(UnexpectedAnswer, match=r"^500 "):
        Lister(DIALECTS["invent"], fetch).page({})


def test_a_200_without_the_list_of_runs_cannot_be_judged() -> None:
    def fetch(query: Mapping[str, str]) -> Exchange:
        return Exchange("http://x", {}, 200, httpx.Headers(), b'{"items": []}')

    with pytest.raises(NotExercised, match="see response_schema_conformance"):
        Lister(DIALECTS["invent"], fetch).page({})
