"""What consecutive pages of one query show: overlap, order across the page break, `hasMore` against the next
page, a walk's runs against the count the list gives, the first page named and not, and `ALL` against no filter.

A query is its path and query without the paging parameters; a page is where it starts (in runs) and its size.
Pages are remembered by their run ids only, within a budget of ids. Two answers are compared only when they
agree on the list's length where the dialect tells it (`pagination-count`) and no write was answered 2xx in
between, so a list that changed between them is not held against the server.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from contracts.dialects.base import Run
from contracts.json_path import MISSING, dig
from contracts.paging import NumberedPaging, OffsetPaging
from contracts.proxy.answers import Problem
from contracts.proxy.memory import Recent
from contracts.proxy.rules import STATEMENTS
from contracts.response_rules import Judged, whole_number
from contracts.run_order import in_order

__all__ = ["Listed", "Pages"]

Key = tuple[Any, ...]
ID_BUDGET = 200_000
"""Run ids remembered across every page of every query (a few MB at most)."""
PAIRS_BUDGET = 4_096


@dataclass(frozen=True)
class Listed:
    """A 200 answer to the list: its path parameters, query (first values), headers, body and runs."""

    path: Mapping[str, str]
    query: Mapping[str, str]
    headers: Mapping[str, str]
    body: Any
    runs: list[Run]


@dataclass(frozen=True)
class Page:
    ids: tuple[str, ...]
    first: Run | None
    last: Run | None
    has_more: Any
    count: int | None
    epoch: int
    """How many writes traffic had seen answered 2xx when the page came: pages of different epochs are not
    compared, as a write changes the list."""

    def comparable(self, other: Page) -> bool:
        return self.count == other.count and self.epoch == other.epoch


def ends(runs: list[Run], order: str) -> tuple[Run | None, Run | None]:
    """The first and last runs, kept only with the fields their order is judged by."""
    kept = [{"id": run.get("id"), order: run.get(order)} for run in (runs[:1] + runs[-1:])]
    return (kept[0], kept[-1]) if kept else (None, None)


class Pages:
    def __init__(self, judged: Judged) -> None:
        self.judged = judged
        self.pages: Recent[Key, Page] = Recent(ID_BUDGET, weight=lambda page: len(page.ids) + 1)
        self.pairs: Recent[Key, dict[str, Page]] = Recent(PAIRS_BUDGET)

    def observe(self, listed: Listed, epoch: int) -> list[Problem]:
        paging = self.judged.dialect.paging
        if paging is None:
            return []
        located = self.locate(listed)
        if located is None:
            return []
        query, start, size, named, everything = located
        order = self.judged.dialect.order_field
        first, last = ends(listed.runs, order)
        has_more = dig(listed.body, paging.has_more_path) if isinstance(paging, OffsetPaging) else MISSING
        count = whole_number(listed.headers.get(paging.count_header)) if isinstance(paging, NumberedPaging) else None
        page = Page(tuple(str(run.get("id")) for run in listed.runs), first, last, has_more, count, epoch)
        problems = self.against_neighbours(query, start, size, page)
        if start == 0:
            problems += self.twin(("first", query, size), "named" if named else "unnamed", page, "page_numbering")
        base = (query[0], tuple(item for item in query[1] if item[0] != "ALL"), size, start)
        problems += self.twin(("all", *base), "ALL" if everything else "none", page, "filter_all_means_no_filter")
        self.pages.put((query, size, start), page)
        if len(page.ids) < size:
            problems += self.walk_problems(query, start, size, page)
        return problems

    def locate(self, listed: Listed) -> tuple[Key, int, int, bool, bool] | None:
        """The query's key, where the page starts, its size, whether it named its position, whether it asked
        `ALL` of a filter; None for a page whose paging parameters are not valid whole numbers."""
        paging, facts = self.judged.dialect.paging, self.judged.facts
        assert paging is not None
        raw_size, raw_position = listed.query.get(paging.size_parameter), listed.query.get(paging.position_parameter)
        size = facts.default_size if raw_size is None else whole_number(raw_size)
        position = facts.default_position if raw_position is None else whole_number(raw_position)
        if size is None or position is None or size < 1:
            return None
        start = (position - paging.first_page) * size if isinstance(paging, NumberedPaging) else position
        all_values = {item.parameter: item.all_value for item in self.judged.dialect.filters}
        skipped = {paging.size_parameter, paging.position_parameter}
        rest = sorted((name, value) for name, value in listed.query.items() if name not in skipped)
        everything = any(all_values.get(name) == value for name, value in rest)
        kept = tuple(("ALL", name) if all_values.get(name) == value else (name, value) for name, value in rest)
        return (tuple(sorted(listed.path.items())), kept), start, size, raw_position is not None, everything

    def against_neighbours(self, query: Key, start: int, size: int, page: Page) -> list[Problem]:
        before = self.pages.get((query, size, start - size)) if start >= size else None
        if before is None or not before.comparable(page):
            return []
        problems = []
        shared = [identifier for identifier in page.ids if identifier in set(before.ids)]
        if shared:
            what = f"{len(shared)} run(s) of the previous page again: {', '.join(shared[:3])}"
            problems.append(Problem("pages_do_not_overlap", STATEMENTS["pages_do_not_overlap"], what))
        order = self.judged.dialect.order_field
        if (
            before.last is not None
            and page.first is not None
            and not shared
            and (in_order(before.last, page.first, order) is False)
        ):
            what = (
                f"run {page.first.get('id')} ({order} {page.first.get(order)}) comes after run "
                f"{before.last.get('id')} ({order} {before.last.get(order)}) of the previous page"
            )
            problems.append(Problem("newest_first", STATEMENTS["newest_first"], what))
        if before.has_more is True and len(before.ids) == size and not page.ids:
            what = "hasMore was true on the previous page, and this next page is empty"
            problems.append(Problem("paging_metadata_truthful", STATEMENTS["paging_metadata_truthful"], what))
        elif before.has_more is False and page.ids:
            what = f"hasMore was false on the previous page, and this next page holds {len(page.ids)} run(s)"
            problems.append(Problem("paging_metadata_truthful", STATEMENTS["paging_metadata_truthful"], what))
        return problems

    def twin(self, key: Key, label: str, page: Page, rule: str) -> list[Problem]:
        """Remember `page` as the `label` answer of `key`; compare it with the other label's latest."""
        seen = self.pairs.get(key) or {}
        seen[label] = page
        self.pairs.put(key, seen)
        other = next((found for name, found in seen.items() if name != label), None)
        if other is None or other.epoch != page.epoch:
            return []
        if sorted(other.ids) == sorted(page.ids) and other.count == page.count:
            return []
        labels = {"named": "the first page named", "unnamed": "no position", "ALL": "ALL", "none": "no filter"}
        (mine, theirs) = (label, next(name for name in seen if name != label))
        what = (
            f"{labels[mine]} lists {len(page.ids)} runs {list(page.ids[:3])}... (count {page.count}), "
            f"{labels[theirs]} {len(other.ids)} {list(other.ids[:3])}... (count {other.count})"
        )
        return [Problem(rule, STATEMENTS[rule], what)]

    def walk_problems(self, query: Key, start: int, size: int, last: Page) -> list[Problem]:
        """At a short page: the walk from the first page, when every page of it is remembered."""
        walk = [self.pages.get((query, size, at)) for at in range(0, start, size)]
        pages = [page for page in walk if page is not None and page.comparable(last)]
        if len(pages) != len(walk):
            return []
        ids = [identifier for page in (*pages, last) for identifier in page.ids]
        if len(set(ids)) != len(ids):
            twice = sorted({identifier for identifier in ids if ids.count(identifier) > 1})
            what = f"listed more than once over {len(pages) + 1} pages: {', '.join(twice[:3])}"
            return [Problem("paging_visits_each_run_once", STATEMENTS["paging_visits_each_run_once"], what)]
        if last.count is not None and len(ids) != last.count:
            what = f"{len(ids)} runs over {len(pages) + 1} pages of {size}, where pagination-count says {last.count}"
            return [Problem("paging_visits_each_run_once", STATEMENTS["paging_visits_each_run_once"], what)]
        return []
