"""Writes on the target's runs, for a run that allows them: within the budget, in scope, logged, undone.

Every write of the suite's own checks goes through `Writer.send`, which refuses one that names a run, tenant or
workflow this run may not write on (`scope`), or that could create a run once the budget is spent (a choice the
user made, so the check is "not exercised", never failed); it keeps each exchange for `write_operations` to judge
against the spec, lists each write sent in the `WriteLog` (method, path, status), and remembers the runs created so
`finish` can cancel them where the dialect can. The budget is the run's one budget of runs actually created (2xx
answers), shared with the schema phase's requests, which may spend all of it but the share kept for the write
checks (`budget.share_kept`). A write every server must refuse needs no share of its own: it is sent until the
budget is spent::

    writer = Writer(context, WriteBudget(10, reserved=4))
    exchange, run_id = writer.trigger()
    writer.finish()      # "created 1 run: run_x (cancelled: run_x)"
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from contracts.core.errors import ContractError, SpecError, UnreachableError
from contracts.core.json_path import MISSING, dig
from contracts.core.outcomes import NotExercised
from contracts.dialects.base import Capability, Run, Writes
from contracts.http.client import Exchange
from contracts.spec.document import ListOperation
from contracts.target.context import RunContext
from contracts.writing.budget import WriteBudget
from contracts.writing.log import WRITE_CHECKS, WriteLog
from contracts.writing.scope import WriteScope

__all__ = ["Sent", "Writer", "read_only", "run_of"]


def read_only(writes: str) -> NotExercised:
    return NotExercised(f"read-only run: {writes} not sent (--allow-writes sends them)", chosen=True)


@dataclass(frozen=True)
class Sent:
    operation: ListOperation
    exchange: Exchange


class Writer:
    """The writes of one run, sent through its context and held to its budget."""

    def __init__(self, context: RunContext, budget: WriteBudget) -> None:
        self.context = context
        self.log = WriteLog()
        self.sent: list[Sent] = []
        self.budget = budget
        self.scope = WriteScope.of(
            context.operation, context.dialect, context.target.params, self.log.created, context.options.seed
        )
        self.fresh: str | None = None
        """A run this run made (triggered, or retried or replayed into) and has not cancelled."""
        self.cancelled: str | None = None

    @property
    def writes(self) -> Writes:
        writes = self.context.dialect.writes
        if writes is None:
            raise NotExercised(f"the {self.context.dialect.name} spec documents no write on runs")
        if not self.context.options.allow_writes:
            raise read_only("writes")
        return writes

    def operation(self, operation_id: str) -> ListOperation:
        try:
            return self.context.operation.sibling(operation_id)
        except SpecError as error:
            raise NotExercised(str(error)) from None

    def one_run(self, run_id: str, **other: str) -> dict[str, str]:
        """The path parameters naming run `run_id` (and `other` owners, to reach it through another path)."""
        return {**self.context.path_params, self.writes.run_parameter: run_id, **other}

    def send(self, kind: Capability, path: Mapping[str, str], body: Any) -> Exchange:
        """Send a write of `kind` naming only what this run may write on; one of a kind that creates a run only
        while the budget lasts, spending one run when answered with a 2xx."""
        operation_id, creates = kind.operation, kind.creates_run
        operation = self.operation(operation_id)
        method = operation.found.method.upper()
        outside = self.scope.outside(method, operation.path, path)
        if outside:
            raise NotExercised(f"{operation_id} not sent, as it would name {'; '.join(outside)}")
        if creates and self.budget.left(phase=False) == 0:
            raise NotExercised(f"--max-writes {self.budget.limit} reached: {operation_id} not sent", chosen=True)
        client = self.context.client
        try:
            exchange = client.send(method, path, operation.path, body, authorization=self.context.authorization)
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
        trigger = self.writes.trigger
        path = dict(self.context.path_params)
        if trigger.workflow_parameter is not None:
            workflow = self.context.target.params.get(trigger.workflow_parameter)
            if workflow is None:
                raise NotExercised(f"no workflow to trigger: pin one with --param {trigger.workflow_parameter}=ID")
            path[trigger.workflow_parameter] = workflow
        return path

    def trigger(self) -> tuple[Exchange, str | None]:
        trigger = self.writes.trigger
        exchange = self.send(trigger, self.trigger_path(), trigger.body)
        return exchange, self.created(exchange, trigger.created_id)

    def fresh_run(self) -> str:
        """A run this run made and has not cancelled, not finished on a frozen clock (triggered now if there
        is none)."""
        if self.fresh is None or self.fresh == self.cancelled:
            exchange, run_id = self.trigger()
            if run_id is None:
                raise NotExercised(f"the trigger answered {exchange.status} with no run id: nothing to write on")
            self.fresh = run_id
        return self.fresh

    def get(self, run_id: str) -> tuple[Exchange, Run | None]:
        """The run through the spec's get (NotExercised where the spec has none)."""
        dialect = self.context.dialect
        if dialect.get_run is None:
            raise NotExercised(f"the {dialect.name} spec documents no get to read a run back")
        exchange = self.context.get({}, path=self.one_run(run_id), template=self.operation(dialect.get_run).path)
        return exchange, run_of(exchange, dialect.one_run_path)

    def finish(self) -> WriteLog:
        """Cancel the runs this run created and left unfinished, where the dialect can cancel."""
        writes = self.context.dialect.writes
        if writes is None or writes.cancel is None or not self.context.options.allow_writes:
            return self.log
        for run_id in self.log.created:
            if run_id == self.cancelled:
                continue
            try:
                exchange = self.send(writes.cancel, self.one_run(run_id), None)
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
