"""Timeline: no run ends before it starts, finished runs have an end, unfinished ones none, pending ones no start.

Which statuses have started or ended comes from the dialect (its spec says it in prose); node runs are held to
the same rules when the dialect lists them. A status the dialect does not know is held to no rule but the first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from contracts.checks.base import Judgement, check, finding
from contracts.core.outcomes import Finding, NotExercised, plural
from contracts.dialects.base import Dialect, Run, Timeline
from contracts.reading.listing import Page
from contracts.rules.moments import moment
from contracts.session import Session

__all__ = ["ends_not_before_start", "finished_runs_have_end", "pending_runs_not_started", "unfinished_runs_have_no_end"]


@dataclass(frozen=True)
class Timed:
    """A run or node run, the timeline rules it follows, and the page it came on."""

    record: Run
    timeline: Timeline
    page: Page
    kind: str

    @property
    def status(self) -> str:
        return str(self.record.get("status"))

    def describe(self, field: str) -> str:
        return f"{self.kind} {self.record.get('id')} ({self.status}) has {field} {self.record.get(field)!r}"


def timed(session: Session) -> Iterator[Timed]:
    dialect = session.context.dialect
    for page in session.lists.snapshot.reference.pages:
        for run in page.runs:
            yield Timed(run, dialect.timeline, page, "run")
            if dialect.node_runs is not None:
                for node in dialect.node_runs.of(run):
                    yield Timed(node, dialect.node_runs.timeline, page, "node run")


def judge(
    session: Session, applies: Callable[[Timed], bool], broken: Callable[[Timed], str | None], expected: str, none: str
) -> Judgement:
    findings: list[Finding] = []
    examined = 0
    for item in timed(session):
        if not applies(item):
            continue
        examined += 1
        what = broken(item)
        if what is not None:
            findings.append(finding(expected, item.page.exchange, what))
    if examined == 0:
        raise NotExercised(none)
    return Judgement(findings, plural(examined, "run"))


@check("ends_not_before_start", "timeline", "no run ends before it starts")
def ends_not_before_start(session: Session) -> Judgement:
    def both_set(item: Timed) -> bool:
        return all(moment(item.record.get(field)) for field in (item.timeline.start_field, item.timeline.end_field))

    def ends_early(item: Timed) -> str | None:
        start_field, end_field = item.timeline.start_field, item.timeline.end_field
        start, end = moment(item.record.get(start_field)), moment(item.record.get(end_field))
        if start is None or end is None or end >= start:
            return None
        return f"{item.describe(end_field)}, before its {start_field} {item.record.get(start_field)!r}"

    return judge(
        session,
        both_set,
        ends_early,
        "an end no earlier than the start",
        "no run had both a start and an end: a finished run would exercise it",
    )


@check("finished_runs_have_end", "timeline", "a run in a finished status has an end")
def finished_runs_have_end(session: Session) -> Judgement:
    return judge(
        session,
        lambda item: item.status in item.timeline.ended,
        lambda item: (
            item.describe(item.timeline.end_field) if item.record.get(item.timeline.end_field) is None else None
        ),
        "an end on every finished run",
        "no run had finished: a finished run would exercise it",
    )


@check("unfinished_runs_have_no_end", "timeline", "a run that has not finished has no end")
def unfinished_runs_have_no_end(session: Session) -> Judgement:
    return judge(
        session,
        lambda item: item.status in item.timeline.not_ended,
        lambda item: (
            None if item.record.get(item.timeline.end_field) is None else item.describe(item.timeline.end_field)
        ),
        "no end on a run that has not finished",
        "every run had finished: a running or queued run would exercise it",
    )


def has_pending(dialect: Dialect) -> str | None:
    return (
        None if dialect.timeline.not_started else f"every {dialect.name} run has started: the spec has no pending state"
    )


@check("pending_runs_not_started", "timeline", "a pending run has not started", applies=has_pending)
def pending_runs_not_started(session: Session) -> Judgement:
    return judge(
        session,
        lambda item: item.status in item.timeline.not_started,
        lambda item: (
            None if item.record.get(item.timeline.start_field) is None else item.describe(item.timeline.start_field)
        ),
        "no start on a run that has not started",
        "no run was pending: a queued run would exercise it",
    )
