"""Writes that follow a cancel, on the run the write checks cancelled: retry (b3os) and replay (cortex) make a new
run that names or copies its source, and a retention change (cortex-v2) shows in get. Judged only in a run that
allows writes, within its budget (see `checks/writes.py`)."""

from __future__ import annotations

from contracts.checks.base import Judgement, check, finding
from contracts.checks.writes import cancelled_run, having
from contracts.json_path import dig
from contracts.session import Session
from contracts.writing import run_of

__all__ = ["replay_makes_new_run", "retention_change_shows_in_get", "retry_points_at_source"]


@check(
    "retry_points_at_source",
    "writes",
    "retry makes a new run pointing at its source",
    applies=having("retry", lambda writes: writes.retry),
)
def retry_points_at_source(session: Session) -> Judgement:
    writer = session.writer
    writes = writer.writes
    assert writes.retry is not None
    assert writes.source_field is not None
    source = cancelled_run(session)
    exchange = writer.send(writes.retry, writer.one_run(source), None, creates=True)
    new = writer.created(exchange, (*writes.run_path, "id"))
    retried = run_of(exchange, writes.run_path)
    if new is None or retried is None:
        return Judgement([finding(f"200 with a new run retrying {source}", exchange)])
    if new == source or retried.get(writes.source_field) != source:
        what = f"id {new}, {writes.source_field} {retried.get(writes.source_field)!r}"
        return Judgement([finding(f"a new run whose {writes.source_field} is {source}", exchange, what)])
    writer.fresh = new  # running: unfinished_run_refused's run
    return Judgement([], f"run {source} retried as {new}")


@check(
    "replay_makes_new_run",
    "writes",
    "replaying a finished run makes a new run, gettable at once",
    applies=having("replay", lambda writes: writes.replay),
)
def replay_makes_new_run(session: Session) -> Judgement:
    writer = session.writer
    writes = writer.writes
    assert writes.replay is not None
    source = cancelled_run(session)
    exchange = writer.send(writes.replay, writer.one_run(source), writes.replay_body, creates=True)
    new = writer.created(exchange, (*writes.run_path, "id"))
    if new is None:
        return Judgement([finding(f"200 with a new run replaying {source}", exchange)])
    if new == source:
        return Judgement([finding(f"a new run replaying {source}", exchange, f"the answer is run {source} itself")])
    got, run = writer.get(new)
    if run is None or str(run.get("id")) != new:
        return Judgement([finding(f"200 with run {new}, just replayed", got)])
    writer.fresh = new  # pending: unfinished_run_refused's run
    return Judgement([], f"run {source} replayed as {new}, read back")


@check(
    "retention_change_shows_in_get",
    "writes",
    "a change of a run's retention shows in get",
    applies=having("retention change", lambda writes: writes.retention),
)
def retention_change_shows_in_get(session: Session) -> Judgement:
    writer = session.writer
    writes = writer.writes
    assert writes.retention is not None
    assert writes.retention_field is not None
    run_id = cancelled_run(session)
    exchange = writer.send(writes.retention, writer.one_run(run_id), writes.retention_body, creates=False)
    if exchange.status != 200:
        return Judgement([finding(f"200 with run {run_id}'s new retention", exchange)])
    got, run = writer.get(run_id)
    shown = dig(run, (writes.retention_field,)) if run is not None else None
    if shown != writes.retention_body:
        what = f"{writes.retention_field} is {shown!r}, not {writes.retention_body!r}"
        return Judgement([finding(f"run {run_id}'s new retention through get", got, what)])
    return Judgement([], f"run {run_id}'s retention changed, read back")
