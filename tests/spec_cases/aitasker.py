"""aitasker's spec cases: FastAPI's shapes, bodies from the vendor's reference page, near misses of them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.spec_cases.table import DELETE, SpecTable, changed
from tests.spec_support import Document, moment

WORKSPACE_ID = "34600430-e8ed-4209-85ca-2ed58e011fc8"
WORKFLOW_ID = "5e0d1e17-e869-499d-a2c8-6326805db28b"
RUN_ID = "5b6943f6-c1e4-4249-bc69-ba20992a90e2"

LIST_PATH = "/api/v1/workspaces/{workspace_id}/workflows/{workflow_id}/runs"
RUN_REQUIRED = ["id", "workflow_id", "status", "created_at"]
NODE_RUN_REQUIRED = ["id", "workflow_run_id", "workflow_node_id", "status", "created_at"]
RUN_NULLABLE = ["triggered_by", "started_at", "completed_at", "error_message"]
NODE_RUN_NULLABLE = ["task_id", "input_data", "output_data", "started_at", "completed_at"]
KNOWN_RUN_STATUSES = ["pending", "running", "completed", "failed", "cancelled"]
KNOWN_NODE_RUN_STATUSES = [*KNOWN_RUN_STATUSES, "skipped"]

# A failed run as the vendor's reference shapes it: every field of the reference page, realistic values.
FAILED_RUN: Document = {
    "id": RUN_ID,
    "workflow_id": WORKFLOW_ID,
    "status": "failed",
    "created_at": "2025-03-14T08:15:00Z",
    "triggered_by": "api",
    "trigger_payload": {"ticket_id": "SUP-4817", "priority": "normal"},
    "started_at": "2025-03-14T08:15:01Z",
    "completed_at": "2025-03-14T08:16:42Z",
    "error_message": "Node 'Draft reply' failed: model provider returned 503 Service Unavailable",
    "total_cost_cents": 37,
    "node_runs": [
        {
            "id": "10f60616-b23a-4bca-8e45-b1ec3a548e7d",
            "workflow_run_id": RUN_ID,
            "workflow_node_id": "eb1d460c-8e19-41a4-acef-066f0771949c",
            "status": "completed",
            "created_at": "2025-03-14T08:15:01Z",
            "task_id": "3672f74b-0f18-4793-b30b-c57537a492b6",
            "input_data": {"ticket_id": "SUP-4817"},
            "output_data": {"category": "account-access", "confidence": 0.88},
            "started_at": "2025-03-14T08:15:01Z",
            "completed_at": "2025-03-14T08:15:06Z",
        },
        {
            "id": "7b129cbf-874c-4196-b2d8-d9f1d6fac279",
            "workflow_run_id": RUN_ID,
            "workflow_node_id": "7ebe36d7-5953-4817-9275-8311c31badfd",
            "status": "failed",
            "created_at": "2025-03-14T08:15:06Z",
            "task_id": "515518d5-1b11-47b1-aff6-ed2ccdc21e34",
            "input_data": {"ticket_id": "SUP-4817", "category": "account-access"},
            "output_data": None,
            "started_at": "2025-03-14T08:15:07Z",
            "completed_at": "2025-03-14T08:16:42Z",
        },
    ],
}

# A pending run carrying only the required fields (everything optional omitted).
PENDING_RUN: Document = {
    "id": "322732ec-60a4-443a-9dbf-1394c64df2a2",
    "workflow_id": WORKFLOW_ID,
    "status": "pending",
    "created_at": "2025-03-14T09:42:30Z",
}

VALID_BODY: list[Document] = [PENDING_RUN, FAILED_RUN]

MALFORMED_UUID_ERROR: Document = {
    "detail": [
        {
            "type": "uuid_parsing",
            "loc": ["path", "workspace_id"],
            "msg": "Input should be a valid UUID, invalid character: expected an optional prefix of "
            "`urn:uuid:` followed by [0-9a-fA-F-], found `n` at 1",
            "input": "not-a-uuid",
            "ctx": {"error": "invalid character: found `n` at 1"},
        }
    ]
}

B3OS_ERROR_ENVELOPE: Document = {
    "code": 404,
    "message": "workflow not found",
    "requestId": "req_0c127654cf9f7415",
    "data": None,
}
CORTEX_ERROR: Document = {"status": 404, "message": "Not Found"}


def page(path: tuple[str | int, ...], value: object) -> Any:
    """The valid list body with one member set (or removed)."""
    return changed(VALID_BODY, path, value)


def uuid_parameter_cases(values: dict[str, str]) -> list[Any]:
    """Each value, by its name, for both UUIDs of the list's path."""
    return [
        pytest.param(name, value, id=f"{name}-{case}")
        for name in ("workspace_id", "workflow_id")
        for case, value in values.items()
    ]


