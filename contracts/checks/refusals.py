"""Writes every conforming server refuses, as its spec documents: a trigger through a made-up tenant or workflow,
a body valid but for one field the spec does not define, a retry or replay of a run that has not finished.

They create nothing on a conforming server, so they need no share of --max-writes: they are sent until the budget
is spent (a run one of them made anyway counts, and is cancelled at the end with the others). Each names only what
the run may write on: the pinned tenant and workflow, made-up ids, and runs the run created itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from contracts.checks.base import Judgement, check
from contracts.checks.documented import documented_error
from contracts.checks.writes import cancelled_run, having
from contracts.outcomes import Finding, NotExercised, plural
from contracts.session import Session
from contracts.spec import ListOperation

__all__ = ["trigger_outside_path_gets_404", "unfinished_run_refused", "unknown_body_field_refused"]

UNKNOWN_FIELD = "contractsUnknownField"
"""A body field no spec defines (and no server should take for one of its own)."""
BODY_ERROR_STATUSES = (400, 422)
"""The statuses a spec may document for a body it refuses (aitasker's FastAPI answers 422)."""


@check(
    "trigger_outside_path_gets_404",
    "writes",
    "a trigger through a made-up tenant or workflow gets the documented 404, and creates nothing",
    applies=having("trigger", lambda writes: writes.trigger),
)
def trigger_outside_path_gets_404(session: Session) -> Judgement:
    writer = session.writer
    writes = writer.writes
    path = writer.trigger_path()
    operation = writer.operation(writes.trigger)
    names = operation.parameter_names("path")
    findings: list[Finding] = []
    for name in names:
        made_up = writer.scope.made_up_for(operation.found.method, operation.path, name)
        exchange = writer.send(writes.trigger, {**path, name: made_up}, writes.trigger_body, creates=True)
        writer.created(exchange, writes.created_id)
        found = documented_error(session, exchange, (404,), f"triggering through {name}={made_up}", operation)
        findings.extend([found] if found else [])
    return Judgement(findings, f"{plural(len(names), 'trigger')} through a made-up {' or '.join(names)}")


def body_schema(operation: ListOperation) -> Mapping[str, Any]:
    """The schema of the operation's JSON body ({} when it takes none)."""
    body = operation.resolve(operation.operation.get("requestBody", {}))
    schema = operation.resolve(body.get("content", {}).get("application/json", {}).get("schema", {}))
    return schema if isinstance(schema, Mapping) else {}


@dataclass(frozen=True)
class BodyWrite:
    """A write that takes a body, with its smallest body."""

    operation_id: str
    body: Mapping[str, Any] | None
    path: Callable[[], dict[str, str]]
    """Its path parameters, found when it is sent (a write on a run needs one first)."""
    created_id: tuple[str, ...] | None
    """Where the answer names the run it made; None for a write that creates none."""


def body_writes(session: Session) -> list[BodyWrite]:
    """The writes that take a body, those that need no run first ahead of those on a run this run cancelled."""
    writer = session.writer
    writes = writer.writes
    found = [BodyWrite(writes.trigger, writes.trigger_body, writer.trigger_path, writes.created_id)]
    if writes.ephemeral is not None:
        found.append(BodyWrite(writes.ephemeral.operation, writes.ephemeral.body, dict, writes.ephemeral.created_id))

    def on_a_run() -> dict[str, str]:
        return writer.one_run(cancelled_run(session))

    if writes.replay is not None:
        found.append(BodyWrite(writes.replay, writes.replay_body, on_a_run, (*writes.run_path, "id")))
    if writes.retention is not None:
        found.append(BodyWrite(writes.retention, writes.retention_body, on_a_run, None))
    return found


@check(
    "unknown_body_field_refused",
    "writes",
    "a write body valid but for one field the spec does not define gets the documented 4xx, and changes nothing",
    applies=having("write", lambda writes: writes.trigger),
)
def unknown_body_field_refused(session: Session) -> Judgement:
    writer = session.writer
    findings: list[Finding] = []
    sent: list[str] = []
    unsent: dict[str, NotExercised] = {}
    for write in body_writes(session):
        operation = writer.operation(write.operation_id)
        statuses = tuple(status for status in BODY_ERROR_STATUSES if status in operation.documented_statuses)
        schema = body_schema(operation)
        if schema.get("additionalProperties") is not False or not statuses:
            continue  # the spec lets this body have other fields, or documents no refusal of one
        # Its smallest valid body, the fields the spec requires alone, and the unknown one.
        required = schema.get("required", ())
        body = {**{name: value for name, value in (write.body or {}).items() if name in required}, UNKNOWN_FIELD: "x"}
        try:
            exchange = writer.send(write.operation_id, write.path(), body, creates=write.created_id is not None)
        except NotExercised as unsendable:
            unsent[write.operation_id] = unsendable
            continue
        if write.created_id is not None:
            writer.created(exchange, write.created_id)
        sent.append(write.operation_id)
        why = f"{write.operation_id} with its smallest valid body and the unknown field {UNKNOWN_FIELD}"
        found = documented_error(session, exchange, statuses, why, operation)
        findings.extend([found] if found else [])
    why_not = "; ".join(f"{name} not sent: {unsendable.reason}" for name, unsendable in unsent.items())
    if not sent:
        chosen = bool(unsent) and all(unsendable.chosen for unsendable in unsent.values())
        raise NotExercised(why_not or "no write's body refuses unknown fields in the spec", chosen=chosen)
    return Judgement(
        findings, "; ".join([f"{', '.join(sent)} sent with an unknown field", *([why_not] if why_not else [])])
    )


@check(
    "unfinished_run_refused",
    "writes",
    "retrying or replaying a run that has not finished gets the documented conflict, and creates nothing",
    applies=having("retry or replay", lambda writes: writes.retry or writes.replay),
)
def unfinished_run_refused(session: Session) -> Judgement:
    writer = session.writer
    writes = writer.writes
    run_id = writer.fresh_run()
    findings: list[Finding] = []
    names = []
    for operation_id, body in ((writes.retry, None), (writes.replay, writes.replay_body)):
        if operation_id is None:
            continue
        exchange = writer.send(operation_id, writer.one_run(run_id), body, creates=True)
        writer.created(exchange, (*writes.run_path, "id"))
        if exchange.status != writes.conflict_status and session.dialect.get_run is not None:
            # On a running clock the run may have finished before the write reached it: nothing to judge then.
            _, run = writer.get(run_id)
            if run is not None and run.get("status") not in session.dialect.timeline.not_ended:
                raise NotExercised(f"run {run_id} finished ({run.get('status')}) before {operation_id} reached it")
        why = f"{operation_id} of run {run_id}, not finished"
        found = documented_error(session, exchange, (writes.conflict_status,), why, writer.operation(operation_id))
        findings.extend([found] if found else [])
        names.append(operation_id)
    return Judgement(findings, f"{' and '.join(names)} of run {run_id}, not finished, sent")
