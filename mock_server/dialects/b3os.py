"""b3os: a workflow's runs, one run, run a workflow or an inline definition, cancel and retry.

Every body is in the `{code, message, requestId, data}` envelope. The list pages by `limit`/`offset` with
`hasMore`; the workflow id alone names the workflow and the run id the run (the key names the account).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orjson import Fragment

from mock_server.data.changes import Cancel, Retry, RunChange, RunOnce, Trigger
from mock_server.data.generate import Origin, Vocabulary
from mock_server.data.model import Run, RunState
from mock_server.data.view import StoreView
from mock_server.data.writes import Conflict, TriggerRequest, WriteError
from mock_server.dialects import b3os_detail as detail
from mock_server.dialects.base import (
    REQUEST_ID_PLACEHOLDER,
    Dialect,
    OperationHandler,
    OperationRequest,
    Reply,
    choice_filter,
    in_scope,
    iso,
    not_found,
    problem,
    visible_workflow,
)
from mock_server.dialects.rendering import encoded_items, encoded_once, rendered_once
from mock_server.problems import Issue, IssueCode, Problem, ProblemKind

STATUSES = {
    "running": RunState.RUNNING,
    "waiting": RunState.WAITING,
    "success": RunState.SUCCEEDED,
    "failure": RunState.FAILED,
    "cancelled": RunState.CANCELLED,
}
STATUS_NAMES = {state: name for name, state in STATUSES.items()}
ORIGINS = (Origin("manual", by_user=True), Origin("schedule"), Origin("cronjob"), Origin("webhook"))
SUCCESS_CODE = 200
"""The list page of the vendor's reference shows `code: 200` on success (another page shows 0)."""
INVALID_RUN_ID, DUPLICATE_RUN_ID = 400078, 400079
RUN_NOT_FOUND = "run not found"
CANCELLABLE = frozenset({RunState.RUNNING, RunState.WAITING})
RETRYABLE = frozenset({RunState.FAILED, RunState.CANCELLED})


ROOT_NODE = "definition.nodes.root"


def detailed_code(issue: Issue) -> int | None:
    """The vendor's detailed code of a 400 for this issue of a body: a run id that is not one, an ephemeral run's
    definition without a manual `root` node (the spec's schema says both); None for the plain 400."""
    if issue.name == "runId" and issue.code is not IssueCode.MISSING:
        return INVALID_RUN_ID
    if issue.name == f"{ROOT_NODE}.type" and issue.code is IssueCode.INVALID_ENUM:
        return detail.NON_MANUAL_TRIGGER
    if issue.name == ROOT_NODE or issue.name.startswith(f"{ROOT_NODE}."):
        return detail.INVALID_DEFINITION
    return None


