"""Writes on the target's runs, for a run that allows them: counted against --max-writes, remembered, undone.

Every write of the suite's own checks goes through `Writer.send`, which refuses one that would create a run past
the budget (a choice the user made, so the check is "not exercised", never failed), keeps each exchange for
`write_operations` to judge against the spec, and remembers the runs created so `finish` can cancel them where
the dialect can. The budget (`WriteBudget`) is the run's one budget, shared with the schema phase's requests
(`phase_writes`), which may spend all of it but the share the write checks need (`runs_needed`)::

    writer = Writer(session)
    exchange, run_id = writer.trigger()
    writer.finish()      # "created 1 run: run_x (cancelled: run_x)"
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from contracts.client import Exchange
from contracts.dialects.base import Dialect, Run, Writes
from contracts.errors import ContractError, SpecError
from contracts.json_path import MISSING, dig
from contracts.outcomes import NotExercised, plural
from contracts.spec import ListOperation

__all__ = ["Sent", "WriteBudget", "WriteLog", "Writer", "read_only", "runs_needed"]


def read_only(writes: str) -> NotExercised:
    return NotExercised(f"read-only run: {writes} not sent (--allow-writes sends them)", chosen=True)


@dataclass(frozen=True)
class Sent:
    operation: ListOperation
    exchange: Exchange


@dataclass
class WriteBudget:
    """The runs one run may create (--max-writes), spent by the write checks and the schema phase alike.

    `reserved` of them are kept for the write checks: the schema phase runs first and spends only the rest.
    """

    limit: int
    reserved: int = 0
    spent: int = 0

    def left(self, *, phase: bool) -> int:
        return max(0, self.limit - self.spent - (self.reserved if phase else 0))


def runs_needed(dialect: Dialect) -> int:
    """The runs the write checks create at most against `dialect`, counted as `Writer.send` counts them, in the
    order the checks run (`checks/__init__.py`)."""
    writes = dialect.writes
    if writes is None:
        return 0
    needed = 1  # triggered_run_heads_list's trigger
    creating_on_one_run = sum(name is not None for name in (writes.retry, writes.replay))
    if dialect.get_names_owner and (writes.cancel or writes.retry or writes.replay or writes.retention):
        # writes_outside_path_get_404 cancels that run and sends each creating write through every other owner;
        # cancelled_run_reads_cancelled then needs a fresh run.
        owners = sum(name is not None for name in (dialect.tenant_parameter, dialect.workflow_parameter))
        needed += owners * creating_on_one_run + 1
    if writes.retry is not None:
        needed += 3  # the retry of the cancelled run, a fresh run, and the retry of it the spec refuses
    if writes.replay is not None:
        needed += 1
    if writes.ephemeral is not None:
        needed += 1  # ephemeral_run_belongs_to_no_workflow's run
    return needed


@dataclass
class WriteLog:
    """What a run that allows writes did to the target: the runs it created, and those it cancelled after."""

    created: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    """Runs the cancel after did not reach (the server stopped answering, or refused)."""

    def describe(self) -> str:
        if not self.created:
            return "writes: no run created"
        cancelled = f"; cancelled after: {', '.join(self.cancelled)}" if self.cancelled else ""
        left = f"; could not cancel: {', '.join(self.left)}" if self.left else ""
        return f"writes: created {plural(len(self.created), 'run')}: {', '.join(self.created)}{cancelled}{left}"


class Writer:
    """The writes of one run (the session makes one; `session.writer`)."""

    def __init__(self, session: Any) -> None:
        # `Any`: the session imports this module, so it cannot be named here without a cycle.
        self.session = session
        self.log = WriteLog()
        self.sent: list[Sent] = []
        self.budget: WriteBudget = session.budget
        self.triggered: str | None = None
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
        operation = self.operation(operation_id)
        if creates:
            # Counted whether or not it creates one: a refused retry might still have made a run.
            if self.budget.left(phase=False) == 0:
                limit = self.budget.limit
                raise NotExercised(f"--max-writes {limit} reached: {operation_id} not sent", chosen=True)
            self.budget.spent += 1
        exchange: Exchange = self.session.client.send(
            operation.found.method.upper(), path, operation.path, body, authorization=self.session.authorization
        )
        self.sent.append(Sent(operation, exchange))
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

    def trigger(self) -> tuple[Exchange, str | None]:
        writes = self.writes
        path = dict(self.session.path_params)
        if writes.workflow_from_run is not None:
            runs = self.session.reached().runs
            if not runs or runs[0].get(writes.workflow_from_run) is None:
                raise NotExercised("no listed run names a workflow to trigger")
            path["workflow_id"] = str(runs[0][writes.workflow_from_run])
        exchange = self.send(writes.trigger, path, writes.trigger_body, creates=True)
        return exchange, self.created(exchange, writes.created_id)

    def fresh_run(self) -> str:
        """A run this session triggered and has not cancelled (triggered now if there is none)."""
        if self.triggered is None or self.triggered == self.cancelled:
            exchange, run_id = self.trigger()
            if run_id is None:
                raise NotExercised(f"the trigger answered {exchange.status} with no run id: nothing to write on")
            self.triggered = run_id
        return self.triggered

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
