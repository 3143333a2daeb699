"""Invent: `GET /orgs/{org_id}/workflows/runs`, the runs of every workflow of an org, and run a workflow.

Same platform as cortex, with renames (`org_id`, `outputs`, `start_connected`, `usage.ai_total`), the
`CANCELED` spelling, and `expand=true` adding `outputs` and `usage.calls`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mock_server.data.changes import Trigger
from mock_server.data.generate import Origin, Vocabulary
from mock_server.data.model import Run, RunState, Step, UsageCall, Workflow, WorkflowVersion
from mock_server.data.view import StoreView
from mock_server.data.writes import Invalid, TriggerRequest, WriteError
from mock_server.dialects.base import (
    Dialect,
    OperationHandler,
    OperationRequest,
    Reply,
    choice_filter,
    iso,
    not_found,
    without_none,
)
from mock_server.dialects.platform import error_body, invalid_field, numbered_page, tenant_of, version_of
from mock_server.dialects.rendering import encoded_items, encoded_once, rendered_once
from mock_server.problems import Problem

STATUSES = {
    "PENDING": RunState.PENDING,
    "RUNNING": RunState.RUNNING,
    "CANCELED": RunState.CANCELLED,
    "COMPLETED": RunState.SUCCEEDED,
    "SKIPPED": RunState.SKIPPED,
    "FAILED": RunState.FAILED,
}
STATUS_NAMES = {state: name for name, state in STATUSES.items()}
ORIGINS = (Origin("WORKFLOW", by_user=True), Origin("TRIGGER"), Origin("WEBHOOK"))
ORIGIN_FILTER = {origin.label: origin.label for origin in ORIGINS}
"""The origin filter's values, each the run origin it keeps."""
NULLABLE = {"started_at", "ended_at", "created_at", "updated_at", "result"}


class Invent(Dialect):
    statuses = STATUSES
    name = "invent"
    token_prefix = "inv_sk_test_"
    vocabulary = Vocabulary("invent", tuple(STATUSES.values()), ORIGINS, "prefixed", "org")

    def fixture_params(self, tenant_id: str, workflow_id: str | None) -> dict[str, str]:
        # The org's list names no workflow; its trigger does, and a client pins it as it pins the org.
        return {"org_id": tenant_id} if workflow_id is None else {"org_id": tenant_id, "workflow_id": workflow_id}

    def handlers(self) -> Mapping[str, OperationHandler]:
        return {"getOrgWorkflowRuns": self.list_runs, "runWorkflow": self.run_workflow}

    def list_runs(self, view: StoreView, request: OperationRequest) -> Reply:
        query = request.query
        org_id = tenant_of(view, request, "org_id", "Org not found")
        runs = view.runs(
            org_id,
            states=choice_filter(query.get("status"), STATUSES),
            origins=choice_filter(query.get("origin"), ORIGIN_FILTER),
        )
        start, stop, headers = numbered_page(runs, query["page"], query["take"])
        expand = bool(query.get("expand"))

        def encode(run: Run) -> bytes:
            return self.encoded_run(run, view.workflow(run.workflow_tenant_id, run.workflow_id), expand)

        # The selection is the view's, and so are its runs' workflows: the flag is all the encoding adds.
        return Reply(200, encoded_items(runs, start, stop, encode, expand), headers)

    def run_workflow(self, view: StoreView, request: OperationRequest) -> Reply:
        org_id = tenant_of(view, request, "org_id", "Org not found")
        workflow = view.workflow(org_id, request.path["workflow_id"])
        if workflow is None:
            raise not_found("Workflow not found")
        body = request.body or {}
        version = version_of(workflow, body.get("workflow_version_id", "latest"))
        step = body.get("from_step_key")
        trigger = TriggerRequest(
            workflow.id, org_id, body.get("input") or {}, version, origin="WORKFLOW", from_step_key=step
        )
        try:
            run = request.submit(Trigger(trigger, body.get("identifier")))
        except Invalid as error:
            field = "from_step_key" if str(error).startswith("step") else "workflow_version_id"
            raise invalid_field(field, str(error)) from None
        except WriteError as error:
            raise self.write_problem(error, "Workflow not found") from None
        return Reply(200, self.run(run, workflow, False))

    def render_error(self, problem: Problem, status: int) -> Any:
        return error_body(problem, status)

    # --- records -------------------------------------------------------------------------------------
    @rendered_once
    def run(self, run: Run, workflow: Workflow | None, expand: bool) -> dict[str, Any]:
        draft_steps = workflow.draft_steps if workflow is not None else ()
        usage: dict[str, Any] | None = None
        if run.usage.per_step:
            usage = {
                "total": run.usage.total,
                "ai_total": run.usage.ai_total,
                "steps": dict(run.usage.per_step),
            }
            if expand:
                usage["calls"] = [self.call(call) for call in run.usage.calls]
        fields: dict[str, Any] = {
            "id": run.id,
            "status": STATUS_NAMES[run.state],
            "origin": run.origin,
            "started_at": iso(run.started_at),
            "ended_at": iso(run.ended_at),
            "org_id": run.tenant_id,
            "workflow_org_id": run.workflow_tenant_id,
            "workflow_id": run.workflow_id,
            "workflow_version_draft": {"steps": [self.step(step) for step in draft_steps]},
            "workflow_version": self.version(run.version),
            "created_at": iso(run.created_at),
            "updated_at": iso(run.updated_at),
            "result": run.result,
            "outputs": run.output if expand else None,
            "error": run.error,
            "version": run.version.number,
            "usage": usage,
        }
        return {key: value for key, value in fields.items() if value is not None or key in NULLABLE}

    encoded_run = encoded_once(run)

    def call(self, call: UsageCall) -> dict[str, Any]:
        fields = {"id": call.id, "total": call.total, "ai_total": call.ai_total}
        return {**fields, "calls": [self.call(inner) for inner in call.calls]}

    def version(self, version: WorkflowVersion) -> dict[str, Any]:
        author = version.created_by
        return {
            "id": version.id,
            "workflow_id": version.workflow_id,
            "description": version.description,
            "version": version.number,
            "notes": version.notes,
            "created_at": iso(version.created_at),
            "steps": [self.step(step) for step in version.steps],
            "rollback_version": version.rollback_number,
            "created_by": {"id": author.id, "name": author.name, "avatar": author.avatar_url},
        }

    def step(self, step: Step) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "type": step.type,
            "key": step.key,
            "input": {"note": step.title} if step.type == "note" else {"prompt": step.title},
            "display": "expanded",
            "throw_on_error": step.type != "note",
            "start_connected": step.type != "note",
            "destinations": list(step.destinations),
            "position": list(step.position),
            "definitions": [{"path": "input.prompt", "definition": {"type": "string"}}] if step.model else [],
            "size": list(step.size),
        }
        if step.model is not None:
            fields["auto"] = {"model": step.model, "temperature": step.temperature}
        return without_none(fields)