class B3os(Dialect):
    statuses = STATUSES
    name = "b3os"
    token_prefix = "b3sk_test_"
    vocabulary = Vocabulary("b3os", tuple(STATUSES.values()), ORIGINS, "prefixed", "acct")
    request_id_field = "requestId"

    def fixture_params(self, tenant_id: str, workflow_id: str | None) -> dict[str, str]:
        return {} if workflow_id is None else {"id": workflow_id}

    def handlers(self) -> Mapping[str, OperationHandler]:
        return {
            "listWorkflowRuns": self.list_runs,
            "getRun": self.get_run,
            "runWorkflow": self.run_workflow,
            "createEphemeralRun": self.run_once,
            "cancelRun": self.cancel,
            "retryRun": self.retry,
        }

    def list_runs(self, view: StoreView, request: OperationRequest) -> Reply:
        query = request.query
        workflow = visible_workflow(view, request, request.path["id"])
        if workflow is None:
            raise not_found("workflow not found")
        runs = view.runs(workflow.tenant_id, workflow.id, states=choice_filter(query.get("status"), STATUSES))
        limit, offset = query["limit"], query["offset"]
        data = {
            "hasMore": offset + limit < len(runs),
            "items": encoded_items(runs, offset, offset + limit, self.encoded_run),
            "limit": limit,
            "offset": offset,
        }
        return self.envelope(data)

    def get_run(self, view: StoreView, request: OperationRequest) -> Reply:
        run = in_scope(view, request.path["id"], request.visible)
        if run is None:
            raise not_found(RUN_NOT_FOUND)
        summary, node_ids = request.query["summary"], request.query.get("nodeIds")
        wanted = tuple(node_ids.split(",")) if node_ids else None
        if wanted is not None and summary:
            raise problem(ProblemKind.INVALID_REQUEST, "nodeIds cannot be combined with summary=true")
        unknown = [key for key in wanted or () if key not in detail.definition(run)["nodes"]]
        if unknown:
            raise problem(ProblemKind.INVALID_REQUEST, f"nodeIds names nodes the run does not have: {unknown}")
        return self.envelope(Fragment(self.encoded_detail(run, summary, wanted)))

    def run_workflow(self, view: StoreView, request: OperationRequest) -> Reply:
        workflow = visible_workflow(view, request, request.path["id"])
        if workflow is None:
            raise not_found("workflow not found")
        body = request.body or {}
        trigger = TriggerRequest(
            workflow.id,
            workflow.tenant_id,
            input={"payload": body.get("payload", {}), "propValues": {}},
            version=body.get("version", "draft"),
            run_id=body.get("runId"),
            is_test=body.get("dustTest", False),
            is_simulation=body.get("simulate", False),
            origin="manual",
        )
        return self.created(request, Trigger(trigger))

    def run_once(self, view: StoreView, request: OperationRequest) -> Reply:
        body = request.body
        try:
            workflow = detail.inline_workflow(request.default_tenant_id or view.demo.tenant_id, body["definition"])
        except detail.DefinitionError as error:
            return self.refusal(error.code, str(error))
        inputs = {"payload": body.get("payload", {}), "propValues": body.get("propValues", {})}
        trigger = TriggerRequest(workflow.id, workflow.tenant_id, inputs, "latest", body.get("runId"), origin="manual")
        return self.created(request, RunOnce(workflow, trigger))

    def created(self, request: OperationRequest, change: RunChange) -> Reply:
        try:
            run = request.submit(change)
        except Conflict as error:  # the only conflict of a new run: its chosen id is taken
            return self.refusal(DUPLICATE_RUN_ID, str(error))
        except WriteError as error:
            raise self.write_problem(error, "workflow not found") from None
        return self.envelope({"runId": run.id})

    def cancel(self, view: StoreView, request: OperationRequest) -> Reply:
        try:
            run = request.submit(Cancel(request.path["id"], request.visible, CANCELLABLE))
        except WriteError as error:
            raise self.write_problem(error, RUN_NOT_FOUND) from None
        return self.envelope(self.detail(run, False, None))

    def retry(self, view: StoreView, request: OperationRequest) -> Reply:
        try:
            run = request.submit(Retry(request.path["id"], request.visible, RETRYABLE))
        except WriteError as error:
            raise self.write_problem(error, RUN_NOT_FOUND) from None
        return self.envelope(self.detail(run, False, None))

    @staticmethod
    def envelope(data: Any) -> Reply:
        """`data` in the success envelope (the request's id written over the placeholder as the answer leaves)."""
        return Reply(
            200, {"code": SUCCESS_CODE, "message": "success", "requestId": REQUEST_ID_PLACEHOLDER, "data": data}
        )

    @staticmethod
    def refusal(code: int, message: str) -> Reply:
        """A 400 with one of the vendor's detailed codes."""
        return Reply(400, {"code": code, "message": message, "requestId": REQUEST_ID_PLACEHOLDER, "data": None})

    @rendered_once
    def detail(self, run: Run, summary: bool, node_ids: tuple[str, ...] | None) -> dict[str, Any]:
        fields = {**self.run(run)}  # the rendering is shared (rendered_once): extend a copy
        fields.update(
            organizationId=run.workflow_tenant_id,
            propValues=detail.prop_values(run),
            simulationForks=detail.simulation_forks(run),
        )
        if not summary:
            fields["executionState"] = detail.execution_state(run, node_ids)
            fields["workflowDefinition"] = detail.definition(run)
        return fields

    encoded_detail = encoded_once(detail)

    def render_error(self, problem: Problem, status: int) -> Any:
        detailed = next(filter(None, map(detailed_code, problem.issues)), None) if status == 400 else None
        return {
            "code": detailed or status,
            "message": problem.message,
            "requestId": REQUEST_ID_PLACEHOLDER,
            "data": None,
        }

    @rendered_once
    def run(self, run: Run) -> dict[str, Any]:
        return {
            "finishedAt": iso(run.ended_at),
            "id": run.id,
            "isDustTest": run.is_test,
            "isSimulation": run.is_simulation,
            "sourceRunId": run.source_run_id,
            "startedAt": iso(run.started_at),
            "status": STATUS_NAMES[run.state],
            "totalCu": run.usage.total,
            "triggerSource": run.origin,
            "triggeredBy": run.triggered_by.id if run.triggered_by else None,
            "workflowId": run.workflow_id,
            "workflowVersion": run.version.number,
        }

    encoded_run = encoded_once(run)
