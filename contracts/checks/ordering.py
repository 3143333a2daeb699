"""Ordering: runs come newest first by the dialect's timestamp, runs of the same instant by id descending."""

from __future__ import annotations

import itertools

from contracts.checks.base import Judgement, check, finding
from contracts.listing import Walk
from contracts.outcomes import Finding, NotExercised, plural
from contracts.response_rules import in_order
from contracts.session import Session

__all__ = ["newest_first"]


def disorder(walk: Walk, field: str) -> Finding | None:
    """The first pair of neighbouring runs (across page boundaries too) in the wrong order."""
    listed = [(run, page) for page in walk.pages for run in page.runs]
    for (newer, _), (older, page) in itertools.pairwise(listed):
        if in_order(newer, older, field) is False:
            what = (
                f"run {newer.get('id')} ({field} {newer.get(field)}) comes before "
                f"run {older.get('id')} ({field} {older.get(field)})"
            )
            return finding(f"newest first by {field}, ties by id descending", page.exchange, what)
    return None


@check("newest_first", "ordering", "runs are listed newest first, runs of the same instant by id descending")
def newest_first(session: Session) -> Judgement:
    field = session.dialect.order_field
    if session.dialect.filters:
        listed = [session.filter_snapshot.reference, *session.filter_snapshot.walks.values()]
    else:
        listed = [session.snapshot.reference]
    compared = sum(max(len(walk.runs) - 1, 0) for walk in listed)
    if compared == 0:
        raise NotExercised("no list held two runs to compare: a workflow with at least 2 runs would exercise it")
    findings = [found for walk in listed if (found := disorder(walk, field)) is not None]
    return Judgement(findings, f"{plural(compared, 'pair')} of neighbouring runs in {plural(len(listed), 'list')}")
