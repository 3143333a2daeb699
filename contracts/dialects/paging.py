"""The two ways the dialects page, and how to tell whether what a page says about itself is true.

A walk asks for page `index` (0-based) of `size` runs; the style turns that into query parameters and judges the
page's own claims (`hasMore` and its echoes, or the `pagination-*` headers) against the truth the walk found::

    style = NumberedPaging()
    style.query(index=1, size=12)            # {"take": "12", "page": "2"}
    style.claim_problems(exchange, index=1, size=12, runs=12, total=48)   # [] when every claim is true
"""

from __future__ import annotations

import abc
from dataclasses import dataclass

from contracts.core.json_path import MISSING, dig, shown
from contracts.http.client import Exchange

__all__ = ["NumberedPaging", "OffsetPaging", "PagingStyle"]


class PagingStyle(abc.ABC):
    size_parameter: str
    position_parameter: str
    metadata: str
    """What the page says about itself, as a reader would name it (for rule statements)."""

    @abc.abstractmethod
    def query(self, index: int, size: int) -> dict[str, str]:
        """The paging parameters of page `index` (0-based) of `size` runs."""

    @abc.abstractmethod
    def claim_problems(self, exchange: Exchange, *, index: int, size: int, runs: int, total: int) -> list[str]:
        """How the page's claims about itself differ from the truth (`total` runs match the request)."""

    def start_query(self, start: int, size: int) -> dict[str, str] | None:
        """Parameters of a page starting at any run position, for styles that can express one."""
        return None


@dataclass(frozen=True)
class OffsetPaging(PagingStyle):
    """`limit` runs from `offset`; the body echoes both and says `hasMore`."""

    size_parameter: str = "limit"
    position_parameter: str = "offset"
    has_more_path: tuple[str, ...] = ("data", "hasMore")
    size_echo_path: tuple[str, ...] = ("data", "limit")
    position_echo_path: tuple[str, ...] = ("data", "offset")
    metadata: str = "hasMore and the echoed limit and offset"

    def query(self, index: int, size: int) -> dict[str, str]:
        return {self.size_parameter: str(size), self.position_parameter: str(index * size)}

    def start_query(self, start: int, size: int) -> dict[str, str] | None:
        return {self.size_parameter: str(size), self.position_parameter: str(start)}

    def claim_problems(self, exchange: Exchange, *, index: int, size: int, runs: int, total: int) -> list[str]:
        body = exchange.json()
        start = index * size
        expected = {
            self.has_more_path: start + runs < total,
            self.size_echo_path: size,
            self.position_echo_path: start,
        }
        problems = []
        for path, truth in expected.items():
            claimed = dig(body, path)
            if claimed is MISSING or claimed != truth or type(claimed) is not type(truth):
                problems.append(f"{shown(path)} is {claimed!r}, the truth is {truth!r}")
        return problems


@dataclass(frozen=True)
class NumberedPaging(PagingStyle):
    """1-based `page` of `take` runs; the totals come back in response headers."""

    size_parameter: str = "take"
    position_parameter: str = "page"
    first_page: int = 1
    count_header: str = "pagination-count"
    page_header: str = "pagination-page"
    size_header: str = "pagination-take"
    metadata: str = "the pagination-count, pagination-page and pagination-take headers"

    def query(self, index: int, size: int) -> dict[str, str]:
        return {self.size_parameter: str(size), self.position_parameter: str(index + self.first_page)}

    def claim_problems(self, exchange: Exchange, *, index: int, size: int, runs: int, total: int) -> list[str]:
        expected = {self.count_header: total, self.page_header: index + self.first_page, self.size_header: size}
        problems = []
        for header, truth in expected.items():
            claimed = exchange.headers.get(header)
            if claimed != str(truth):
                problems.append(f"{header} is {claimed!r}, the truth is {truth}")
        return problems
