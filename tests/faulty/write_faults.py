"""Faults of the get and the writes: each answers one operation on one run wrongly, so that exactly one check of
the runs and writes groups (a run with --allow-writes) sees it."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from tests.faulty.bodies import has_unknown_fields
from tests.faulty.fault import Fault, rule
from tests.faulty.layouts import Layout
from tests.faulty.rewrites import moved
from tests.faulty.router import Answer, Inner, Request, Rewrite

Operation = Callable[[Request, Layout, Inner], Awaitable[Answer]]
WRITE_SUFFIXES = ("/cancel", "/retry", "/replay", "/retention")
OWNER_AFTER = {"apps": "app_id", "workspaces": "workspace_id", "orgs": "org_id", "workflows": "workflow_id"}
"""The path segment after which each owner's id comes, and the name of the fixture parameter that holds it."""


def kind(request: Request) -> str:
    """Which operation a request (not the list) is: get, trigger, ephemeral (b3os' inline definition run once), or
    the write's last path segment."""
    if request.method == "GET":
        return "get"
    if request.path.endswith("/v1/runs"):
        return "ephemeral"
    suffix = next((suffix for suffix in WRITE_SUFFIXES if request.path.endswith(suffix)), None)
    return suffix.lstrip("/") if suffix else "trigger"


def run_in(document: Any, layout: Layout) -> Any:
    return document["data"] if layout.dialect == "b3os" else document


def only(name: str, change: Operation) -> Operation:
    """`change` for the operation `name`; every other request reaches the mock as it is."""

    async def operation(request: Request, layout: Layout, inner: Inner) -> Answer:
        return await (change if kind(request) == name else forward)(request, layout, inner)

    return operation


async def forward(request: Request, layout: Layout, inner: Inner) -> Answer:
    return await inner(request)


async def got(request: Request, inner: Inner) -> Answer:
    """The get of the run a write names (the write's path without its last segment)."""
    path = request.path.rsplit("/", 1)[0]
    return await inner(Request(path, [], request.headers))


def changed_run(change: Callable[[Any, Request, Layout], None], statuses: tuple[int, ...] = (200,)) -> Operation:
    """Ask the mock, then apply `change` to the run of an answer with one of `statuses`."""

    async def operation(request: Request, layout: Layout, inner: Inner) -> Answer:
        answer = await inner(request)
        if answer.status in statuses and answer.body:
            document = answer.json()
            change(run_in(document, layout), request, layout)
            answer.set_json(document)
        return answer

    return operation


def instead_of_write(change: Callable[[Any, Request, Layout], None]) -> Operation:
    """Do not write at all: answer the run as the get reads it, changed as if the write had happened. A body with
    a field the spec does not define is refused as the mock refuses it: the fault is in what a write does."""

    async def operation(request: Request, layout: Layout, inner: Inner) -> Answer:
        if has_unknown_fields(request, layout.dialect):
            return await inner(request)
        answer = await got(request, inner)
        if answer.status == 200:
            document = answer.json()
            change(run_in(document, layout), request, layout)
            answer.set_json(document)
        return answer

    return operation


async def own_owners(request: Request, layout: Layout, inner: Inner) -> Answer:
    """A 404 asked again with the demo tenant and workflow in the path: the owner named is not checked (the last
    segment of a trigger's path, `runs` or `run`, is never an owner's id)."""
    answer = await inner(request)
    if answer.status != 404:
        return answer
    fixtures = (await inner(Request("/__mock__/fixtures", [], request.headers))).json()[layout.dialect]["params"]
    owners = {**OWNER_AFTER, "workflows": layout.workflow_parameter}
    parts = request.path.split("/")
    for index in range(1, len(parts) - 1):
        name = owners.get(parts[index - 1])
        if name in fixtures:
            parts[index] = fixtures[name]
    return await inner(Request("/".join(parts), request.query, request.headers, request.method, request.body))


async def shapeless_404(request: Request, layout: Layout, inner: Inner) -> Answer:
    answer = await inner(request)
    if answer.status == 404:
        answer.body = json.dumps({"error": "not found"}).encode()
    return answer


