"""b3os' spec cases: its envelope, bodies from the vendor's reference page, near misses of them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.spec_cases.table import DELETE, Link, SpecTable, changed
from tests.spec_support import Document, moment

WORKFLOW_ID = "wf_3kT9pQ2vX7mN"
RUN_STATUSES = ["running", "waiting", "success", "failure", "cancelled"]
RUN_REQUIRED = [
    "id",
    "workflowId",
    "workflowVersion",
    "status",
    "startedAt",
    "finishedAt",
    "triggerSource",
    "triggeredBy",
    "isSimulation",
    "isDustTest",
    "totalCu",
    "sourceRunId",
]
RUN_NULLABLE = ["finishedAt", "triggeredBy", "sourceRunId"]
ENVELOPE_REQUIRED = ["code", "message", "requestId", "data"]
PAGE_REQUIRED = ["hasMore", "items", "limit", "offset"]
ERROR_STATUSES = ["400", "401", "403", "404", "429"]

# A retry that succeeded, as the vendor's reference shapes a run: every field, realistic values.
RETRY_RUN: Document = {
    "finishedAt": "2025-03-14T08:47:58Z",
    "id": "run_yGCcFNg3U3RF",
    "isDustTest": False,
    "isSimulation": False,
    "sourceRunId": "run_dhPePB0rZtCV",
    "startedAt": "2025-03-14T08:47:12Z",
    "status": "success",
    "totalCu": 12.4,
    "triggerSource": "manual",
    "triggeredBy": "usr_4pZZYcuvfqAu",
    "workflowId": WORKFLOW_ID,
    "workflowVersion": 7,
}

# A run still executing, started by a schedule: no end, no user, no source run.
RUNNING_RUN: Document = {
    "finishedAt": None,
    "id": "run_DG1LE5bAlGAY",
    "isDustTest": False,
    "isSimulation": False,
    "sourceRunId": None,
    "startedAt": "2025-03-14T09:26:53Z",
    "status": "running",
    "totalCu": 3.2,
    "triggerSource": "schedule",
    "triggeredBy": None,
    "workflowId": WORKFLOW_ID,
    "workflowVersion": 7,
}

VALID_BODY: Document = {
    "code": 200,
    "data": {"hasMore": True, "items": [RUNNING_RUN, RETRY_RUN], "limit": 2, "offset": 0},
    "message": "success",
    "requestId": "req_8f14e45fceea167a",
}

NOT_FOUND: Document = {
    "code": 404,
    "message": "workflow not found",
    "requestId": "req_0c127654cf9f7415",
    "data": None,
}

RUN = ("data", "items", 1)
"""Where the retry run sits in VALID_BODY."""
EVERY_OPERATION = ("GetRun", "CancelRun", "RetryRun")
"""The links of an answer that creates or lists a run: to every operation on one run."""

# The run one run's operations answer: the list's run and the fields only one run's answer has.
DETAIL_FIELDS: Document = {
    "organizationId": "org_5Hq2LwX8cN3v",
    "propValues": {"slippageBps": 50},
    "simulationForks": [],
    "executionState": {
        "root": {"status": "success", "startedAt": "2025-03-14T08:47:12Z", "finishedAt": "2025-03-14T08:47:13Z"},
        "swap": {"status": "success", "startedAt": "2025-03-14T08:47:13Z", "finishedAt": "2025-03-14T08:47:58Z"},
    },
    "workflowDefinition": {"nodes": {"root": {"type": "manual", "children": ["swap"]}, "swap": {"type": "swap"}}},
}
RUN_BODY: Document = {
    "code": 200,
    "message": "success",
    "requestId": "req_a87ff679a2f3e71d",
    "data": {**RETRY_RUN, **DETAIL_FIELDS},
}
MANUAL_ROOT = {"definition": {"nodes": {"root": {"type": "manual"}}}}


def page(path: tuple[str | int, ...], value: object) -> Any:
    """The valid envelope with one member set (or removed)."""
    return changed(VALID_BODY, path, value)


def detail(path: tuple[str | int, ...], value: object) -> Any:
    """The valid run detail with one member of its run set (or removed)."""
    return changed(RUN_BODY, ("data", *path), value)


def envelope(code: int, message: str = "no") -> Document:
    """An error envelope with `code`."""
    return {"code": code, "message": message, "requestId": "req_1", "data": None}


def by_run_id(expression: str, *names: str) -> dict[str, Link]:
    """The links of an answer holding a run to the operations named, the run's id found at `expression`."""
    targets = {"GetRun": "getRun", "CancelRun": "cancelRun", "RetryRun": "retryRun"}
    return {name: (targets[name], {"id": expression}) for name in names}


