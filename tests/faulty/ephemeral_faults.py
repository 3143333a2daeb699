"""Faults of b3os' ephemeral run (`POST /v1/runs`): each breaks one thing the spec states of the run an inline
definition makes, so that only `ephemeral_run_belongs_to_no_workflow` (a run with --allow-writes) sees it.

A fault remembers the runs the inline run answered (a run of the suite makes one), so that only what is said of
them changes; every other request and answer is the mock's."""

from __future__ import annotations

from tests.faulty.fault import Fault, rule
from tests.faulty.layouts import Layout
from tests.faulty.router import Answer, Inner, Request, Rewrite
from tests.faulty.write_faults import Operation, has, kind, only, wrong_id


def joined_to_workflow() -> Operation:
    """Ephemeral runs read through get as runs of the demo workflow: the runs the inline run answered are
    remembered, so only their get changes, and every other request and answer is the mock's."""
    ephemeral: set[str] = set()

    async def operation(request: Request, layout: Layout, inner: Inner) -> Answer:
        answer = await inner(request)
        if answer.status != 200:
            return answer
        document = answer.json()
        if kind(request) == "ephemeral":
            ephemeral.add(document["data"]["runId"])
        elif kind(request) == "get" and document["data"]["id"] in ephemeral:
            fixtures = (await inner(Request("/__mock__/fixtures", [], request.headers))).json()
            document["data"]["workflowId"] = fixtures[layout.dialect]["params"]["id"]
            answer.set_json(document)
        return answer

    return operation


LIST_FIELDS = (
    "finishedAt", "id", "isDustTest", "isSimulation", "sourceRunId", "startedAt", "status", "totalCu",
    "triggerSource", "triggeredBy", "workflowId", "workflowVersion",
)  # fmt: skip
"""The fields of a b3os run in the list (the get adds its detail fields)."""


def listed_in_workflow() -> Rewrite:
    """The first page of a workflow's list shows, first, the ephemeral runs made so far (as the list shows a run,
    with that workflow's id): the runs the inline run answered are remembered; every other answer is the mock's."""
    ephemeral: list[str] = []

    async def operation(request: Request, layout: Layout, inner: Inner) -> Answer:
        answer = await inner(request)
        if kind(request) == "ephemeral" and answer.status == 200:
            ephemeral.append(answer.json()["data"]["runId"])
        return answer

    async def listing(answer: Answer, request: Request, layout: Layout, inner: Inner) -> None:
        if answer.status != 200 or not ephemeral or request.get("offset") not in (None, "0"):
            return
        document = answer.json()
        prefix, _, rest = request.path.partition("/v1/workflows/")
        shown = []
        for run_id in reversed(ephemeral):
            got = await inner(Request(f"{prefix}/v1/runs/{run_id}", [], request.headers))
            if got.status == 200:  # another mock (one per test module) does not know it: nothing to show
                run = got.json()["data"]
                shown.append({**{name: run[name] for name in LIST_FIELDS}, "workflowId": rest.partition("/")[0]})
        items = document["data"]["items"]
        items[:0] = shown
        del items[document["data"]["limit"] :]
        answer.set_json(document)

    return Rewrite(answer=listing, operation=operation)


EPHEMERAL_FAULTS: tuple[Fault, ...] = (
    Fault(
        "ephemeral_run_joins_workflow",
        rule("ephemeral_run_belongs_to_no_workflow"),
        Rewrite(operation=joined_to_workflow()),
        applies=has("b3os"),
        writes=True,
    ),
    Fault(
        "ephemeral_run_listed",
        rule("ephemeral_run_belongs_to_no_workflow"),
        listed_in_workflow(),
        applies=has("b3os"),
        writes=True,
    ),
    Fault(
        "ephemeral_answers_wrong_id",
        rule("ephemeral_run_belongs_to_no_workflow"),
        Rewrite(operation=only("ephemeral", wrong_id)),
        applies=has("b3os"),
        writes=True,
    ),
)