async def wrong_id(request: Request, layout: Layout, inner: Inner) -> Answer:
    answer = await inner(request)
    if answer.status == 200:
        document = answer.json()
        holder, key = (document["data"], "runId") if layout.dialect == "b3os" else (document, "id")
        holder[key] = holder[key][:-1] + ("x" if holder[key][-1] != "x" else "y")
        answer.set_json(document)
    return answer


async def conflict_as_success(request: Request, layout: Layout, inner: Inner) -> Answer:
    answer = await inner(request)
    return await got(request, inner) if answer.status == 409 else answer


def cancelled(run: Any, request: Request, layout: Layout) -> None:
    run["status"] = "cancelled" if layout.dialect == "b3os" else "CANCELLED"


def moved_back(run: Any, request: Request, layout: Layout) -> None:
    run[layout.timestamp] = moved(run[layout.timestamp], hours=-1)


def forgets_source(run: Any, request: Request, layout: Layout) -> None:
    run["sourceRunId"] = None


def kept_as_asked(run: Any, request: Request, layout: Layout) -> None:
    run["retention"] = json.loads(request.body)


def untyped_timestamp(run: Any, request: Request, layout: Layout) -> None:
    run[layout.start] = 12345


def has(*dialects: str) -> Callable[[Layout], bool]:
    return lambda layout: layout.dialect in dialects


OWNED = has("aitasker", "cortex-v1", "cortex-v2")
WITH_GET = has("aitasker", "b3os", "cortex-v1", "cortex-v2")
CANCELS = has("b3os", "cortex-v1", "cortex-v2")

WRITE_FAULTS: tuple[Fault, ...] = (
    Fault(
        "get_shows_another_time",
        rule("get_answers_listed_run"),
        Rewrite(operation=only("get", changed_run(moved_back))),
        applies=WITH_GET,
    ),
    Fault(
        "unknown_run_wrong_shape",
        rule("unknown_run_gets_404"),
        Rewrite(operation=only("get", shapeless_404)),
        applies=WITH_GET,
    ),
    Fault(
        "get_ignores_owner",
        rule("run_outside_its_path_gets_404"),
        Rewrite(operation=only("get", own_owners)),
        applies=OWNED,
    ),
    Fault(
        "trigger_answers_wrong_id",
        rule("triggered_run_heads_list"),
        Rewrite(operation=only("trigger", wrong_id)),
        writes=True,
    ),
    Fault(
        "writes_ignore_owner",
        rule("writes_outside_path_get_404"),
        Rewrite(operation=only("cancel", own_owners)),
        applies=has("cortex-v1", "cortex-v2"),
        writes=True,
    ),
    Fault(
        "cancel_not_kept",
        rule("cancelled_run_reads_cancelled"),
        Rewrite(operation=only("cancel", instead_of_write(cancelled))),
        applies=CANCELS,
        writes=True,
    ),
    Fault(
        "cancel_of_finished_accepted",
        rule("cancelling_finished_run_conflicts"),
        Rewrite(operation=only("cancel", conflict_as_success)),
        applies=CANCELS,
        writes=True,
    ),
    Fault(
        "retry_forgets_source",
        rule("retry_points_at_source"),
        Rewrite(operation=only("retry", changed_run(forgets_source))),
        applies=has("b3os"),
        writes=True,
    ),
    Fault(
        "replay_answers_source",
        rule("replay_makes_new_run"),
        Rewrite(operation=only("replay", instead_of_write(lambda run, request, layout: None))),
        applies=has("cortex-v1", "cortex-v2"),
        writes=True,
    ),
    Fault(
        "retention_not_kept",
        rule("retention_change_shows_in_get"),
        Rewrite(operation=only("retention", instead_of_write(kept_as_asked))),
        applies=has("cortex-v2"),
        writes=True,
    ),
    Fault(
        "cancel_answer_off_schema",
        rule("write_operations"),
        Rewrite(operation=only("cancel", changed_run(untyped_timestamp))),
        applies=CANCELS,
        writes=True,
    ),
)
