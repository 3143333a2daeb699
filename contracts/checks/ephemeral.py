"""The ephemeral run (b3os' `POST /v1/runs`): an inline definition run once, judged only in a run that allows writes.

The check sends the spec's smallest body with a run id of its own choosing (unique per run, so a target that keeps
every id never answers it as a duplicate), through the Writer and within --max-writes; the run is cancelled at the
end with the others. It then judges what the spec states of such a run and nothing more: the answer names the id
sent, get reads the run at once, with the fields the spec gives every ephemeral run (no workflow) and the values it
was started with, and the workflow's list does not show it.
"""

from __future__ import annotations

import secrets
from typing import Any

from contracts.checks.base import Judgement, check, finding
from contracts.checks.writes import having, head_of_list
from contracts.core.json_path import MISSING
from contracts.core.outcomes import Finding
from contracts.session import Session
from contracts.writing.budget import Need

__all__ = ["ephemeral_run_belongs_to_no_workflow"]


def chosen_id(prefix: str) -> str:
    """A run id the target has never seen: the same id sent twice is a documented refusal (duplicate run ID)."""
    return f"{prefix}contracts_{secrets.token_hex(8)}"


@check(
    "ephemeral_run_belongs_to_no_workflow",
    "writes",
    "an ephemeral run answers the run id sent, is gettable at once, reads with no workflow and the values it was "
    "started with, and is in no workflow's list",
    applies=having("ephemeral run", lambda writes: writes.ephemeral),
    needs=lambda writes: (Need.MAKES,),
)
def ephemeral_run_belongs_to_no_workflow(session: Session) -> Judgement:
    writer = session.writer
    ephemeral = writer.writes.ephemeral
    assert ephemeral is not None
    wanted_id = chosen_id(ephemeral.run_id_prefix)
    body = {**ephemeral.body, ephemeral.run_id_field: wanted_id}
    exchange = writer.send(ephemeral, {}, body)
    run_id = writer.created(exchange, ephemeral.created_id)
    if run_id is None:
        expected = f"200 with the new run's id ({wanted_id}, the {ephemeral.run_id_field} sent)"
        return Judgement([finding(expected, exchange)])
    if run_id != wanted_id:
        what = f"the answer names run {run_id}"
        return Judgement([finding(f"200 with run {wanted_id}, the {ephemeral.run_id_field} sent", exchange, what)])
    got, run = writer.get(run_id)
    if run is None or str(run.get("id")) != run_id:
        return Judgement([finding(f"200 with run {run_id}, just created", got)])
    findings: list[Finding] = []
    reads: dict[str, Any] = {**ephemeral.reads, **{name: body[name] for name in ephemeral.echoed}}
    wrong = [
        f"{name} is {'absent' if shown is MISSING else repr(shown)}"
        for name, value in reads.items()
        if (shown := run.get(name, MISSING)) != value
    ]
    if wrong:
        expected = ", ".join(f"{name} {value!r}" for name, value in reads.items())
        findings.append(finding(f"ephemeral run {run_id} with {expected}", got, "; ".join(wrong)))
    page = head_of_list(session)
    if any(str(listed.get("id")) == run_id for listed in page.runs):
        what = f"run {run_id} is listed"
        findings.append(finding(f"ephemeral run {run_id} in no workflow's list", page.exchange, what))
    return Judgement(findings, f"ephemeral run {run_id} created, read back through get and the list")
