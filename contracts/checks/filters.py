"""Filters: a filter returns exactly the runs that match it, and its `ALL` value is the same as no filter.

`ALL` is walked between two walks of the whole list and compared on the runs both of those listed (those that
stayed): in the same order, none left out, and nothing else but runs that arrived at the head meanwhile."""

from __future__ import annotations

from contracts.checks.base import Judgement, check, finding
from contracts.core.outcomes import Finding, NotExercised, plural
from contracts.dialects.base import Dialect
from contracts.reading.drift import Drift
from contracts.reading.listing import Walk
from contracts.session import Session

__all__ = ["filter_all_means_no_filter", "filters_select_matching_runs"]


def filters(dialect: Dialect) -> str | None:
    return None if dialect.filters else f"the {dialect.name} endpoint has no filters"


def all_values(dialect: Dialect) -> str | None:
    if not dialect.filters:
        return f"the {dialect.name} endpoint has no filters"
    has_all = any(item.all_value for item in dialect.filters)
    return None if has_all else f"the {dialect.name} filters have no ALL value"


@check(
    "filters_select_matching_runs",
    "filters",
    "a filter returns every run that matches it and no other",
    applies=filters,
)
def filters_select_matching_runs(session: Session) -> Judgement:
    snapshot = session.lists.filter_snapshot
    findings: list[Finding] = []
    matched, unjudged = 0, 0
    for key, walk in snapshot.walks.items():
        value, field = key[1], snapshot.fields[key[0]]
        strays = [run for run in walk.runs if run.get(field) != value]
        if strays:
            what = f"run {strays[0].get('id')} has {field} {strays[0].get(field)!r}"
            findings.append(finding(f"only runs whose {field} is {value!r}", walk.pages[0].exchange, what))
            continue
        wanted = snapshot.wanted(key)
        if wanted is None:
            unjudged += not snapshot.still(key)
            continue
        missing = [identifier for identifier in wanted if identifier not in set(walk.ids)]
        matched += len(wanted)
        if missing:
            what = f"{plural(len(missing), 'matching run')} left out, e.g. {missing[0]}"
            findings.append(finding(f"every run whose {field} is {value!r}", walk.pages[0].exchange, what))
    if not findings and not any(walk.runs for walk in snapshot.walks.values()):
        raise NotExercised(
            "no filter value matched any run: a workflow with runs of several statuses would exercise it"
        )
    examined = f"{plural(len(snapshot.walks), 'filter value')}, {plural(matched, 'matching run')}"
    if unjudged:
        examined += f"; {plural(unjudged, 'walk')} of several pages, whose runs moved meanwhile, for strays only"
    return Judgement(findings, examined)


@check(
    "filter_all_means_no_filter",
    "filters",
    "a filter set to ALL returns the same runs as no filter",
    applies=all_values,
)
def filter_all_means_no_filter(session: Session) -> Judgement:
    alls = {item.parameter: item.all_value for item in session.context.dialect.filters if item.all_value is not None}
    reference, walks, after = session.lists.bracketed(
        lambda reference: {parameter: session.lists.walk({parameter: value}) for parameter, value in alls.items()}
    )
    if not reference.runs:
        raise NotExercised("the workflow has no runs to filter: pin one with runs (--param)")
    drift = Drift.of(reference, after)
    if not drift.ranges:
        raise NotExercised("every run arrived or left while ALL was walked: no run to compare")
    count_header = getattr(session.context.dialect.paging, "count_header", None)
    unfiltered = reference.pages[0].exchange.headers.get(count_header) if count_header else None
    findings: list[Finding] = []
    for parameter, walk in walks.items():
        exchange = walk.pages[0].exchange
        expected = f"{parameter}={alls[parameter]} to list what no filter lists"
        if (what := unlike_no_filter(walk, drift, session.context.largest_page)) is not None:
            findings.append(finding(expected, exchange, what))
        elif drift.still and count_header and (counted := exchange.headers.get(count_header)) != unfiltered:
            findings.append(finding(expected, exchange, f"{count_header} {counted}, not {unfiltered}"))
    examined = f"{', '.join(alls)} set to ALL, {plural(len(reference.runs), 'run')}"
    if not drift.still:
        examined += f"; the list moved meanwhile: compared on the {plural(len(drift.ranges), 'run')} that stayed"
    return Judgement(findings, examined)


def unlike_no_filter(walk: Walk, drift: Drift, size: int) -> str | None:
    """How a walk with the filter set to ALL differs from the list without a filter, on the runs listed before
    and after it: in their order, one left out that sat on one page the whole time, or a run neither listed
    below the first of them (an arrival comes at the head)."""
    stayed = drift.ranges
    listed = list(dict.fromkeys(walk.ids))  # a run listed again after an arrival moved it down a page counts once
    shown = [identifier for identifier in listed if identifier in stayed]
    expected = [identifier for identifier in dict.fromkeys(drift.before.ids) if identifier in stayed]
    if not walk.exhausted:
        expected = expected[: len(shown)]
    if shown != [identifier for identifier in expected if identifier in set(shown)]:
        return f"runs in another order: {shown[:3]}..., not {expected[:3]}..."
    missing = [identifier for identifier in expected if identifier not in set(shown)]
    if any(drift.one_page(identifier, size) is not None for identifier in missing):
        return f"runs {listed[:3]}..., without {', '.join(missing[:3])}"
    known = set(drift.before.ids) | set(drift.after.ids)
    below = listed[listed.index(shown[0]) :] if shown else listed
    strays = [identifier for identifier in below if identifier not in known]
    return f"runs {listed[:3]}..., with {', '.join(strays[:3])}, which no filter lists" if strays else None
