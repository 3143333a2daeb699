"""The list of runs as the checks read it, each piece fetched once per run: the first page, a `Snapshot` of the
whole list walked with the largest and with small pages, and the walks of each filter value.

A live list moves while it is walked: runs arrive at its head, leave it, and change status. Requests whose
answers are compared by position (pages, counts, the same list asked twice) are made between two walks of the
whole list (`bracketed`), and judged only on the runs that `drift.Drift` shows held their place; the filter
walks are judged on what held still (`stillness.FilterSnapshot`)::

    lists = Lists(context)
    lists.reached().runs, lists.snapshot.small.pages, lists.snapshot.drift, lists.filter_snapshot.walks
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from contracts.core.outcomes import NotExercised
from contracts.http.client import Exchange
from contracts.reading.drift import Drift
from contracts.reading.listing import Lister, Page, UnexpectedAnswer, Walk
from contracts.reading.stillness import FilterSnapshot
from contracts.target.context import RunContext

__all__ = ["SMALL_WALK_RUNS", "Lists", "Snapshot"]

T = TypeVar("T")

REFERENCE_LIMIT = 2000
"""Runs a full walk looks at, at most; beyond it the checks judge the first runs only."""
SMALL_WALK_RUNS = 1000
"""Runs the walk with small pages covers, to the last page of any list up to this long (checks say when a
longer list was walked only this far)."""
SMALL_WALK_PAGES = 4
STABILITY_ATTEMPTS = 5
"""Times the filter walks are redone while runs change status under them, to judge as many of them whole."""


@dataclass(frozen=True)
class Snapshot:
    """The list walked with the largest pages (`reference`), then with small ones and its first page as asked for
    without paging parameters (`default`), then with the largest pages again (`after`)."""

    reference: Walk
    small: Walk
    small_size: int
    default: Page
    after: Walk

    @functools.cached_property
    def drift(self) -> Drift:
        """How far the runs can have moved while the small walk and the default page were asked for."""
        return Drift.of(self.reference, self.after)


class Lists:
    """The list of runs of one run's target, read through its context."""

    def __init__(self, context: RunContext) -> None:
        self.context = context
        self.lister = Lister(context.dialect, context.get)

    @functools.cached_property
    def first_page(self) -> Page | NotExercised:
        """The answer to the plainest request (no query), which proves the runs can be reached at all."""
        try:
            return self.lister.page({})
        except UnexpectedAnswer as unexpected:
            return NotExercised(self.unreached_reason(unexpected.exchange))
        except NotExercised as unreadable:
            return unreadable

    def reached(self) -> Page:
        """The first page; raises `NotExercised` saying why when the list of runs cannot be reached."""
        if isinstance(self.first_page, NotExercised):
            raise NotExercised(self.first_page.reason)
        return self.first_page

    def unreached_reason(self, exchange: Exchange) -> str:
        unpinned = self.context.unpinned
        pin = f"; pin {', '.join(unpinned)} with --param" if unpinned else ""
        if self.context.target.token is None:
            return "no --token was given, so no request can reach the runs"
        if exchange.status == 401:
            return "the server refused the token (401)"
        if exchange.status in (403, 404):
            return f"the path does not name a readable workflow ({exchange.status}){pin}"
        return f"the plainest list request answered {exchange.status}, not 200{pin}"

    def walk(self, filters: Mapping[str, str] | None = None) -> Walk:
        """Every run (matching `filters`), walked with the largest pages."""
        return self.lister.walk(self.context.largest_page, filters or {}, max_runs=REFERENCE_LIMIT)

    def bracketed(self, work: Callable[[Walk], T]) -> tuple[Walk, T, Walk]:
        """`work` done between two walks of the whole list (it is given the first), with both walks.

        What it serves compares positions (pages, counts, the same list asked twice), which one run arriving at
        the head shifts: `Drift.of(before, after)` says which runs held their place meanwhile. Runs changing
        status move no run's position.
        """
        self.reached()
        before = self.walk()
        result = work(before)
        return before, result, self.walk()

    @functools.cached_property
    def snapshot(self) -> Snapshot:
        def walks(reference: Walk) -> tuple[Walk, int, Page]:
            covered = min(len(reference.runs), SMALL_WALK_RUNS)
            size = max(1, min(self.context.largest_page, math.ceil(covered / SMALL_WALK_PAGES)))
            limit = covered + size if reference.exhausted and covered == len(reference.runs) else covered
            return self.lister.walk(size, {}, max_runs=max(limit, 1)), size, self.lister.page({})

        reference, (small, size, default), after = self.bracketed(walks)
        return Snapshot(reference, small, size, default, after)

    @functools.cached_property
    def filter_snapshot(self) -> FilterSnapshot:
        """For every filter and value the spec enumerates (but `ALL`) the runs it keeps, between two walks of the
        whole list; redone while runs change status meanwhile, then judged on what held still."""
        self.reached()
        fields = {item.parameter: item.field for item in self.context.dialect.filters}
        for _ in range(STABILITY_ATTEMPTS):
            before = self.walk()
            walks = {key: self.walk({key[0]: key[1]}) for key in self.context.filter_keys}
            snapshot = FilterSnapshot(before, walks, self.walk(), fields)
            if snapshot.all_still:
                break
        return snapshot
