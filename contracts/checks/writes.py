"""Writes: what the spec's write operations do to the resource, judged only in a run that allows writes.

A read-only run (the default) sends none of them: each check is "not exercised: read-only run", a choice rather
than a failure to judge (--strict accepts it). With --allow-writes, the checks trigger, cancel, retry, replay and
change the retention of runs they created themselves, at most --max-writes of them, and read the result back
through get and the list; `write_operations` then holds every write answer to what the spec documents.
"""

from __future__ import annotations

from collections.abc import Callable

from contracts.checks.base import Judgement, check, finding
from contracts.checks.documented import documented_error
from contracts.client import Exchange
from contracts.dialects.base import Dialect, Writes
from contracts.listing import Page
from contracts.operations import split_operations
from contracts.outcomes import Finding, NotExercised, plural
from contracts.session import Session
from contracts.writing import run_of

__all__ = [
    "cancelled_run_reads_cancelled",
    "cancelling_finished_run_conflicts",
    "triggered_run_heads_list",
    "write_operations",
    "writes_outside_path_get_404",
]

CANCEL_ATTEMPTS = 2
"""Runs triggered to be cancelled, at most: the first may finish before the cancel reaches it."""


def having(what: str, has: Callable[[Writes], object]) -> Callable[[Dialect], str | None]:
    def applies(dialect: Dialect) -> str | None:
        if dialect.writes is None or not has(dialect.writes):
            return f"the {dialect.name} spec documents no {what}"
        return None

    return applies


def head_of_list(session: Session) -> Page:
    """The first page of the list, as large as the spec allows: on a frozen clock, runs made in the same instant
    are ordered by id, so a new run may follow many of them."""
    paging = session.dialect.paging
    if paging is None:
        return session.lister.page({})
    return session.lister.page(paging.query(0, session.largest_page), size=session.largest_page)


def one_instant(session: Session, page: Page) -> str | None:
    """The instant a full first page was wholly made in (None when it was not): such a page cannot show where a
    run made in that instant sits (a frozen clock after many writes)."""
    order = session.dialect.order_field
    instants = {str(run.get(order)) for run in page.runs}
    full = page.size is not None and len(page.runs) >= page.size
    return instants.pop() if full and len(instants) == 1 else None


@check(
    "triggered_run_heads_list",
    "writes",
    "a triggered run is gettable at once and heads the list",
    applies=having("trigger", lambda writes: writes.trigger),
)
def triggered_run_heads_list(session: Session) -> Judgement:
    writer = session.writer
    _ = writer.writes  # a read-only run stops here, before any request
    # Runs that arrive after the trigger (a live server's own) may come first: only those listed before may not.
    listed_before = {str(run.get("id")) for run in head_of_list(session).runs}
    exchange, run_id = writer.trigger()
    if run_id is None:
        return Judgement([finding("200 with the new run's id", exchange)])
    writer.fresh = run_id
    findings: list[Finding] = []
    if session.dialect.get_run is not None:
        got, run = writer.get(run_id)
        if run is None or str(run.get("id")) != run_id:
            findings.append(finding(f"200 with run {run_id}, just triggered", got))
    page = head_of_list(session)
    ids = [str(run.get("id")) for run in page.runs]
    order = session.dialect.order_field
    # Runs made in the same instant (a frozen clock) are listed by id descending: only those may come first.
    at = ids.index(run_id) if run_id in ids else None
    if at is None and (instant := one_instant(session, page)) is not None:
        raise NotExercised(f"the whole first page was made in one instant ({instant}): run {run_id} follows")
    ahead = [run for run in page.runs[:at] if str(run.get("id")) in listed_before]
    if at is None or any(run.get(order) != page.runs[at].get(order) for run in ahead):
        what = f"first is {ids[0] if ids else None}, run {run_id} is {'absent' if at is None else f'at {at + 1}'}"
        findings.append(finding(f"run {run_id}, just triggered, first in the list", page.exchange, what))
    return Judgement(findings, f"run {run_id} triggered, read back")


@check(
    "cancelled_run_reads_cancelled",
    "writes",
    "a cancelled run reads cancelled in the answer, through get and in the list",
    applies=having("cancel", lambda writes: writes.cancel),
)
def cancelled_run_reads_cancelled(session: Session) -> Judgement:
    writer = session.writer
    writes = writer.writes
    assert writes.cancelled_status is not None
    run_id, exchange = cancel_fresh_run(session)
    if exchange.status == writes.conflict_status:
        # On a running clock the run may have finished before the cancel reached it: nothing to judge then.
        _, run = writer.get(run_id) if session.dialect.get_run else (None, None)
        if run is not None and run.get("status") != writes.cancelled_status:
            raise NotExercised(f"run {run_id} finished ({run.get('status')}) before it could be cancelled")
    writer.cancelled = run_id
    wanted = writes.cancelled_status
    answered = run_of(exchange, writes.run_path)
    if answered is None or answered.get("status") != wanted:
        return Judgement([finding(f"200 with run {run_id} {wanted}", exchange)])
    findings: list[Finding] = []
    if session.dialect.get_run is not None:
        got, run = writer.get(run_id)
        if run is None or run.get("status") != wanted:
            findings.append(finding(f"run {run_id} {wanted} through get", got))
    page = head_of_list(session)
    shown = next((run.get("status") for run in page.runs if str(run.get("id")) == run_id), None)
    if shown is None and one_instant(session, page) is not None:
        return Judgement(findings, f"run {run_id} cancelled, read back through get (the list's first page is full)")
    if shown != wanted:
        findings.append(finding(f"run {run_id} {wanted} in the list", page.exchange, f"it is {shown}"))
    return Judgement(findings, f"run {run_id} cancelled, read back")


