"""Faults of the writes only the schema phase's requests show, in a run that allows writes: the write checks send
the smallest bodies and real run ids, so these break a Schemathesis rule on requests only Hypothesis (or the
spec's examples) makes."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.faulty.fault import Fault, rule
from tests.faulty.layouts import Layout
from tests.faulty.router import Answer, Inner, Request, Rewrite
from tests.faulty.write_faults import CANCELS, only

RUN_ID = re.compile(r"run_[A-Za-z0-9]{12}")
"""The form of the mock's run ids; a run id the schema phase makes up has another."""


def values(document: Any) -> int:
    """How many values (leaves) a JSON document holds."""
    if isinstance(document, dict):
        return sum(values(value) for value in document.values())
    if isinstance(document, list):
        return sum(values(value) for value in document)
    return 1


async def fails_on_fuller_bodies(request: Request, layout: Layout, inner: Inner) -> Answer:
    """A body of two values or more (the spec's own examples among them) answers 500: the write checks' bodies
    hold one at most."""
    try:
        body = json.loads(request.body) if request.body else {}
    except ValueError:
        body = {}
    if values(body) >= 2:
        answer = Answer(500)
        answer.set_json({"message": "internal error"}, status=500)
        return answer
    return await inner(request)


async def gone_for_made_up_runs(request: Request, layout: Layout, inner: Inner) -> Answer:
    """A cancel of a run id not of the server's form answers 410, a status no spec documents for cancel."""
    answer = await inner(request)
    run_id = request.path.rstrip("/").split("/")[-2]
    if answer.status == 404 and not RUN_ID.fullmatch(run_id):
        answer.status = 410
    return answer


WRITE_PHASE_FAULTS: tuple[Fault, ...] = (
    Fault(
        "trigger_fails_on_fuller_bodies",
        rule("not_a_server_error"),
        Rewrite(operation=only("trigger", fails_on_fuller_bodies)),
        semantic=False,
        writes=True,
        phase=True,
    ),
    Fault(
        "cancel_of_made_up_run_gone",
        rule("status_code_conformance"),
        Rewrite(operation=only("cancel", gone_for_made_up_runs)),
        applies=CANCELS,
        semantic=False,
        writes=True,
        phase=True,
    ),
)