TABLE = SpecTable(
    dialect="aitasker",
    list_operation=("getWorkspaceWorkflowRuns", LIST_PATH),
    # No cancel and no retry: no AITasker page documents either.
    operations={
        "getWorkspaceWorkflowRuns": ("get", LIST_PATH),
        "getRun": ("get", "/api/v1/workflows/{workflow_id}/runs/{run_id}"),
        "triggerWorkspaceWorkflow": ("post", "/api/v1/workspaces/{workspace_id}/workflows/{workflow_id}/trigger"),
    },
    statuses={
        "getWorkspaceWorkflowRuns": ["200", "401", "404", "422", "429"],
        "getRun": ["200", "401", "404", "422", "429"],
        "triggerWorkspaceWorkflow": ["200", "401", "404", "413", "422", "429", "503"],
    },
    parameters={
        "getWorkspaceWorkflowRuns": [("workspace_id", "path", True), ("workflow_id", "path", True)],
        "getRun": [("workflow_id", "path", True), ("run_id", "path", True)],
        "triggerWorkspaceWorkflow": [("workspace_id", "path", True), ("workflow_id", "path", True)],
    },
    required={"WorkflowRunResponse": RUN_REQUIRED, "WorkflowNodeRunResponse": NODE_RUN_REQUIRED},
    error_schemas={"401": "HTTPError", "404": "HTTPError", "422": "HTTPValidationError", "429": "HTTPError"},
    headers=[
        pytest.param("401", "WWW-Authenticate", {"type": "string", "enum": ["Bearer"]}, id="401-www-authenticate"),
        pytest.param("429", "Retry-After", {"type": "integer", "minimum": 0}, id="429-retry-after"),
    ],
    pages_accepted=[
        pytest.param(VALID_BODY, id="vendor-shaped-list"),
        pytest.param([], id="empty-list"),
        *[pytest.param(page((1, "status"), status), id=f"run-status-{status}") for status in KNOWN_RUN_STATUSES],
        *[
            pytest.param(page((1, "node_runs", 0, "status"), status), id=f"node-run-status-{status}")
            for status in KNOWN_NODE_RUN_STATUSES
        ],
        # The vendor does not enumerate statuses, so the spec must not reject a value it has not listed.
        pytest.param(page((1, "status"), "queued"), id="run-status-queued-outside-the-known-list"),
        pytest.param(page((1, "node_runs", 0, "status"), "retrying"), id="node-run-status-retrying-outside-the-list"),
        *[pytest.param(page((1, field), None), id=f"run-{field}-null") for field in RUN_NULLABLE],
        *[
            pytest.param(page((1, "node_runs", 0, field), None), id=f"node-run-{field}-null")
            for field in NODE_RUN_NULLABLE
        ],
        pytest.param(page((1, "trigger_payload"), {}), id="empty-trigger-payload"),
        pytest.param(page((1, "node_runs"), []), id="no-node-runs"),
        pytest.param(page((1, "total_cost_cents"), 0), id="zero-cost"),
        pytest.param(page((1, "created_at"), "2025-03-14T10:15:00.123456+02:00"), id="offset-timestamp"),
    ],
    pages_rejected=[
        *[pytest.param(page((1, field), DELETE), id=f"run-without-{field}") for field in RUN_REQUIRED],
        *[
            pytest.param(page((1, "node_runs", 0, field), DELETE), id=f"node-run-without-{field}")
            for field in NODE_RUN_REQUIRED
        ],
        # null where the vendor does not allow it
        pytest.param(page((1, "status"), None), id="run-status-null"),
        pytest.param(page((1, "created_at"), None), id="run-created_at-null"),
        pytest.param(page((1, "id"), None), id="run-id-null"),
        pytest.param(page((1, "trigger_payload"), None), id="trigger_payload-null"),
        pytest.param(page((1, "total_cost_cents"), None), id="total_cost_cents-null"),
        pytest.param(page((1, "node_runs"), None), id="node_runs-null"),
        pytest.param(page((1, "node_runs", 0, "workflow_run_id"), None), id="node-run-workflow_run_id-null"),
        pytest.param(page((1, "node_runs", 0, "status"), None), id="node-run-status-null"),
        # wrong types
        pytest.param(page((1, "status"), 3), id="run-status-integer"),
        pytest.param(page((1, "triggered_by"), 42), id="triggered_by-integer"),
        pytest.param(page((1, "error_message"), ["503"]), id="error_message-array"),
        pytest.param(page((1, "trigger_payload"), "ticket_id=SUP-4817"), id="trigger_payload-string"),
        pytest.param(page((1, "trigger_payload"), [{"ticket_id": "SUP-4817"}]), id="trigger_payload-array"),
        pytest.param(page((1, "total_cost_cents"), "37"), id="total_cost_cents-string"),
        pytest.param(page((1, "total_cost_cents"), 0.37), id="total_cost_cents-dollars-as-float"),
        pytest.param(page((1, "node_runs"), {"items": []}), id="node_runs-object"),
        pytest.param(page((1, "node_runs", 0, "input_data"), "SUP-4817"), id="node-run-input_data-string"),
        pytest.param(page((1, "node_runs", 0, "output_data"), ["billing"]), id="node-run-output_data-array"),
        # out of bounds
        pytest.param(page((1, "total_cost_cents"), -1), id="total_cost_cents-negative"),
        # malformed formats
        pytest.param(page((1, "id"), "run_DG1LE5bAlGAY"), id="run-id-not-a-uuid"),
        pytest.param(page((1, "workflow_id"), "5e0d1e17-e869-499d-a2c8"), id="workflow_id-truncated-uuid"),
        pytest.param(page((1, "node_runs", 0, "task_id"), "task-3672f74b"), id="node-run-task_id-not-a-uuid"),
        pytest.param(
            page((1, "node_runs", 0, "workflow_node_id"), "eb1d460c-8e19-41a4-acef-066f0771949g"),
            id="node-run-workflow_node_id-non-hex",
        ),
        pytest.param(page((1, "created_at"), "2025-03-14"), id="created_at-date-only"),
        pytest.param(page((1, "started_at"), "2025-03-14 08:15:01"), id="started_at-without-T-and-zone"),
        pytest.param(page((1, "completed_at"), "1741940202"), id="completed_at-epoch-seconds"),
        pytest.param(page((1, "node_runs", 0, "started_at"), "14/03/2025 08:15"), id="node-run-started_at-not-rfc3339"),
        # the wrong envelope
        pytest.param(FAILED_RUN, id="single-run-not-in-a-list"),
        pytest.param({"items": VALID_BODY, "total": 2}, id="object-wrapper-with-items"),
        pytest.param({"data": VALID_BODY}, id="cortex-style-data-wrapper"),
        pytest.param(
            {
                "code": 200,
                "message": "success",
                "requestId": "req_8f14e45fceea167a",
                "data": {"hasMore": False, "items": VALID_BODY, "limit": 20, "offset": 0},
            },
            id="b3os-envelope",
        ),
        pytest.param([[FAILED_RUN]], id="nested-list"),
    ],
    errors_accepted=[
        pytest.param("401", {"detail": "Not authenticated"}, id="401-not-authenticated"),
        pytest.param("404", {"detail": "Workflow not found"}, id="404-workflow-not-found"),
        pytest.param("422", MALFORMED_UUID_ERROR, id="422-uuid-parsing"),
        pytest.param(
            "422",
            {"detail": [{"loc": ["query", "tags", 0], "msg": "Field required", "type": "missing"}]},
            id="422-loc-with-integer-index-without-input-or-ctx",
        ),
        pytest.param("429", {"detail": "Rate limit exceeded: 300 per 1 minute"}, id="429-rate-limited"),
    ],
    errors_rejected=[
        pytest.param("404", B3OS_ERROR_ENVELOPE, id="404-b3os-envelope"),
        pytest.param("404", CORTEX_ERROR, id="404-cortex-status-message"),
        pytest.param("404", {"message": "Workflow not found"}, id="404-message-instead-of-detail"),
        pytest.param("404", {"detail": None}, id="404-detail-null"),
        pytest.param("401", {**B3OS_ERROR_ENVELOPE, "code": 401, "message": "unauthorized"}, id="401-b3os-envelope"),
        pytest.param("401", {"status": 401, "message": "Unauthorized"}, id="401-cortex-shape"),
        pytest.param("429", {"error": "Too Many Requests"}, id="429-error-key"),
        pytest.param("422", {"detail": "Invalid UUID"}, id="422-detail-as-string"),
        pytest.param(
            "422",
            {**CORTEX_ERROR, "status": 400, "errors": [{"code": "invalid_string", "message": "Invalid uuid"}]},
            id="422-cortex-shape",
        ),
        pytest.param("422", changed(MALFORMED_UUID_ERROR, ("detail", 0, "loc"), DELETE), id="422-without-loc"),
        pytest.param("422", changed(MALFORMED_UUID_ERROR, ("detail", 0, "msg"), DELETE), id="422-without-msg"),
        pytest.param("422", changed(MALFORMED_UUID_ERROR, ("detail", 0, "type"), DELETE), id="422-without-type"),
        pytest.param(
            "422", changed(MALFORMED_UUID_ERROR, ("detail", 0, "loc"), "path.workspace_id"), id="422-loc-string"
        ),
        pytest.param("422", changed(MALFORMED_UUID_ERROR, ("detail", 0, "loc", 1), 1.5), id="422-loc-float-entry"),
        pytest.param("422", changed(MALFORMED_UUID_ERROR, ("detail", 0, "ctx"), "uuid"), id="422-ctx-string"),
    ],
    parameters_accepted=uuid_parameter_cases(
        {
            "uuid4": WORKSPACE_ID,
            "vendor-reference-uuid": "3c90c3cc-0d44-4b50-8888-8dd25736052a",
            "upper-case-uuid": "3C90C3CC-0D44-4B50-8888-8DD25736052A",
        }
    ),
    parameters_rejected=uuid_parameter_cases(
        {
            "word": "not-a-uuid",
            "empty": "",
            "one-digit-short": "3c90c3cc-0d44-4b50-8888-8dd25736052",
            "non-hex-digit": "3c90c3cc-0d44-4b50-8888-8dd25736052z",
            "b3os-style-id": "wf_3kT9pQ2vX7mN",
            "numeric-id": "42",
        }
    ),
    run_schema="WorkflowRunResponse",
    answering_a_run=["getRun", "triggerWorkspaceWorkflow"],
    request_bodies={"getRun": None, "triggerWorkspaceWorkflow": True},
    bodies_accepted=[
        pytest.param(
            "triggerWorkspaceWorkflow",
            {"trigger_payload": {"ticket_id": "SUP-4830", "nested": {"a": [1, 2]}}},
            id="trigger-payload",
        ),
        pytest.param("triggerWorkspaceWorkflow", {"trigger_payload": {}}, id="trigger-empty-payload"),
        pytest.param("triggerWorkspaceWorkflow", {}, id="trigger-no-payload"),
    ],
    # What FastAPI would answer 422.
    bodies_rejected=[
        pytest.param("triggerWorkspaceWorkflow", {"trigger_payload": "SUP-4830"}, id="trigger-payload-string"),
        pytest.param("triggerWorkspaceWorkflow", {"trigger_payload": None}, id="trigger-payload-null"),
        pytest.param("triggerWorkspaceWorkflow", {"trigger_payload": [1]}, id="trigger-payload-array"),
        pytest.param("triggerWorkspaceWorkflow", {"payload": {}}, id="trigger-unknown-field"),
        pytest.param("triggerWorkspaceWorkflow", [{"trigger_payload": {}}], id="trigger-array-body"),
    ],
    answers_accepted=[
        pytest.param("getRun", "404", {"detail": "Run not found"}, id="get-run-404-detail"),
        pytest.param("triggerWorkspaceWorkflow", "413", {"detail": "Request body too large"}, id="trigger-413-detail"),
    ],
    answers_rejected=[
        pytest.param("getRun", "404", {"message": "Run not found"}, id="get-run-404-message"),
        pytest.param("triggerWorkspaceWorkflow", "413", {"detail": [{"msg": "too large"}]}, id="trigger-413-list"),
    ],
    links={
        "getWorkspaceWorkflowRuns": {
            "GetRun": ("getRun", {"workflow_id": "$request.path.workflow_id", "run_id": "$response.body#/0/id"})
        },
        "getRun": None,
        "triggerWorkspaceWorkflow": {
            "GetRun": ("getRun", {"workflow_id": "$response.body#/workflow_id", "run_id": "$response.body#/id"})
        },
    },
    newest_first=lambda run: (moment(run["created_at"]), run["id"]),
)
