"""Faults of the writes every server must refuse: each accepts one kind of write its spec refuses, so that exactly
the check of that refusal (a run with --allow-writes) sees it."""

from __future__ import annotations

import json

from tests.faulty.bodies import body_fields, json_object
from tests.faulty.fault import Fault, rule
from tests.faulty.layouts import Layout
from tests.faulty.router import Answer, Inner, Request, Rewrite
from tests.faulty.write_faults import conflict_as_success, has, only, own_owners


async def drops_unknown_fields(request: Request, layout: Layout, inner: Inner) -> Answer:
    """Fields the spec does not define are dropped from the body, not refused."""
    body = json_object(request)
    fields = body_fields(layout.dialect, request)
    if body is not None and fields is not None:
        request.body = json.dumps({name: value for name, value in body.items() if name in fields}).encode()
    return await inner(request)


REFUSAL_FAULTS: tuple[Fault, ...] = (
    Fault(
        "trigger_ignores_owner",
        rule("trigger_outside_path_gets_404"),
        Rewrite(operation=only("trigger", own_owners)),
        writes=True,
    ),
    Fault(
        "trigger_drops_unknown_fields",
        rule("unknown_body_field_refused"),
        Rewrite(operation=only("trigger", drops_unknown_fields)),
        writes=True,
    ),
    Fault(
        "retry_of_running_accepted",
        rule("unfinished_run_refused"),
        Rewrite(operation=only("retry", conflict_as_success)),
        applies=has("b3os"),
        writes=True,
    ),
    Fault(
        "replay_of_pending_accepted",
        rule("unfinished_run_refused"),
        Rewrite(operation=only("replay", conflict_as_success)),
        applies=has("cortex-v1", "cortex-v2"),
        writes=True,
    ),
)
