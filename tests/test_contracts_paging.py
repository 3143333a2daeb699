"""Paging styles: the parameters of page N, and whether what a page says about itself is true."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from contracts.dialects.paging import NumberedPaging, OffsetPaging
from contracts.http.client import Exchange


def answer(body: Any = None, headers: dict[str, str] | None = None) -> Exchange:
    return Exchange("http://x/runs", {}, 200, httpx.Headers(headers or {}), json.dumps(body).encode())


def envelope(has_more: Any, limit: Any, offset: Any) -> dict[str, Any]:
    return {"code": 0, "data": {"hasMore": has_more, "items": [], "limit": limit, "offset": offset}}


def test_offset_paging_asks_for_a_page_by_its_first_run() -> None:
    assert OffsetPaging().query(index=2, size=10) == {"limit": "10", "offset": "20"}
    assert OffsetPaging().start_query(start=7, size=10) == {"limit": "10", "offset": "7"}


def test_numbered_paging_counts_pages_from_one_and_cannot_start_anywhere() -> None:
    assert NumberedPaging().query(index=0, size=5) == {"take": "5", "page": "1"}
    assert NumberedPaging().start_query(start=7, size=5) is None


def test_offset_claims_are_true_when_has_more_and_the_echoes_match() -> None:
    exchange = answer(envelope(True, 10, 20))

    assert OffsetPaging().claim_problems(exchange, index=2, size=10, runs=10, total=31) == []


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        pytest.param(envelope(False, 10, 20), "data.hasMore is False, the truth is True", id="has-more-false"),
        pytest.param(envelope(1, 10, 20), "data.hasMore is 1, the truth is True", id="has-more-not-boolean"),
        pytest.param(envelope(True, 11, 20), "data.limit is 11, the truth is 10", id="limit-echo"),
        pytest.param(envelope(True, 10, 0), "data.offset is 0, the truth is 20", id="offset-echo"),
        pytest.param({"data": {}}, "data.hasMore is (missing), the truth is True", id="missing"),
    ],
)
def test_offset_claims_that_lie_are_named(body: Any, problem: str) -> None:
    problems = OffsetPaging().claim_problems(answer(body), index=2, size=10, runs=10, total=31)

    assert problem in problems


def test_numbered_claims_are_true_when_every_header_is() -> None:
    headers = {"pagination-count": "31", "pagination-page": "3", "pagination-take": "10"}

    assert NumberedPaging().claim_problems(answer([], headers), index=2, size=10, runs=10, total=31) == []


def test_numbered_claims_that_lie_or_are_missing_are_named() -> None:
    headers = {"pagination-count": "10", "pagination-page": "3"}

    problems = NumberedPaging().claim_problems(answer([], headers), index=2, size=10, runs=10, total=31)

    assert problems == ["pagination-count is '10', the truth is 31", "pagination-take is None, the truth is 10"]
