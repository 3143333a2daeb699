"""What traffic shows of one run across exchanges: its get against its list item, and what each write answered
2xx promises of the reads after it (cancelled, triggered into the list and under the owners its path named,
retried, replayed, retention changed, an ephemeral run in no workflow), within a bounded memory of the runs seen
last.

A get and a list item asked with the same flags (the query parameters both take, cortex's `verbose`) are compared
on what the spec says cannot change between two looks at a run (`rules.motion`); asked with other flags, only on
what no flag shapes (its id, the instant it is ordered by, its owners). A retry or replay answered 2xx breaks
`unfinished_run_refused` only when traffic saw the run unfinished before it and still unfinished after it: a run
may finish between a read and the write.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from contracts.core.json_path import MISSING, dig
from contracts.dialects.base import (
    Cancel,
    Dialect,
    EphemeralRun,
    Replay,
    Retention,
    Retry,
    Run,
    Trigger,
    Writes,
)
from contracts.proxy.answers import Problem
from contracts.proxy.memory import Recent
from contracts.proxy.rules import STATEMENTS
from contracts.rules.motion import FINISHED, changes, stage

__all__ = ["Runs", "Written"]

Flags = tuple[tuple[str, str], ...]
"""The query parameters a read was asked with that the list and the get both take, sorted."""
RUNS_BUDGET = 20_000
PENDING_TRIGGERS = 64


@dataclass(frozen=True)
class Written:
    """A write answered 2xx: its operationId, path parameters, the JSON it sent and the JSON it got."""

    operation: str
    path: Mapping[str, str]
    sent: Any
    body: Any


@dataclass
class Seen:
    listed: Run | None = None
    listed_flags: Flags = ()
    owner: tuple[tuple[str, str], ...] = ()
    got: Run | None = None
    got_flags: Flags = ()
    status: str | None = None
    cancelled: bool = False
    retention: Any = MISSING
    ephemeral: Mapping[str, Any] | None = None
    triggered_through: tuple[tuple[str, str], ...] = ()
    """The owners the path of the trigger that made the run named, until a read shows them."""
    unfinished_write: str | None = None
    """A retry or replay answered 2xx while traffic last saw the run unfinished, until the next read of it."""


def problem(rule: str, what: str) -> Problem:
    return Problem(rule, STATEMENTS[rule], what)


class Runs:
    def __init__(self, dialect: Dialect, list_path: tuple[str, ...]) -> None:
        self.dialect, self.list_path = dialect, list_path
        self.seen: Recent[str, Seen] = Recent(RUNS_BUDGET)
        self.triggered: Recent[tuple[tuple[str, str], ...], list[str]] = Recent(PENDING_TRIGGERS)

    def record(self, run_id: str) -> Seen:
        found = self.seen.get(run_id)
        if found is None:
            found = Seen()
            self.seen.put(run_id, found)
        return found

    def owner(self, path: Mapping[str, str], run_parameter: str | None = None) -> tuple[tuple[str, str], ...]:
        """The path parameters naming the run's owners (those the list's path has, but the one naming the run)."""
        return tuple(
            sorted((name, value) for name, value in path.items() if name in self.list_path and name != run_parameter)
        )

    def listed(self, path: Mapping[str, str], runs: list[Run], first_unfiltered: bool, flags: Flags) -> list[Problem]:
        problems = []
        ids = {str(run.get("id")) for run in runs}
        for run in runs:
            seen = self.record(str(run.get("id")))
            problems += self.read(seen, run, "in the list", path)
            if seen.ephemeral is not None:
                problems.append(
                    problem("ephemeral_run_belongs_to_no_workflow", f"ephemeral run {run.get('id')} is listed")
                )
            if seen.got is not None:
                problems += self.compare(seen.got, run, same_flags=seen.got_flags == flags, got_first=True)
            seen.listed, seen.listed_flags, seen.owner = dict(run), flags, self.owner(path)
        pending = self.triggered.get(self.owner(path)) if first_unfiltered else None
        if pending:
            missing = [run_id for run_id in pending[-len(runs) or None :] if run_id not in ids] if runs else pending
            problems += [
                problem("triggered_run_heads_list", f"run {run_id} is not in the first page") for run_id in missing
            ]
            self.triggered.pop(self.owner(path))
        return problems

    def got(self, run: Run, flags: Flags) -> list[Problem]:
        seen = self.record(str(run.get("id")))
        problems = self.read(seen, run, "through get")
        if seen.listed is not None:
            problems += self.compare(run, seen.listed, same_flags=seen.listed_flags == flags, got_first=False)
        retention = self.writes.retention if self.writes else None
        if seen.retention is not MISSING and retention is not None:
            shown = run.get(retention.field)
            if shown != seen.retention:
                what = f"run {run.get('id')} has {retention.field} {shown!r}, not {seen.retention!r}"
                problems.append(problem("retention_change_shows_in_get", what))
            seen.retention = MISSING
        if seen.ephemeral is not None:
            problems += [
                problem(
                    "ephemeral_run_belongs_to_no_workflow",
                    f"ephemeral run {run.get('id')} has {name} {run.get(name)!r}",
                )
                for name, value in seen.ephemeral.items()
                if run.get(name) != value
            ][:1]
        seen.got, seen.got_flags = dict(run), flags
        return problems

    @property
    def writes(self) -> Writes | None:
        return self.dialect.writes

    def read(self, seen: Seen, run: Run, where: str, listed_under: Mapping[str, str] | None = None) -> list[Problem]:
        status = run.get("status")
        writes = self.writes
        problems = self.outside_trigger(seen, run, listed_under or {})
        if seen.cancelled and writes is not None and writes.cancel is not None and status != writes.cancel.status:
            what = f"run {run.get('id')} reads {status!r} {where} after its cancel was answered 2xx"
            problems.append(problem("cancelled_run_reads_cancelled", what))
        if seen.unfinished_write is not None and self.unfinished(status):
            what = f"{seen.unfinished_write} of run {run.get('id')} answered 2xx; it read {status!r} before and after"
            problems.append(problem("unfinished_run_refused", what))
        seen.unfinished_write = None
        seen.status = None if status is None else str(status)
        return problems

    def unfinished(self, status: object) -> bool:
        found = stage(self.dialect.timeline, status)
        return found is not None and found < FINISHED

    def compare(self, got: Run, listed: Run, same_flags: bool, got_first: bool) -> list[Problem]:
        """The get against the list item: what cannot change between two looks, when both were asked with the same
        flags; otherwise only what no flag shapes."""
        dialect = self.dialect
        if same_flags:
            earlier, later = (got, listed) if got_first else (listed, got)
            found = changes(dialect, earlier, later)[:1]
            return [problem("get_answers_listed_run", f"run {got.get('id')}: {what}") for what in found]
        for name in ("id", dialect.order_field, dialect.workflow_field, dialect.tenant_field):
            if name is not None and name in got and name in listed and got[name] != listed[name]:
                what = f"run {got.get('id')}: get has {name} {got[name]!r}, the list {listed[name]!r}"
                return [problem("get_answers_listed_run", what)]
        return []

    def owner_fields(self) -> list[tuple[str, str | None]]:
        """Each path parameter naming an owner of a run, with the run field that names it too (None: no field)."""
        dialect, writes = self.dialect, self.writes
        pairs = [(dialect.tenant_parameter, dialect.tenant_field), (dialect.workflow_parameter, dialect.workflow_field)]
        if writes is not None:
            pairs.append((writes.trigger.workflow_parameter, dialect.workflow_field))
        return [(parameter, field) for parameter, field in pairs if parameter is not None]

    def outside_trigger(self, seen: Seen, run: Run, listed_under: Mapping[str, str]) -> list[Problem]:
        """A run its trigger's path did not own: a field or the list it reads in names another owner."""
        through = dict(seen.triggered_through)
        if not through:
            return []
        others = [
            f"{field} {run[field]!r}"
            for parameter, field in self.owner_fields()
            if parameter in through and field is not None and field in run and run[field] != through[parameter]
        ]
        others += [
            f"in the list of {name}={value!r}"
            for name, value in listed_under.items()
            if name in through and value != through[name] and value != self.dialect.self_alias
        ]
        if not others:
            return []
        seen.triggered_through = ()
        what = f"run {run.get('id')}, triggered through {through}, reads with {', '.join(others)}"
        return [problem("trigger_outside_path_gets_404", what)]

    def written(self, write: Written) -> list[Problem]:
        writes = self.writes
        if writes is None:
            return []
        run_id = write.path.get(writes.run_parameter)
        answered = dig(write.body, writes.run_path) if write.body is not MISSING else MISSING
        kind = writes.kind_of(write.operation)
        if isinstance(kind, Trigger):
            return self.triggered_run(write, kind, answered)
        if isinstance(kind, EphemeralRun):
            return self.ephemeral(write, kind)
        if run_id is None:
            return []
        seen = self.record(run_id)
        problems = self.outside_owner(seen, write, run_id)
        seen.listed = seen.got = None  # what was read before the write is not what reads show after it
        if isinstance(kind, Cancel):
            if seen.status is not None and seen.status in self.dialect.timeline.ended:
                problems.append(
                    problem(
                        "cancelling_finished_run_conflicts", f"run {run_id}, last seen {seen.status}, cancelled 2xx"
                    )
                )
            seen.cancelled = True
        if isinstance(kind, (Retry, Replay)) and self.unfinished(seen.status):
            seen.unfinished_write = write.operation
        if isinstance(kind, Retry) and isinstance(answered, Mapping):
            if answered.get(kind.source_field) != run_id or answered.get("id") == run_id:
                source = answered.get(kind.source_field)
                what = f"the retry of {run_id} answered run {answered.get('id')} with {kind.source_field} {source!r}"
                problems.append(problem("retry_points_at_source", what))
        elif isinstance(kind, Replay) and isinstance(answered, Mapping) and answered.get("id") == run_id:
            problems.append(problem("replay_makes_new_run", f"the replay of {run_id} answered run {run_id} itself"))
        elif isinstance(kind, Retention):
            shown = answered.get(kind.field, MISSING) if isinstance(answered, Mapping) else MISSING
            seen.retention = shown if shown is not MISSING else write.sent
        return problems

    def triggered_run(self, write: Written, kind: Trigger, answered: Any) -> list[Problem]:
        """A trigger answered 2xx: its run is expected at the head of its list, under the owners its path named."""
        created = dig(write.body, kind.created_id)
        if not isinstance(created, str):
            return []
        key = self.owner(write.path)
        self.triggered.put(key, [*(self.triggered.get(key) or []), created][-PENDING_TRIGGERS:])
        seen = self.record(created)
        seen.triggered_through = tuple(
            (parameter, write.path[parameter])
            for parameter, _ in self.owner_fields()
            if parameter in write.path and write.path[parameter] != self.dialect.self_alias
        )
        shown = isinstance(answered, Mapping) and answered.get("id") == created
        return self.outside_trigger(seen, answered, {}) if shown else []

    def found_elsewhere(self, write: Written) -> list[Problem]:
        """A write on a run answered as if the run were found (its conflict), through another owner's path."""
        run_id = write.path.get(self.writes.run_parameter) if self.writes else None
        found = self.seen.get(run_id) if run_id is not None else None
        return self.outside_owner(found, write, run_id) if found is not None and run_id is not None else []

    def outside_owner(self, seen: Seen, write: Written, run_id: str) -> list[Problem]:
        owner = self.owner(write.path, self.writes.run_parameter if self.writes else None)
        if not owner or not seen.owner or owner == seen.owner:
            return []
        what = (
            f"{write.operation} of run {run_id} through {dict(owner)} was not answered 404; traffic saw it under "
            f"{dict(seen.owner)}"
        )
        return [problem("writes_outside_path_get_404", what)]

    def ephemeral(self, write: Written, ephemeral: EphemeralRun) -> list[Problem]:
        created = dig(write.body, ephemeral.created_id)
        sent = write.sent if isinstance(write.sent, Mapping) else {}
        asked = sent.get(ephemeral.run_id_field)
        if asked is not None and created != asked:
            return [
                problem(
                    "ephemeral_run_belongs_to_no_workflow",
                    f"{ephemeral.run_id_field} {asked!r} sent, {created!r} answered",
                )
            ]
        if isinstance(created, str):
            echoed = {name: sent[name] for name in ephemeral.echoed if name in sent}
            self.record(created).ephemeral = {**ephemeral.reads, **echoed}
        return []
