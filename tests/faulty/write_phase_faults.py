"""Faults of the writes only the schema phase's requests show, in a run that allows writes: the write checks send
the smallest bodies, valid but for one unknown field at most, and real run ids, so these break a Schemathesis rule
on requests only Hypothesis (or the spec's examples) makes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from tests.faulty.fault import Fault, rule
from tests.faulty.layouts import Layout
from tests.faulty.router import Answer, Inner, Request, Rewrite
from tests.faulty.write_faults import CANCELS, Operation, only

RUN_ID = re.compile(r"run_[A-Za-z0-9]{12}")
"""The form of the mock's run ids; a run id the schema phase makes up has another."""


def values(document: Any) -> int:
    """How many values (leaves) a JSON document holds."""
    if isinstance(document, dict):
        return sum(values(value) for value in document.values())
    if isinstance(document, list):
        return sum(values(value) for value in document)
    return 1


def fails_on(broken: Callable[[Any], bool]) -> Operation:
    """Answer 500 to a body `broken` says the server cannot take (a body that is not JSON is read as `{}`)."""

    async def operation(request: Request, layout: Layout, inner: Inner) -> Answer:
        try:
            body = json.loads(request.body) if request.body else {}
        except ValueError:
            body = {}
        if broken(body):
            answer = Answer(500)
            answer.set_json({"message": "internal error"}, status=500)
            return answer
        return await inner(request)

    return operation


def fuller(body: Any) -> bool:
    """Two values or more, as the spec's own examples hold: the write checks' bodies hold one at most."""
    return values(body) >= 2


def not_an_object(body: Any) -> bool:
    """Every spec's trigger takes an object and refuses anything else with a 4xx: only invalid bodies show it,
    which the write checks never send."""
    return not isinstance(body, dict)


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
        Rewrite(operation=only("trigger", fails_on(fuller))),
        semantic=False,
        writes=True,
        phase=True,
    ),
    Fault(
        "trigger_fails_on_bodies_not_objects",
        rule("not_a_server_error"),
        Rewrite(operation=only("trigger", fails_on(not_an_object))),
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
