"""Paging: pages hold no more than asked, are numbered as documented, never overlap, visit every run once,
and what each page says about itself (`hasMore` and its echoes, or the `pagination-*` headers) is true.

Pages of a live list are asked for between two walks of the whole list, and compared by position only on the runs
that held their place meanwhile (`reading.drift`): a run that arrived at the head moves the others down a page
edge, which is not the server's fault. A page's size against its limit needs no stillness at all."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass

from contracts.checks.base import Judgement, check, finding
from contracts.core.outcomes import Finding, NotExercised, plural
from contracts.dialects.base import Dialect
from contracts.dialects.paging import PagingStyle
from contracts.reading.drift import Drift
from contracts.reading.listing import Page, Walk
from contracts.reading.lists import SMALL_WALK_RUNS
from contracts.session import Session

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
    paging = session.context.dialect.paging
    if paging is None:  # excluded by `pages`
        raise NotExercised("the dialect does not page")
    return paging


def walks(session: Session) -> list[Walk]:
    snapshot = session.lists.snapshot
    if not snapshot.reference.runs:
        raise NotExercised("the workflow has no runs to page through: pin one with runs (--param)")
    return [snapshot.reference, snapshot.small]


@check("page_size_respected", "paging", "a page never holds more runs than asked for", applies=pages)
def page_size_respected(session: Session) -> Judgement:
    paging = paging_of(session)
    snapshot = session.lists.snapshot
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
    first, default = snapshot.default, session.context.default_page
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


UNPLACED = "runs arrived faster than the list could be read: no run held its place between two walks of the list"


def placed(drift: Drift, walk: Walk) -> int:
    """How many runs of `walk` sat on one of its pages the whole time (the runs its pages are judged on)."""
    size = walk.pages[0].size or 1
    return sum(1 for identifier in set(walk.ids) if drift.one_page(identifier, size) is not None)


def moved(drift: Drift, excused: int) -> str:
    """What a check says of a list that moved while it was read ("" when it held still)."""
    if drift.still:
        return ""
    arrived = f"{plural(drift.arrived, 'run')} arrived meanwhile" if drift.arrived else "runs left meanwhile"
    return f"; {arrived}: {plural(excused, 'run')} not held to a page" if excused else f"; {arrived}"


def numbering(session: Session, paging: PagingStyle, size: int) -> tuple[Walk, Numbering, Walk]:
    def fetch(reference: Walk) -> Numbering:
        lister = session.lists.lister
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

    return session.lists.bracketed(fetch)


@check(
    "page_numbering",
    "paging",
    "the first page is the one a request without a position gets, pages start where documented, and a page past "
    "the end is empty",
    applies=pages,
)
def page_numbering(session: Session) -> Judgement:
    paging = paging_of(session)
    if not session.lists.reached().runs:
        raise NotExercised("the workflow has no runs to page through")
    size = session.lists.snapshot.small_size
    reference, pages_seen, after = numbering(session, paging, size)
    default, explicit, past, between = pages_seen.default, pages_seen.explicit, pages_seen.past, pages_seen.between
    drift = Drift.of(reference, after)
    findings: list[Finding] = []
    # Which runs, not in which order (the order is newest_first's to judge), of those that held their place.
    first = drift.settled(0, session.context.default_page or max(len(default.runs), 1))
    differ = (set(explicit.ids) ^ set(default.ids)) & first
    if differ:
        position = explicit.exchange.url.rsplit("?", 1)[-1]
        expected = f"{position} to be the first page, as when no position is given"
        what = f"runs {explicit.ids[:3]}..., not {default.ids[:3]}... (differing in {', '.join(sorted(differ)[:3])})"
        findings.append(finding(expected, explicit.exchange, what))
    past_start = (math.ceil(len(reference.runs) / size) + 1) * size
    if past.runs and past_start >= drift.possible_totals[-1]:
        what = plural(len(past.runs), "run")
        findings.append(finding("an empty page past the end of the list", past.exchange, what))
    start = pages_seen.start
    if between is not None:
        wanted = reference.ids[start : start + size]
        differ = (set(between.ids) ^ set(wanted)) & drift.settled(start, size)
        if differ:
            what = f"runs {between.ids[:3]}..., not {wanted[:3]}... (differing in {', '.join(sorted(differ)[:3])})"
            findings.append(finding(f"the runs from position {start} of the list", between.exchange, what))
    if not first and not (between and drift.settled(start, size)) and past_start < drift.possible_totals[-1]:
        raise NotExercised(UNPLACED)
    examined = "the first page named and not, a page past the end" + (f", a page from run {start}" if between else "")
    return Judgement(findings, examined + moved(drift, len(drift.ranges) - len(first)))


@check("pages_do_not_overlap", "paging", "consecutive pages never hold the same run", applies=pages)
def pages_do_not_overlap(session: Session) -> Judgement:
    examined = [walk for walk in walks(session) if walk.nonempty_pages > 1]
    if not examined:
        raise NotExercised("every walk fitted on one page: a workflow with at least 2 runs would exercise it")
    drift = session.lists.snapshot.drift
    if not any(placed(drift, walk) for walk in examined):
        raise NotExercised(UNPLACED)
    findings = []
    excused = 0
    for walk in examined:
        for before, after in itertools.pairwise(walk.pages):
            shared = [identifier for identifier in after.ids if identifier in set(before.ids)]
            # A run that sat on one page the whole time cannot be on two; one that crossed a page edge can.
            held = [identifier for identifier in shared if drift.one_page(identifier, before.size or 1) is not None]
            excused += len(shared) - len(held)
            if held:
                what = f"{plural(len(held), 'run')} of the previous page again: {', '.join(held[:3])}"
                findings.append(finding("no run of the previous page", after.exchange, what))
    pairs = sum(walk.nonempty_pages - 1 for walk in examined)
    return Judgement(findings, f"{plural(pairs, 'pair')} of consecutive pages" + moved(drift, excused))


@check("paging_visits_each_run_once", "paging", "walking every page visits each run exactly once", applies=pages)
def paging_visits_each_run_once(session: Session) -> Judgement:
    reference, small = walks(session)
    if small.nonempty_pages < 2:
        raise NotExercised(
            "the walk with small pages fitted on one page: a workflow with at least 2 runs would exercise it"
        )
    snapshot = session.lists.snapshot
    drift = snapshot.drift
    if not placed(drift, small):
        raise NotExercised(UNPLACED)
    findings = [found for walk in (reference, small) if (found := repeated(walk, drift)) is not None]
    covered = reference.ids if reference.exhausted and small.exhausted else reference.ids[: len(small.ids)]
    # Missing: a run that sat on one page the small walk asked for, the whole time. Extra: a run neither walk of
    # the whole list had (a run that arrives stays, so the walk after has it).
    missing = [
        identifier
        for identifier in covered
        if identifier not in set(small.ids)
        and (page := drift.one_page(identifier, snapshot.small_size)) is not None
        and page < len(small.pages)
    ]
    known = set(covered) if drift.still else set(reference.ids) | set(snapshot.after.ids)
    extra = sorted(set(small.ids) - known)
    if missing or extra:
        what = f"missing: {', '.join(missing[:3]) or 'none'}; not in the list: {', '.join(extra[:3]) or 'none'}"
        expected = f"the same runs as one walk with pages of {session.context.largest_page}"
        findings.append(finding(expected, small.pages[0].exchange, what))
    examined = f"{plural(len(small.ids), 'run')} over {plural(len(small.pages), 'page')}"
    unplaced = sum(1 for identifier in covered if drift.one_page(identifier, snapshot.small_size) is None)
    examined += moved(drift, unplaced)
    if not small.exhausted:
        examined += f", stopping short of the last page: the walk covers the first {SMALL_WALK_RUNS:,} runs"
    return Judgement(findings, examined)


def repeated(walk: Walk, drift: Drift) -> Finding | None:
    """The runs a walk lists more than once, of those that sat on one of its pages the whole time."""
    counts = Counter(walk.ids)
    size = walk.pages[0].size or 1
    twice = [
        identifier for identifier, count in counts.items() if count > 1 and drift.one_page(identifier, size) is not None
    ]
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
    snapshot = session.lists.snapshot
    reference = snapshot.reference
    if not reference.exhausted:
        raise NotExercised("the list is longer than a walk covers, so its true length is unknown")
    # A list that moved is held to each length it can have had meanwhile: a claim true of none is false.
    totals = snapshot.drift.possible_totals
    judged: list[tuple[Page, int, range]] = [
        (page, page.size or 0, totals) for walk in walks(session) for page in walk.pages
    ]
    if session.context.default_page is not None:
        judged.append((snapshot.default, session.context.default_page, totals))
    filtered = session.lists.filter_snapshot
    for key, walk in filtered.walks.items():
        # A walk whose runs changed status meanwhile is held to what it says only where it is one answer.
        if walk.exhausted and filtered.judged_whole(key):
            judged += [(page, page.size or 0, range(len(walk.runs), len(walk.runs) + 1)) for page in walk.pages]
    findings = []
    for page, size, truths in judged:
        problems = [
            paging.claim_problems(page.exchange, index=page.index, size=size, runs=len(page.runs), total=truth)
            for truth in truths
        ]
        if all(problems):
            findings.append(finding(f"{paging.metadata} telling the truth", page.exchange, "; ".join(problems[0])))
    return Judgement(findings, f"{plural(len(judged), 'page')}" + moved(snapshot.drift, 0))
