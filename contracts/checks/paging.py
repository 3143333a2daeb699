"""Paging: pages hold no more than asked, are numbered as documented, never overlap, visit every run once,
and what each page says about itself (`hasMore` and its echoes, or the `pagination-*` headers) is true."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass

from contracts.checks.base import Judgement, check, finding
from contracts.dialects.base import Dialect
from contracts.listing import Page, Walk
from contracts.outcomes import Finding, NotExercised, plural
from contracts.paging import PagingStyle
from contracts.session import SMALL_WALK_RUNS, Session

__all__ = [
    "page_numbering",
    "page_size_respected",
    "pages_do_not_overlap",
    "paging_metadata_truthful",
    "paging_visits_each_run_once",
]


def pages(dialect: Dialect) -> str | None:
    return None if dialect.paging else f"the {dialect.name} endpoint returns every run in one answer, without paging"


def paging_of(session: Session) -> PagingStyle:
    paging = session.dialect.paging
    if paging is None:  # excluded by `pages`
        raise NotExercised("the dialect does not page")
    return paging


def walks(session: Session) -> list[Walk]:
    snapshot = session.snapshot
    if not snapshot.reference.runs:
        raise NotExercised("the workflow has no runs to page through: pin one with runs (--param)")
    return [snapshot.reference, snapshot.small]


@check("page_size_respected", "paging", "a page never holds more runs than asked for", applies=pages)
def page_size_respected(session: Session) -> Judgement:
    paging = paging_of(session)
    snapshot = session.snapshot
    total = len(snapshot.reference.runs)
    if total <= snapshot.small_size:
        raise NotExercised(f"only {plural(total, 'run')}: a workflow with {total + 1} runs or more would fill a page")
    findings = [
        finding(
            f"at most {plural(page.size, 'run')} ({paging.size_parameter}={page.size})",
            page.exchange,
            plural(len(page.runs), "run"),
        )
        for walk in walks(session)
        for page in walk.pages
        if page.size is not None and len(page.runs) > page.size
    ]
    first, default = snapshot.default, session.default_page
    if default is not None and len(first.runs) > default:
        expected = f"at most {plural(default, 'run')} (the default page size)"
        findings.append(finding(expected, first.exchange, plural(len(first.runs), "run")))
    examined = sum(len(walk.pages) for walk in walks(session)) + 1
    return Judgement(findings, f"{plural(examined, 'page')} of {plural(total, 'run')}")


@dataclass(frozen=True)
class Numbering:
    """The pages that show where pages start: the first one named and not, one past the end, one in between."""

    default: Page
    explicit: Page
    past: Page
    between: Page | None
    start: int


def numbering(session: Session, paging: PagingStyle, size: int) -> tuple[Walk, Numbering]:
    def fetch(reference: Walk) -> Numbering:
        lister = session.lister
        first_position = paging.query(0, 1)[paging.position_parameter]
        beyond = math.ceil(len(reference.runs) / size) + 1
        start = max(1, size // 2)
        between = paging.start_query(start, size) if len(reference.runs) > start else None
        return Numbering(
            default=lister.page({}),
            explicit=lister.page({paging.position_parameter: first_position}),
            past=lister.page(paging.query(beyond, size), index=beyond, size=size),
            between=lister.page(between, size=size) if between is not None else None,
            start=start,
        )

    return session.held_still(fetch)


@check(
    "page_numbering",
    "paging",
    "the first page is the one a request without a position gets, pages start where documented, and a page past "
    "the end is empty",
    applies=pages,
)
def page_numbering(session: Session) -> Judgement:
    paging = paging_of(session)
    if not session.reached().runs:
        raise NotExercised("the workflow has no runs to page through")
    size = session.snapshot.small_size
    reference, pages_seen = numbering(session, paging, size)
    findings: list[Finding] = []
    default, explicit = pages_seen.default, pages_seen.explicit
    # Which runs, not in which order: the order is newest_first's to judge.
    if sorted(explicit.ids) != sorted(default.ids):
        position = explicit.exchange.url.rsplit("?", 1)[-1]
        expected = f"{position} to be the first page, as when no position is given"
        findings.append(finding(expected, explicit.exchange, f"runs {explicit.ids[:3]}..., not {default.ids[:3]}..."))
    if pages_seen.past.runs:
        what = plural(len(pages_seen.past.runs), "run")
        findings.append(finding("an empty page past the end of the list", pages_seen.past.exchange, what))
    between, start = pages_seen.between, pages_seen.start
    if between is not None:
        wanted = reference.ids[start : start + size]
        if sorted(between.ids) != sorted(wanted):
            what = f"runs {between.ids[:3]}..., not {wanted[:3]}..."
            findings.append(finding(f"the runs from position {start} of the list", between.exchange, what))
    examined = "the first page named and not, a page past the end" + (f", a page from run {start}" if between else "")
    return Judgement(findings, examined)


@check("pages_do_not_overlap", "paging", "consecutive pages never hold the same run", applies=pages)
def pages_do_not_overlap(session: Session) -> Judgement:
    examined = [walk for walk in walks(session) if walk.nonempty_pages > 1]
    if not examined:
        raise NotExercised("every walk fitted on one page: a workflow with at least 2 runs would exercise it")
    findings = []
    for walk in examined:
        for before, after in itertools.pairwise(walk.pages):
            shared = [identifier for identifier in after.ids if identifier in set(before.ids)]
            if shared:
                what = f"{plural(len(shared), 'run')} of the previous page again: {', '.join(shared[:3])}"
                findings.append(finding("no run of the previous page", after.exchange, what))
    pairs = sum(walk.nonempty_pages - 1 for walk in examined)
    return Judgement(findings, f"{plural(pairs, 'pair')} of consecutive pages")


@check("paging_visits_each_run_once", "paging", "walking every page visits each run exactly once", applies=pages)
def paging_visits_each_run_once(session: Session) -> Judgement:
    reference, small = walks(session)
    if small.nonempty_pages < 2:
        raise NotExercised(
            "the walk with small pages fitted on one page: a workflow with at least 2 runs would exercise it"
        )
    findings = [duplicates for walk in (reference, small) if (duplicates := repeated(walk)) is not None]
    covered = reference.ids if reference.exhausted and small.exhausted else reference.ids[: len(small.ids)]
    missing = [identifier for identifier in covered if identifier not in set(small.ids)]
    extra = sorted(set(small.ids) - set(covered))
    if missing or extra:
        what = f"missing: {', '.join(missing[:3]) or 'none'}; not in the list: {', '.join(extra[:3]) or 'none'}"
        expected = f"the same runs as one walk with pages of {session.largest_page}"
        findings.append(finding(expected, small.pages[0].exchange, what))
    examined = f"{plural(len(small.ids), 'run')} over {plural(len(small.pages), 'page')}"
    if not small.exhausted:
        examined += f", stopping short of the last page: the walk covers the first {SMALL_WALK_RUNS:,} runs"
    return Judgement(findings, examined)


def repeated(walk: Walk) -> Finding | None:
    counts = Counter(walk.ids)
    twice = [identifier for identifier, count in counts.items() if count > 1]
    if not twice:
        return None
    page = next(page for page in walk.pages if twice[0] in page.ids)
    return finding("each run once over the whole walk", page.exchange, f"listed more than once: {', '.join(twice[:3])}")


@check(
    "paging_metadata_truthful",
    "paging",
    "what a page says about the list (hasMore and its echoes, or the pagination-* headers) is true",
    applies=pages,
)
def paging_metadata_truthful(session: Session) -> Judgement:
    paging = paging_of(session)
    reference = session.snapshot.reference
    if not reference.exhausted:
        raise NotExercised("the list is longer than a walk covers, so its true length is unknown")
    total = len(reference.runs)
    judged: list[tuple[Page, int, int]] = [
        (page, page.size or 0, total) for walk in walks(session) for page in walk.pages
    ]
    if session.default_page is not None:
        judged.append((session.snapshot.default, session.default_page, total))
    filtered = session.filter_snapshot
    for key, walk in filtered.walks.items():
        # A walk whose runs changed status meanwhile is held to what it says only where it is one answer.
        if walk.exhausted and filtered.judged_whole(key):
            judged += [(page, page.size or 0, len(walk.runs)) for page in walk.pages]
    findings = []
    for page, size, truth in judged:
        problems = paging.claim_problems(page.exchange, index=page.index, size=size, runs=len(page.runs), total=truth)
        if problems:
            findings.append(finding(f"{paging.metadata} telling the truth", page.exchange, "; ".join(problems)))
    return Judgement(findings, f"{plural(len(judged), 'page')}")
