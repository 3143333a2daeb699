"""Fetching the list of runs: one page, or a walk over every page, as the dialect pages.

A walk never trusts what pages say about themselves: it stops at the first page holding fewer runs than asked,
or after `max_runs` runs, so a server whose `hasMore` or headers lie cannot lead it astray; the checks compare
those claims with what the walk found.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from contracts.core.outcomes import NotExercised
from contracts.dialects.base import Dialect, Run, ShapeError
from contracts.http.client import Exchange

__all__ = ["Lister", "Page", "UnexpectedAnswer", "Walk"]

Fetch = Callable[[Mapping[str, str]], Exchange]


class UnexpectedAnswer(Exception):
    """A valid list request, on a server that had answered one before, did not get a 200 with runs."""

    def __init__(self, exchange: Exchange) -> None:
        super().__init__(exchange.describe())
        self.exchange = exchange


@dataclass(frozen=True)
class Page:
    exchange: Exchange
    runs: tuple[Run, ...]
    index: int
    """Which page of the walk (0-based); 0 for a request without paging parameters."""
    size: int | None
    """The page size asked for; None when the server's default applies."""

    @property
    def ids(self) -> list[str]:
        return [str(run.get("id")) for run in self.runs]


@dataclass(frozen=True)
class Walk:
    pages: tuple[Page, ...]
    exhausted: bool
    """Whether the walk reached the end of the list (a short page), rather than stopping at its limit."""

    @property
    def runs(self) -> tuple[Run, ...]:
        return tuple(run for page in self.pages for run in page.runs)

    @property
    def ids(self) -> list[str]:
        return [identifier for page in self.pages for identifier in page.ids]

    @property
    def nonempty_pages(self) -> int:
        return sum(1 for page in self.pages if page.runs)


class Lister:
    """Asks for pages of runs through `fetch` and reads them as `dialect` lays them out."""

    def __init__(self, dialect: Dialect, fetch: Fetch) -> None:
        self.dialect = dialect
        self.fetch = fetch

    def page(self, query: Mapping[str, str], *, index: int = 0, size: int | None = None) -> Page:
        exchange = self.fetch(query)
        if exchange.status != 200:
            raise UnexpectedAnswer(exchange)
        try:
            runs = self.dialect.runs_in(exchange.json())
        except (ValueError, ShapeError) as error:
            raise NotExercised(
                f"a 200 answer is not the documented list of runs ({error}): see response_schema_conformance"
            ) from None
        return Page(exchange, tuple(runs), index, size)

    def walk(self, size: int, filters: Mapping[str, str], *, max_runs: int) -> Walk:
        """Pages of `size` runs from the first, until a short page or until `max_runs` runs were seen."""
        paging = self.dialect.paging
        if paging is None:
            return Walk((self.page(filters),), exhausted=True)
        pages: list[Page] = []
        seen = 0
        while seen < max_runs:
            page = self.page({**filters, **paging.query(len(pages), size)}, index=len(pages), size=size)
            pages.append(page)
            seen += len(page.runs)
            if len(page.runs) < size:
                return Walk(tuple(pages), exhausted=True)
        return Walk(tuple(pages), exhausted=False)
