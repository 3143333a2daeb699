"""What traffic shows of one run across exchanges: its get against its list item, and what each write answered
2xx promises of the reads after it (cancelled, triggered into the list, retried, replayed, retention changed,
an ephemeral run in no workflow), within a bounded memory of the runs seen last.

Records are compared only on what cannot change as a run moves on (its id, the instant it is ordered by, its
owners), and whole only when both readings show it in the same finished status.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from contracts.dialects.base import Dialect, Run, Writes
from contracts.json_path import MISSING, dig
from contracts.proxy.answers import Problem
from contracts.proxy.memory import Recent
from contracts.proxy.rules import STATEMENTS

__all__ = ["Runs", "Written"]

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
    owner: tuple[tuple[str, str], ...] = ()
    got: Run | None = None
    status: str | None = None
    cancelled: bool = False
    retention: Any = MISSING
    ephemeral: Mapping[str, Any] | None = None


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

    def listed(self, path: Mapping[str, str], runs: list[Run], first_unfiltered: bool) -> list[Problem]:
        problems = []
        ids = {str(run.get("id")) for run in runs}
        for run in runs:
            seen = self.record(str(run.get("id")))
            problems += self.read(seen, run, "in the list")
            if seen.ephemeral is not None:
                problems.append(
                    problem("ephemeral_run_belongs_to_no_workflow", f"ephemeral run {run.get('id')} is listed")
                )
            if seen.got is not None:
                problems += self.compare(seen.got, run)
            seen.listed, seen.owner = dict(run), self.owner(path)
        pending = self.triggered.get(self.owner(path)) if first_unfiltered else None
        if pending:
            missing = [run_id for run_id in pending[-len(runs) or None :] if run_id not in ids] if runs else pending
            problems += [
                problem("triggered_run_heads_list", f"run {run_id} is not in the first page") for run_id in missing
            ]
            self.triggered.pop(self.owner(path))
        return problems

    def got(self, run: Run) -> list[Problem]:
        seen = self.record(str(run.get("id")))
        problems = self.read(seen, run, "through get")
        if seen.listed is not None:
            problems += self.compare(run, seen.listed)
        if seen.retention is not MISSING and self.writes and self.writes.retention_field:
            shown = run.get(self.writes.retention_field)
            if shown != seen.retention:
                what = f"run {run.get('id')} has {self.writes.retention_field} {shown!r}, not {seen.retention!r}"
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
        seen.got = dict(run)
        return problems

    @property
    def writes(self) -> Writes | None:
        return self.dialect.writes

    def read(self, seen: Seen, run: Run, where: str) -> list[Problem]:
        status = run.get("status")
        writes = self.writes
        problems = []
        if seen.cancelled and writes is not None and status != writes.cancelled_status:
            what = f"run {run.get('id')} reads {status!r} {where} after its cancel was answered 2xx"
            problems.append(problem("cancelled_run_reads_cancelled", what))
        seen.status = None if status is None else str(status)
        return problems

    def compare(self, got: Run, listed: Run) -> list[Problem]:
        dialect = self.dialect
        fields = ["id", dialect.order_field, dialect.workflow_field, dialect.tenant_field]
        finished = got.get("status") == listed.get("status") and str(got.get("status")) in dialect.timeline.ended
        if finished:
            fields += [name for name in listed if name in got]
        for name in fields:
            if name is not None and name in got and name in listed and got[name] != listed[name]:
                what = f"run {got.get('id')}: get has {name} {got[name]!r}, the list {listed[name]!r}"
                return [problem("get_answers_listed_run", what)]
        return []

    def written(self, write: Written) -> list[Problem]:
        writes = self.writes
        if writes is None:
            return []
        run_id = write.path.get(writes.run_parameter)
        answered = dig(write.body, writes.run_path) if write.body is not MISSING else MISSING
        if write.operation == writes.trigger:
            created = dig(write.body, writes.created_id)
            if isinstance(created, str):
                key = self.owner(write.path)
                self.triggered.put(key, [*(self.triggered.get(key) or []), created][-PENDING_TRIGGERS:])
            return []
        if writes.ephemeral is not None and write.operation == writes.ephemeral.operation:
            return self.ephemeral(write)
        if run_id is None:
            return []
        seen = self.record(run_id)
        problems = self.outside_owner(seen, write, run_id)
        seen.listed = seen.got = None  # what was read before the write is not what reads show after it
        if write.operation == writes.cancel:
            if seen.status is not None and seen.status in self.dialect.timeline.ended:
                problems.append(
                    problem(
                        "cancelling_finished_run_conflicts", f"run {run_id}, last seen {seen.status}, cancelled 2xx"
                    )
                )
            seen.cancelled = True
        elif write.operation == writes.retry and isinstance(answered, Mapping) and writes.source_field:
            if answered.get(writes.source_field) != run_id or answered.get("id") == run_id:
                source = answered.get(writes.source_field)
                what = f"the retry of {run_id} answered run {answered.get('id')} with {writes.source_field} {source!r}"
                problems.append(problem("retry_points_at_source", what))
        elif write.operation == writes.replay and isinstance(answered, Mapping) and answered.get("id") == run_id:
            problems.append(problem("replay_makes_new_run", f"the replay of {run_id} answered run {run_id} itself"))
        elif write.operation == writes.retention and writes.retention_field:
            shown = answered.get(writes.retention_field, MISSING) if isinstance(answered, Mapping) else MISSING
            seen.retention = shown if shown is not MISSING else write.sent
        return problems

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

    def ephemeral(self, write: Written) -> list[Problem]:
        ephemeral = self.dialect.writes.ephemeral if self.dialect.writes else None
        assert ephemeral is not None
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