TABLE = SpecTable(
    dialect="b3os",
    list_operation=("listWorkflowRuns", "/v1/workflows/{id}/runs"),
    operations={
        "listWorkflowRuns": ("get", "/v1/workflows/{id}/runs"),
        "getRun": ("get", "/v1/runs/{id}"),
        "runWorkflow": ("post", "/v1/workflows/{id}/run"),
        "cancelRun": ("post", "/v1/runs/{id}/cancel"),
        "retryRun": ("post", "/v1/runs/{id}/retry"),
        "createEphemeralRun": ("post", "/v1/runs"),
    },
    statuses={
        "listWorkflowRuns": ["200", *ERROR_STATUSES],
        "getRun": ["200", "400", "401", "403", "404", "429"],
        "runWorkflow": ["200", "400", "401", "403", "404", "413", "429", "503"],
        "cancelRun": ["200", "400", "401", "403", "404", "409", "429", "503"],
        "retryRun": ["200", "400", "401", "403", "404", "409", "429", "503"],
        "createEphemeralRun": ["200", "400", "401", "402", "403", "413", "429", "503"],
    },
    parameters={
        "listWorkflowRuns": [
            ("id", "path", True),
            ("limit", "query", False),
            ("offset", "query", False),
            ("status", "query", False),
        ],
        "getRun": [("id", "path", True), ("summary", "query", False), ("nodeIds", "query", False)],
        "runWorkflow": [("id", "path", True)],
        "cancelRun": [("id", "path", True)],
        "retryRun": [("id", "path", True)],
        "createEphemeralRun": [],
    },
    required={"WorkflowRun": RUN_REQUIRED},
    enums={"WorkflowRunStatus": RUN_STATUSES},
    defaults={"limit": 20, "offset": 0},
    error_schemas=dict.fromkeys(ERROR_STATUSES, "ErrorEnvelope"),
    headers=[pytest.param("429", "Retry-After", {"type": "integer", "minimum": 0}, id="429-retry-after")],
    pages_accepted=[
        pytest.param(VALID_BODY, id="vendor-shaped-envelope"),
        pytest.param(page(("code",), 0), id="success-code-0"),
        pytest.param(page(("code",), 200), id="success-code-200"),
        pytest.param(page(("data",), {"hasMore": False, "items": [], "limit": 20, "offset": 40}), id="empty-page"),
        pytest.param(page(("data", "limit"), 100), id="largest-limit"),
        pytest.param(page(("data", "limit"), 1), id="smallest-limit"),
        *[pytest.param(page((*RUN, "status"), status), id=f"status-{status}") for status in RUN_STATUSES],
        *[pytest.param(page((*RUN, field), None), id=f"{field}-null") for field in RUN_NULLABLE],
        *[
            pytest.param(page((*RUN, "triggerSource"), source), id=f"triggerSource-{source}")
            for source in ["manual", "schedule", "cronjob", "webhook", "api"]
        ],
        pytest.param(page((*RUN, "totalCu"), 0), id="totalCu-zero"),
        pytest.param(page((*RUN, "totalCu"), 12), id="totalCu-whole-number"),
        pytest.param(page((*RUN, "isSimulation"), True), id="simulation"),
        pytest.param(page((*RUN, "isDustTest"), True), id="dust-test"),
        pytest.param(page((*RUN, "workflowVersion"), 1), id="first-workflow-version"),
        pytest.param(page((*RUN, "startedAt"), "2025-03-14T09:47:12.482+01:00"), id="offset-timestamp"),
    ],
    pages_rejected=[
        *[pytest.param(page((field,), DELETE), id=f"envelope-without-{field}") for field in ENVELOPE_REQUIRED],
        *[pytest.param(page(("data", field), DELETE), id=f"page-without-{field}") for field in PAGE_REQUIRED],
        *[pytest.param(page((*RUN, field), DELETE), id=f"run-without-{field}") for field in RUN_REQUIRED],
        # a run status not spelled as the vendor does
        pytest.param(page((*RUN, "status"), "CANCELLED"), id="status-cortex-upper-case-CANCELLED"),
        pytest.param(page((*RUN, "status"), "canceled"), id="status-one-l-canceled"),
        pytest.param(page((*RUN, "status"), "CANCELED"), id="status-invent-CANCELED"),
        pytest.param(page((*RUN, "status"), "Success"), id="status-capitalised-Success"),
        pytest.param(page((*RUN, "status"), "succeeded"), id="status-succeeded"),
        pytest.param(page((*RUN, "status"), "completed"), id="status-aitasker-completed"),
        pytest.param(page((*RUN, "status"), "failed"), id="status-failed-instead-of-failure"),
        pytest.param(page((*RUN, "status"), "pending"), id="status-pending-node-status"),
        pytest.param(page((*RUN, "status"), "skipped"), id="status-skipped-node-status"),
        pytest.param(page((*RUN, "status"), "ALL"), id="status-ALL-filter-value"),
        pytest.param(page((*RUN, "status"), ""), id="status-empty"),
        # null where the vendor does not allow it
        pytest.param(page((*RUN, "id"), None), id="id-null"),
        pytest.param(page((*RUN, "workflowId"), None), id="workflowId-null"),
        pytest.param(page((*RUN, "workflowVersion"), None), id="workflowVersion-null"),
        pytest.param(page((*RUN, "status"), None), id="status-null"),
        pytest.param(page((*RUN, "startedAt"), None), id="startedAt-null"),
        pytest.param(page((*RUN, "triggerSource"), None), id="triggerSource-null"),
        pytest.param(page((*RUN, "isSimulation"), None), id="isSimulation-null"),
        pytest.param(page((*RUN, "isDustTest"), None), id="isDustTest-null"),
        pytest.param(page((*RUN, "totalCu"), None), id="totalCu-null"),
        pytest.param(page(("data",), None), id="data-null-on-success"),
        pytest.param(page(("data", "items"), None), id="items-null"),
        pytest.param(page(("data", "hasMore"), None), id="hasMore-null"),
        # wrong types
        pytest.param(page((*RUN, "totalCu"), "12.4"), id="totalCu-string"),
        pytest.param(page((*RUN, "workflowVersion"), 7.5), id="workflowVersion-fractional"),
        pytest.param(page((*RUN, "workflowVersion"), "7"), id="workflowVersion-string"),
        pytest.param(page((*RUN, "isDustTest"), "false"), id="isDustTest-string"),
        pytest.param(page((*RUN, "isSimulation"), 0), id="isSimulation-integer"),
        pytest.param(page((*RUN, "id"), 1842), id="id-integer"),
        pytest.param(page((*RUN, "triggeredBy"), {"id": "usr_4pZZYcuvfqAu"}), id="triggeredBy-object"),
        pytest.param(page((*RUN, "sourceRunId"), ["run_dhPePB0rZtCV"]), id="sourceRunId-array"),
        pytest.param(page(("data", "hasMore"), "true"), id="hasMore-string"),
        pytest.param(page(("data", "limit"), "20"), id="limit-string"),
        pytest.param(page(("code",), "200"), id="code-string"),
        pytest.param(page(("requestId",), 8814), id="requestId-integer"),
        # out of bounds / outside the enum
        pytest.param(page(("code",), 201), id="code-201"),
        pytest.param(page(("code",), 404), id="error-code-on-success"),
        pytest.param(page((*RUN, "totalCu"), -0.5), id="totalCu-negative"),
        pytest.param(page((*RUN, "workflowVersion"), 0), id="workflowVersion-0"),
        pytest.param(page(("data", "limit"), 0), id="limit-0"),
        pytest.param(page(("data", "limit"), 101), id="limit-101"),
        pytest.param(page(("data", "offset"), -1), id="offset-negative"),
        # malformed timestamps
        pytest.param(page((*RUN, "startedAt"), "2025-03-14"), id="startedAt-date-only"),
        pytest.param(page((*RUN, "startedAt"), "2025-03-14 08:47:12"), id="startedAt-without-T-and-zone"),
        pytest.param(page((*RUN, "finishedAt"), "1741942078"), id="finishedAt-epoch-seconds"),
        pytest.param(page((*RUN, "finishedAt"), ""), id="finishedAt-empty-string-for-not-finished"),
        # the wrong envelope
        pytest.param([RUNNING_RUN, RETRY_RUN], id="bare-array-of-runs"),
        pytest.param(page(("data",), [RUNNING_RUN, RETRY_RUN]), id="data-is-a-bare-array"),
        pytest.param(page(("data", "items"), RETRY_RUN), id="items-is-a-single-run"),
        pytest.param(RETRY_RUN, id="a-single-run-without-envelope"),
    ],
    errors_accepted=[
        pytest.param(
            "400",
            {**NOT_FOUND, "code": 400, "message": "invalid parameter limit: must be between 1 and 100"},
            id="400-bad-limit",
        ),
        pytest.param("401", {**NOT_FOUND, "code": 401, "message": "unauthorized"}, id="401-unauthorized"),
        pytest.param("403", {**NOT_FOUND, "code": 403, "message": "forbidden"}, id="403-forbidden"),
        pytest.param("404", NOT_FOUND, id="404-not-found"),
        pytest.param("429", {**NOT_FOUND, "code": 429, "message": "rate limit exceeded"}, id="429-rate-limited"),
        pytest.param("404", changed(NOT_FOUND, ("data",), DELETE), id="404-without-data"),
    ],
    errors_rejected=[
        pytest.param(status, body, id=f"{status}-{name}")
        for status in ERROR_STATUSES
        for name, body in {
            "aitasker-fastapi-detail": {"detail": "Not Found"},
            "cortex-status-message": {"status": 404, "message": "Not Found"},
            "bare-error-key": {"error": "workflow not found"},
            "envelope-without-requestId": changed(NOT_FOUND, ("requestId",), DELETE),
            "envelope-without-message": changed(NOT_FOUND, ("message",), DELETE),
            "envelope-without-code": changed(NOT_FOUND, ("code",), DELETE),
            "success-code-0-on-an-error": changed(NOT_FOUND, ("code",), 0),
            "code-string": changed(NOT_FOUND, ("code",), "404"),
            "data-not-null": changed(NOT_FOUND, ("data",), {"field": "limit"}),
        }.items()
    ],
    parameters_accepted=[
        pytest.param("id", WORKFLOW_ID, id="id-opaque-workflow-id"),
        pytest.param("limit", 1, id="limit-1"),
        pytest.param("limit", 20, id="limit-20"),
        pytest.param("limit", 100, id="limit-100"),
        pytest.param("offset", 0, id="offset-0"),
        pytest.param("offset", 4000, id="offset-4000"),
        *[pytest.param("status", status, id=f"status-{status}") for status in RUN_STATUSES],
    ],
    parameters_rejected=[
        pytest.param("limit", 0, id="limit-0"),
        pytest.param("limit", 101, id="limit-101-above-max"),
        pytest.param("limit", -20, id="limit-negative"),
        pytest.param("limit", 20.5, id="limit-fractional"),
        pytest.param("offset", -1, id="offset-negative"),
        pytest.param("offset", 2**63, id="offset-beyond-a-64-bit-integer"),
        pytest.param("offset", 2.5, id="offset-fractional"),
        pytest.param("status", "CANCELLED", id="status-cortex-CANCELLED"),
        pytest.param("status", "canceled", id="status-one-l-canceled"),
        pytest.param("status", "ALL", id="status-ALL"),
        pytest.param("status", "pending", id="status-pending"),
        pytest.param("status", "failed", id="status-failed"),
        pytest.param("status", "", id="status-empty"),
    ],
    request_bodies={
        "getRun": None,
        "runWorkflow": False,
        "cancelRun": None,
        "retryRun": None,
        "createEphemeralRun": True,
    },
    bodies_accepted=[
        pytest.param("runWorkflow", {}, id="run-option-2-empty"),
        pytest.param(
            "runWorkflow", {"payload": {"amount": 250}, "runId": "run_3QxK9mWp2ZbT", "version": 7}, id="run-payload"
        ),
        pytest.param("runWorkflow", {"simulate": True, "dustTest": False}, id="run-simulation"),
        pytest.param("runWorkflow", {"dustTest": True}, id="run-dust-test"),
        pytest.param("runWorkflow", {"chatMessageId": "msg_1"}, id="run-chat-message"),
        # What a client generator and a fuzzer read: only a manual root is a valid ephemeral definition.
        pytest.param("createEphemeralRun", MANUAL_ROOT, id="ephemeral-manual-root"),
    ],
    bodies_rejected=[
        pytest.param("runWorkflow", {"dustTest": True, "simulate": True}, id="run-dust-test-and-simulate"),
        pytest.param("runWorkflow", {"runId": "3QxK9mWp2ZbT"}, id="run-run-id-without-prefix"),
        pytest.param("runWorkflow", {"runId": "run_"}, id="run-run-id-only-prefix"),
        pytest.param("runWorkflow", {"runId": "run_a/b"}, id="run-run-id-with-slash"),
        pytest.param("runWorkflow", {"version": 0}, id="run-version-0"),
        pytest.param("runWorkflow", {"version": "7"}, id="run-version-string"),
        pytest.param("runWorkflow", {"payload": "amount=250"}, id="run-payload-string"),
        pytest.param("runWorkflow", {"simulate": "true"}, id="run-simulate-string"),
        pytest.param("runWorkflow", {"dryRun": True}, id="run-unknown-field"),
        pytest.param("createEphemeralRun", {"payload": {}}, id="ephemeral-without-definition"),
        pytest.param("createEphemeralRun", {"definition": {}}, id="ephemeral-definition-without-nodes"),
        pytest.param(
            "createEphemeralRun",
            {"definition": {"nodes": {"notify": {"type": "telegram_message"}}}},
            id="ephemeral-no-root",
        ),
        pytest.param(
            "createEphemeralRun",
            {"definition": {"nodes": {"root": {"type": "cronjob"}}}},
            id="ephemeral-another-trigger",
        ),
        pytest.param(
            "createEphemeralRun",
            {"definition": {"nodes": {"root": {"children": []}}}},
            id="ephemeral-root-without-type",
        ),
    ],
    answers_accepted=[
        pytest.param("getRun", "200", RUN_BODY, id="get-run-with-its-detail-fields"),
        *[
            pytest.param("getRun", "200", detail((omitted,), DELETE), id=f"get-run-summary-without-{omitted}")
            for omitted in ["executionState", "workflowDefinition"]
        ],
        # the vendor's detailed 400 codes
        pytest.param("runWorkflow", "400", envelope(400078, "bad request"), id="run-400-invalid-run-id"),
        pytest.param("runWorkflow", "400", envelope(400079, "bad request"), id="run-400-duplicate-run-id"),
        pytest.param(
            "createEphemeralRun", "400", envelope(400228, "bad request"), id="ephemeral-400-invalid-definition"
        ),
        pytest.param(
            "createEphemeralRun", "400", envelope(400229, "bad request"), id="ephemeral-400-non-manual-trigger"
        ),
        pytest.param("createEphemeralRun", "400", envelope(400, "bad request"), id="ephemeral-400-plain"),
        # write errors are envelopes with the HTTP status
        pytest.param("cancelRun", "409", envelope(409), id="cancel-409-conflict"),
        pytest.param("retryRun", "409", envelope(409), id="retry-409-conflict"),
        pytest.param("createEphemeralRun", "402", envelope(402), id="ephemeral-402-insufficient-cu"),
        pytest.param("runWorkflow", "413", envelope(413), id="run-413-too-large"),
    ],
    answers_rejected=[
        # a run detail missing or misspelling a field
        pytest.param("getRun", "200", detail(("organizationId",), DELETE), id="get-run-no-organization"),
        pytest.param("getRun", "200", detail(("simulationForks",), DELETE), id="get-run-no-simulation-forks"),
        pytest.param("getRun", "200", detail(("status",), "partial"), id="get-run-later-revisions-partial"),
        pytest.param("getRun", "200", detail(("sourceRunId",), DELETE), id="get-run-list-field-missing"),
        pytest.param("getRun", "200", detail(("executionState", "swap", "status"), "done"), id="get-run-node-status"),
        pytest.param("getRun", "200", detail(("workflowDefinition", "nodes"), {}), id="get-run-no-nodes"),
        pytest.param(
            "getRun", "200", detail(("workflowDefinition", "nodes", "swap"), {"children": []}), id="get-run-untyped"
        ),
        pytest.param("getRun", "200", detail(("simulationForks",), [{"chainId": 1}]), id="get-run-partial-fork"),
        pytest.param("runWorkflow", "400", envelope(400999, "bad request"), id="run-400-unknown-code"),
        pytest.param("createEphemeralRun", "400", envelope(400999, "bad request"), id="ephemeral-400-unknown-code"),
        pytest.param("cancelRun", "409", {"error": "no"}, id="cancel-409-not-an-envelope"),
        pytest.param("retryRun", "409", {"error": "no"}, id="retry-409-not-an-envelope"),
        pytest.param("createEphemeralRun", "402", {"error": "no"}, id="ephemeral-402-not-an-envelope"),
        pytest.param("runWorkflow", "413", {"error": "no"}, id="run-413-not-an-envelope"),
    ],
    links={
        "listWorkflowRuns": by_run_id("$response.body#/data/items/0/id", *EVERY_OPERATION),
        "getRun": by_run_id("$response.body#/data/id", "CancelRun", "RetryRun"),
        "runWorkflow": by_run_id("$response.body#/data/runId", *EVERY_OPERATION),
        "cancelRun": by_run_id("$response.body#/data/id", "GetRun", "RetryRun"),
        "retryRun": {
            **by_run_id("$response.body#/data/id", "GetRun", "CancelRun"),
            "GetSourceRun": ("getRun", {"id": "$response.body#/data/sourceRunId"}),
        },
        "createEphemeralRun": by_run_id("$response.body#/data/runId", *EVERY_OPERATION),
    },
    example_runs=lambda example: list(example["data"]["items"]),
    newest_first=lambda run: (moment(run["startedAt"]), run["id"]),
)
