"""Writes on the target's runs, for a run that allows them: counted against --max-writes, remembered, undone.

Every write of the suite's own checks goes through `Writer.send`, which refuses one that names a run, tenant or
workflow this run may not write on (`write_scope`), or that could create a run once the budget is spent (a choice
the user made, so the check is "not exercised", never failed); it keeps each exchange for `write_operations` to
judge against the spec, lists each write sent in the `WriteLog` (method, path, status), and remembers the runs
created so `finish` can cancel them where the dialect can. The budget (`WriteBudget`) is the run's one budget of
runs actually created (2xx answers), shared with the schema phase's requests (`phase_writes`), which may spend all
of it but the share kept for the write checks (`share_kept`). A write every server must refuse needs no share of
its own: it is sent until the budget is spent::

    writer = Writer(session)
    exchange, run_id = writer.trigger()
    writer.finish()      # "created 1 run: run_x (cancelled: run_x)"
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from contracts.client import Exchange
from contracts.dialects.base import Dialect, Run, Writes
from contracts.errors import ContractError, SpecError, UnreachableError
from contracts.json_path import MISSING, dig
from contracts.outcomes import NotExercised, plural
from contracts.spec import ListOperation
from contracts.write_scope import WriteScope

__all__ = [
    "WRITE_CHECKS",
    "Sent",
    "SentWrite",
    "WriteBudget",
    "WriteLog",
    "Writer",
    "read_only",
    "runs_needed",
    "share_kept",
]

WRITE_CHECKS = "write checks"
"""Who sent a write, in the log, when not the schema phase (whose phases name theirs)."""


def read_only(writes: str) -> NotExercised:
    return NotExercised(f"read-only run: {writes} not sent (--allow-writes sends them)", chosen=True)


@dataclass(frozen=True)
class Sent:
    operation: ListOperation
    exchange: Exchange


@dataclass
class WriteBudget:
    """The runs one run may create (--max-writes), spent by each 2xx answer to a write that can create a run, the
    write checks' and the schema phase's alike.

    `reserved` of them are kept for the write checks: the schema phase runs first and spends only the rest.
    """

    limit: int
    reserved: int = 0
    spent: int = 0

    def left(self, *, phase: bool) -> int:
        return max(0, self.limit - self.spent - (self.reserved if phase else 0))


def runs_needed(dialect: Dialect) -> int:
    """The runs the write checks create at most against a conforming `dialect`, in the order the checks run
    (`checks/__init__.py`); the writes every server refuses create none, and need no share."""
    writes = dialect.writes
    if writes is None:
        return 0
    needed = 1  # triggered_run_heads_list's trigger
    body_on_one_run = writes.replay_body is not None or writes.retention_body is not None
    if writes.cancel is not None and (dialect.get_names_owner or body_on_one_run):
        # unknown_body_field_refused or writes_outside_path_get_404 cancels a run before
        # cancelled_run_reads_cancelled, which then needs a fresh one.
        needed += 1
    # retry_points_at_source's and replay_makes_new_run's new runs, and ephemeral_run_belongs_to_no_workflow's
    needed += sum(name is not None for name in (writes.retry, writes.replay, writes.ephemeral))
    return needed


def share_kept(dialect: Dialect) -> int:
    """The runs kept from the schema phase for the write checks: those they make, and one for a write every server
    refuses that a faulty one accepts, so the refusals sent after the last run made are still sent."""
    needed = runs_needed(dialect)
    return needed + 1 if needed else 0


@dataclass(frozen=True)
class SentWrite:
    method: str
    path: str
    status: int | None
    """None when no answer came."""
    by: str
    """The write checks, or the phase of the schema phase that sent it."""


@dataclass
class WriteLog:
    """What a run that allows writes did to the target: the runs it created, and those it cancelled after."""

    created: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    """Runs the cancel after did not reach (the server stopped answering, or refused)."""
    sent: list[SentWrite] = field(default_factory=list)
    """Every write sent to the target, in order."""

    def record(self, method: str, url: str, status: int | None, by: str) -> None:
        self.sent.append(SentWrite(method.upper(), unquote(urlsplit(url).path), status, by))

    def describe(self) -> str:
        if not self.created:
            return "writes: no run created"
        cancelled = f"; cancelled after: {', '.join(self.cancelled)}" if self.cancelled else ""
        left = f"; could not cancel: {', '.join(self.left)}" if self.left else ""
        return f"writes: created {plural(len(self.created), 'run')}: {', '.join(self.created)}{cancelled}{left}"

    def listing(self) -> list[str]:
        """Every write sent, one line per method, path and status, with how many times, in the order first sent."""
        if not self.sent:
            return ["writes sent: none"]
        times = Counter((write.method, write.path, write.status) for write in self.sent)
        lines = [f"writes sent ({len(self.sent)}; method, path, status, times):"]
        for (method, path, status), count in times.items():
            lines.append(
                f"  {method} {path} {'no answer' if status is None else status}{f' x{count}' if count > 1 else ''}"
            )
        return lines


class Writer:
    """The writes of one run (the session makes one; `session.writer`)."""

    def __init__(self, session: Any) -> None:
        # `Any`: the session imports this module, so it cannot be named here without a cycle.
        self.session = session
        self.log = WriteLog()
        self.sent: list[Sent] = []
        self.budget: WriteBudget = session.budget
        self.scope = WriteScope.of(
            session.operation, session.dialect, session.target.params, self.log.created, session.options.seed
        )
        self.fresh: str | None = None
        """A run this session made (triggered, or retried or replayed into) and has not cancelled."""
        self.cancelled: str | None = None

    @property
    def writes(self) -> Writes:
        writes: Writes | None = self.session.dialect.writes
        if writes is None:
            raise NotExercised(f"the {self.session.dialect.name} spec documents no write on runs")
        if not self.session.options.allow_writes:
            raise read_only("writes")
        return writes

    def operation(self, operation_id: str) -> ListOperation:
        try:
            sibling: ListOperation = self.session.operation.sibling(operation_id)
        except SpecError as error:
            raise NotExercised(str(error)) from None
        return sibling

    def one_run(self, run_id: str, **other: str) -> dict[str, str]:
        """The path parameters naming run `run_id` (and `other` owners, to reach it through another path)."""
        return {**self.session.path_params, self.writes.run_parameter: run_id, **other}

    def send(self, operation_id: str, path: Mapping[str, str], body: Any, *, creates: bool) -> Exchange:
        """Send a write naming only what this run may write on; one that `creates` a run only while the budget
        lasts, spending one run when answered with a 2xx."""
        operation = self.operation(operation_id)
        method = operation.found.method.upper()
        outside = self.scope.outside(method, operation.path, path)
        if outside:
            raise NotExercised(f"{operation_id} not sent, as it would name {'; '.join(outside)}")
        if creates and self.budget.left(phase=False) == 0:
            raise NotExercised(f"--max-writes {self.budget.limit} reached: {operation_id} not sent", chosen=True)
        client = self.session.client
        try:
            exchange: Exchange = client.send(
                method, path, operation.path, body, authorization=self.session.authorization
            )
        except UnreachableError:
            self.log.record(method, client.url(path, {}, operation.path), None, WRITE_CHECKS)
            raise
        self.log.record(method, exchange.url, exchange.status, WRITE_CHECKS)
        self.sent.append(Sent(operation, exchange))
        if creates and 200 <= exchange.status < 300:
            self.budget.spent += 1
        return exchange

    def created(self, exchange: Exchange, where: tuple[str, ...]) -> str | None:
        """The id of the run a 200 answer says was created, remembered; None when it names none."""
        if exchange.status != 200:
            return None
        found = dig(body_of(exchange), where)
        if found is MISSING or not isinstance(found, str | int) or isinstance(found, bool):
            return None
        run_id = str(found)
        if run_id not in self.log.created:
            self.log.created.append(run_id)
        return run_id

    def trigger_path(self) -> dict[str, str]:
        """The trigger's path parameters: the list's, and the workflow pinned where the list names none."""
        writes = self.writes
        path = dict(self.session.path_params)
        if writes.workflow_parameter is not None:
            workflow = self.session.target.params.get(writes.workflow_parameter)
            if workflow is None:
                raise NotExercised(f"no workflow to trigger: pin one with --param {writes.workflow_parameter}=ID")
            path[writes.workflow_parameter] = workflow
        return path

    def trigger(self) -> tuple[Exchange, str | None]:
        writes = self.writes
        exchange = self.send(writes.trigger, self.trigger_path(), writes.trigger_body, creates=True)
        return exchange, self.created(exchange, writes.created_id)

    def fresh_run(self) -> str:
        """A run this session made and has not cancelled, not finished on a frozen clock (triggered now if there
        is none)."""
        if self.fresh is None or self.fresh == self.cancelled:
            exchange, run_id = self.trigger()
            if run_id is None:
                raise NotExercised(f"the trigger answered {exchange.status} with no run id: nothing to write on")
            self.fresh = run_id
        return self.fresh

    def get(self, run_id: str) -> tuple[Exchange, Run | None]:
        """The run through the spec's get (NotExercised where the spec has none)."""
        operation_id = self.session.dialect.get_run
        if operation_id is None:
            raise NotExercised(f"the {self.session.dialect.name} spec documents no get to read a run back")
        exchange: Exchange = self.session.get({}, path=self.one_run(run_id), template=self.operation(operation_id).path)
        return exchange, run_of(exchange, self.session.dialect.one_run_path)

    def finish(self) -> WriteLog:
        """Cancel the runs this session created and left unfinished, where the dialect can cancel."""
        writes = self.session.dialect.writes
        if writes is None or writes.cancel is None or not self.session.options.allow_writes:
            return self.log
        for run_id in self.log.created:
            if run_id == self.cancelled:
                continue
            try:
                exchange = self.send(writes.cancel, self.one_run(run_id), None, creates=False)
            except ContractError:
                exchange = None
            # A run that finished on its own answers the documented conflict: nothing is left running.
            if exchange is not None and exchange.status == 200:
                self.log.cancelled.append(run_id)
            elif exchange is None or exchange.status != writes.conflict_status:
                self.log.left.append(run_id)
        return self.log


def body_of(exchange: Exchange) -> Any:
    try:
        return exchange.json()
    except ValueError:
        return MISSING


def run_of(exchange: Exchange, where: tuple[str, ...]) -> Run | None:
    if exchange.status != 200:
        return None
    run = dig(body_of(exchange), where)
    return run if isinstance(run, Mapping) else None
