"""Ordering: runs come newest first by the dialect's timestamp, runs of the same instant by id descending."""

from __future__ import annotations

import itertools

from contracts.checks.base import Judgement, check, finding
from contracts.listing import Walk
from contracts.outcomes import Finding, NotExercised, plural
from contracts.run_order import misplaced
from contracts.session import Session

__all__ = ["newest_first"]


def disorder(walk: Walk, field: str) -> Finding | None:
    """The first pair of neighbouring runs (across page boundaries too) in the wrong order.

    A run listed again on a later page (a run arrived at the head meanwhile, or pages overlap: paging's concern)
    is left out, so that it is not compared with the runs it was already listed after."""
    seen: set[object] = set()
    listed = []
    for page in walk.pages:
        listed += [(run, page) for run in page.runs if run.get("id") not in seen]
        seen.update(run.get("id") for run in page.runs)
    for (newer, _), (older, page) in itertools.pairwise(listed):
        if (what := misplaced(newer, older, field)) is not None:
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