def cancel_fresh_run(session: Session) -> tuple[str, Exchange]:
    """Cancel a run this session triggered. On a live clock it may have finished before the cancel reached it
    (the documented conflict): a run triggered anew is then cancelled at once, once."""
    writer = session.writer
    writes = writer.writes
    assert writes.cancel is not None
    for attempt in range(CANCEL_ATTEMPTS):
        run_id = writer.fresh_run()
        exchange = writer.send(writes.cancel, writer.one_run(run_id), None, creates=False)
        if exchange.status != writes.conflict_status:
            break
        if attempt + 1 < CANCEL_ATTEMPTS:
            writer.fresh = None
    return run_id, exchange


def cancelled_run(session: Session) -> str:
    """A run this session cancelled (triggered and cancelled now if there is none)."""
    writer = session.writer
    if writer.cancelled is None:
        run_id, exchange = cancel_fresh_run(session)
        if exchange.status != 200:
            raise NotExercised(f"run {run_id} could not be cancelled ({exchange.status}): nothing finished to write on")
        writer.cancelled = run_id
    return writer.cancelled


@check(
    "cancelling_finished_run_conflicts",
    "writes",
    "cancelling a run that has finished gets the documented conflict",
    applies=having("cancel", lambda writes: writes.cancel),
)
def cancelling_finished_run_conflicts(session: Session) -> Judgement:
    writer = session.writer
    writes = writer.writes
    assert writes.cancel is not None
    run_id = cancelled_run(session)
    exchange = writer.send(writes.cancel, writer.one_run(run_id), None, creates=False)
    found = documented_error(
        session,
        exchange,
        (writes.conflict_status,),
        f"cancelling run {run_id}, already cancelled",
        writer.operation(writes.cancel),
    )
    return Judgement([found] if found else [], f"run {run_id} cancelled twice")


def owner_writes(dialect: Dialect) -> str | None:
    writes = dialect.writes
    if writes is None or not (writes.cancel or writes.retry or writes.replay or writes.retention):
        return f"the {dialect.name} spec documents no write on one run"
    if not dialect.get_names_owner:
        return f"the {dialect.name} writes on one run name no tenant or workflow: only another token could reach it"
    return None


@check(
    "writes_outside_path_get_404",
    "writes",
    "a run written through another tenant or workflow than its own gets the documented 404, through every write",
    applies=owner_writes,
)
def writes_outside_path_get_404(session: Session) -> Judgement:
    writer = session.writer
    writes = writer.writes
    run_id = cancelled_run(session)
    owners = [
        name
        for name in (session.dialect.tenant_parameter, session.dialect.workflow_parameter)
        if name is not None and session.path_params.get(name) != session.dialect.self_alias
    ]
    if not owners:
        raise NotExercised("the path names its owner by alias: pin the tenant and workflow with --param")
    operations = [
        (writes.cancel, None, False),
        (writes.replay, writes.replay_body, True),
        (writes.retry, None, True),
        (writes.retention, writes.retention_body, False),
    ]
    findings: list[Finding] = []
    sent = 0
    for owner in owners:
        for operation_id, body, creates in operations:
            if operation_id is None:
                continue
            operation = writer.operation(operation_id)
            other = {owner: writer.scope.made_up_for(operation.found.method, operation.path, owner)}
            exchange = writer.send(operation_id, writer.one_run(run_id, **other), body, creates=creates)
            sent += 1
            writer.created(exchange, (*writes.run_path, "id"))
            why = f"for run {run_id} through another {owner} ({other[owner]})"
            found = documented_error(session, exchange, (404,), why, operation)
            findings.extend([found] if found else [])
    return Judgement(findings, f"{plural(sent, 'write')} on run {run_id} through another {' and '.join(owners)}")


@check(
    "write_operations",
    "writes",
    "every answer to a write the run sent has a status and a body the spec documents for that operation",
)
def write_operations(session: Session) -> Judgement:
    _, writes = split_operations(session.operation.document)
    if not writes:
        raise NotExercised("the spec documents no write operation", chosen=True)
    if not session.options.allow_writes:
        names = ", ".join(operation.label for operation in writes)
        raise NotExercised(f"read-only run: {len(writes)} write operations not sent: {names}", chosen=True)
    sent = session.writer.sent
    if not sent:
        raise NotExercised("no write was sent")
    findings: list[Finding] = []
    for item in sent:
        status = item.exchange.status
        if status not in item.operation.documented_statuses:
            findings.append(finding(f"a status {item.operation.found.operation_id} documents", item.exchange))
            continue
        problems = item.operation.response_problems(item.exchange, status)
        if problems:
            findings.append(finding(f"the documented {status} answer", item.exchange, "; ".join(problems)))
    return Judgement(findings, f"{plural(len(sent), 'write answer')} judged")
