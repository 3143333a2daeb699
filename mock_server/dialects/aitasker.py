"""AITasker, a FastAPI backend: a workflow's runs (`.../workflows/{workflow_id}/runs`), one run, and trigger.

No paging: the whole list, each run with its node runs; Get Run answers the same object as the list. Errors are
FastAPI's: `{"detail": "..."}`, and 422 with a `detail` list for invalid parameters and bodies.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orjson import Fragment

from mock_server.data.changes import Trigger
from mock_server.data.generate import Origin, Vocabulary
from mock_server.data.model import NodeRun, Run, RunState
from mock_server.data.view import StoreView
from mock_server.data.writes import Scope, TriggerRequest, WriteError
from mock_server.dialects.base import (
    Dialect,
    OperationHandler,
    OperationRequest,
    Reply,
    in_scope,
    iso,
    not_found,
)
from mock_server.dialects.rendering import encoded_items, encoded_once, rendered_once
from mock_server.problems import Issue, IssueCode, Problem, ProblemKind

STATUS_NAMES = {
    RunState.PENDING: "pending",
    RunState.RUNNING: "running",
    RunState.SUCCEEDED: "completed",
    RunState.FAILED: "failed",
    RunState.CANCELLED: "cancelled",
    RunState.SKIPPED: "skipped",
}
ORIGINS = (Origin("manual", by_user=True), Origin("api"), Origin("schedule"), Origin("webhook"))
RUN_STATES = (RunState.PENDING, RunState.RUNNING, RunState.SUCCEEDED, RunState.FAILED, RunState.CANCELLED)
FASTAPI_ERRORS = {
    IssueCode.MISSING: ("missing", "Field required"),
    IssueCode.INVALID_FORMAT: ("uuid_parsing", "Input should be a valid UUID"),
    IssueCode.INVALID_TYPE: ("string_type", "Input should be a valid string"),
    IssueCode.UNKNOWN_PARAMETER: ("extra_forbidden", "Extra inputs are not permitted"),
}
BODY_TYPE_ERRORS = {"object": ("dict_type", "Input should be a valid dictionary")}
BODY_ERRORS = {IssueCode.MALFORMED: ("json_invalid", "JSON decode error")}
RUN_NOT_FOUND_DETAIL = "Run not found"
NOT_FOUND_DETAIL = "Workflow not found"
"""The spec's `WorkflowNotFound` example: the detail of every unknown or inaccessible workspace or workflow."""

STATUS_DETAILS = {
    ProblemKind.UNAUTHORIZED: "Not authenticated",
    ProblemKind.METHOD_NOT_ALLOWED: "Method Not Allowed",
    ProblemKind.SERVER_ERROR: "Internal Server Error",
    ProblemKind.PAYLOAD_TOO_LARGE: "Request body too large",
}


def fastapi_error(issue: Issue) -> dict[str, Any]:
    kind, message = FASTAPI_ERRORS.get(issue.code, ("value_error", issue.message))
    if issue.location == "body" and issue.code is IssueCode.INVALID_TYPE:
        kind, message = BODY_TYPE_ERRORS.get(str(issue.expected), ("value_error", issue.message))
    elif issue.location == "body":
        kind, message = BODY_ERRORS.get(issue.code, (kind, message))
    loc = [issue.location, *issue.name.split(".")] if issue.name else [issue.location]
    return {"type": kind, "loc": loc, "msg": message, "input": issue.value}


STATUSES = {STATUS_NAMES[state]: state for state in RUN_STATES}


class Aitasker(Dialect):
    statuses = STATUSES
    name = "aitasker"
    token_prefix = "aitk_test_"
    vocabulary = Vocabulary("aitasker", RUN_STATES, ORIGINS, "uuid", "ws")

    def fixture_params(self, tenant_id: str, workflow_id: str | None) -> dict[str, str]:
        return {"workspace_id": tenant_id} | ({} if workflow_id is None else {"workflow_id": workflow_id})

    def handlers(self) -> Mapping[str, OperationHandler]:
        return {
            "getWorkspaceWorkflowRuns": self.list_runs,
            "getRun": self.get_run,
            "triggerWorkspaceWorkflow": self.trigger,
        }

    def list_runs(self, view: StoreView, request: OperationRequest) -> Reply:
        workspace_id, workflow_id = self.workflow(view, request)
        runs = view.runs(workspace_id, workflow_id)
        return Reply(200, encoded_items(runs, 0, len(runs), self.encoded_run))

    @staticmethod
    def workflow(view: StoreView, request: OperationRequest) -> tuple[str, str]:
        """The workspace and workflow the path names, or raise the one 404 the spec documents for an unknown
        workspace, an unknown workflow and a workspace the key cannot access alike, so the answer does not reveal
        which of them exists."""
        workspace_id, workflow_id = request.path["workspace_id"], request.path["workflow_id"]
        if not request.visible.sees(workspace_id) or view.workflow(workspace_id, workflow_id) is None:
            raise not_found(NOT_FOUND_DETAIL)
        return workspace_id, workflow_id

    def get_run(self, view: StoreView, request: OperationRequest) -> Reply:
        # The path names no workspace: the workflow and the workspaces the key sees scope the run.
        scope = Scope(request.visible.tenant_id, request.path["workflow_id"])
        run = in_scope(view, request.path["run_id"], scope)
        if run is None:
            raise not_found(RUN_NOT_FOUND_DETAIL)
        return Reply(200, Fragment(self.encoded_run(run)))

    def trigger(self, view: StoreView, request: OperationRequest) -> Reply:
        workspace_id, workflow_id = self.workflow(view, request)
        payload = (request.body or {}).get("trigger_payload", {})
        trigger = TriggerRequest(workflow_id, workspace_id, input=payload, origin="api")
        try:
            run = request.submit(Trigger(trigger))
        except WriteError as error:
            raise self.write_problem(error, NOT_FOUND_DETAIL) from None
        return Reply(200, self.run(run))

    def status_for(self, kind: ProblemKind) -> int:
        return 422 if kind is ProblemKind.INVALID_REQUEST else kind.value

    def error(self, problem: Problem) -> Reply:
        reply = super().error(problem)
        if problem.kind is ProblemKind.UNAUTHORIZED:
            return Reply(reply.status, reply.body, {**reply.headers, "WWW-Authenticate": "Bearer"})
        return reply

    def render_error(self, problem: Problem, status: int) -> Any:
        if problem.issues:
            return {"detail": [fastapi_error(issue) for issue in problem.issues]}
        return {"detail": STATUS_DETAILS.get(problem.kind, problem.message)}

    @rendered_once
    def run(self, run: Run) -> dict[str, Any]:
        return {
            "id": run.id,
            "workflow_id": run.workflow_id,
            "status": STATUS_NAMES[run.state],
            "created_at": iso(run.created_at),
            "triggered_by": run.origin,
            "trigger_payload": run.input,
            "started_at": iso(run.started_at),
            "completed_at": iso(run.ended_at),
            "error_message": run.error,
            "total_cost_cents": run.cost_cents,
            "node_runs": [self.node_run(node) for node in run.node_runs],
        }

    encoded_run = encoded_once(run)

    def node_run(self, node: NodeRun) -> dict[str, Any]:
        return {
            "id": node.id,
            "workflow_run_id": node.run_id,
            "workflow_node_id": node.node_id,
            "status": STATUS_NAMES[node.state],
            "created_at": iso(node.created_at),
            "task_id": node.task_id,
            "input_data": node.input,
            "output_data": node.output,
            "started_at": iso(node.started_at),
            "completed_at": iso(node.ended_at),
        }
