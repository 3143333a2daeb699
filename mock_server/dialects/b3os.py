"""b3os: `GET /v1/workflows/{id}/runs`, every body in the `{code, message, requestId, data}` envelope.

Pages by `limit`/`offset` with `hasMore`; the workflow id alone names the workflow (the key names the account).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from mock_server.data.generate import Origin, Vocabulary
from mock_server.data.model import Run, RunState
from mock_server.data.store import Store
from mock_server.dialects.base import Dialect, OperationHandler, OperationRequest, Reply, choice_filter, iso, not_found
from mock_server.dialects.rendering import rendered_once
from mock_server.problems import Problem

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


def request_id(*parts: object) -> str:
    """A request id derived from the request itself, so identical requests get byte-identical answers."""
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
    return f"req_{digest[:16]}"


class B3os(Dialect):
    statuses = STATUSES
    name = "b3os"
    demo_token = "b3sk_test_mockdemo0000000000"
    vocabulary = Vocabulary("b3os", tuple(STATUSES.values()), ORIGINS, "prefixed", "acct")

    def fixture_params(self, store: Store) -> dict[str, str]:
        return {"id": store.demo.workflow_id}

    def handlers(self) -> Mapping[str, OperationHandler]:
        return {"listWorkflowRuns": self.list_runs}

    def list_runs(self, store: Store, request: OperationRequest) -> Reply:
        query = request.query
        workflow = next((w for w in store.workflows if w.id == request.path["id"]), None)
        if workflow is None:
            raise not_found("workflow not found")
        runs = store.runs(workflow.tenant_id, workflow.id, states=choice_filter(query.get("status"), STATUSES))
        limit, offset = query["limit"], query["offset"]
        data = {
            "hasMore": offset + limit < len(runs),
            "items": [self.run(run) for run in runs[offset : offset + limit]],
            "limit": limit,
            "offset": offset,
        }
        envelope = {"code": SUCCESS_CODE, "message": "success", "requestId": request_id(request.path, query)}
        return Reply(200, {**envelope, "data": data})

    def render_error(self, problem: Problem, status: int) -> Any:
        return {
            "code": status,
            "message": problem.message,
            "requestId": request_id(status, problem.message),
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


B3OS = B3os()
