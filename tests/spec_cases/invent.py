"""invent's spec cases: bodies from the vendor's reference page, near misses of them."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.spec_cases import paging
from tests.spec_cases.table import DELETE, Path, SpecTable, changed
from tests.spec_support import Document, moment

RUN_REQUIRED = [
    "id",
    "status",
    "origin",
    "started_at",
    "ended_at",
    "org_id",
    "workflow_org_id",
    "workflow_id",
    "workflow_version_draft",
    "workflow_version",
    "created_at",
    "updated_at",
]
RUN_STATUSES = ["PENDING", "RUNNING", "CANCELED", "COMPLETED", "SKIPPED", "FAILED"]
RUN_ORIGINS = ["WORKFLOW", "TRIGGER", "WEBHOOK"]
ERROR_STATUSES = ["400", "401", "404", "429"]
LIST_PATH = "/orgs/{org_id}/workflows/runs"

TRIAGE_STEPS: list[Document] = [
    {
        "type": "note",
        "key": "about",
        "input": {"note": "Classifies incoming tickets and routes urgent ones to on-call."},
        "display": "expanded",
        "position": [40, 40],
        "size": [320, 120],
    },
    {
        "type": "ai",
        "key": "classify",
        "input": {"prompt": "Classify each ticket as urgent, normal or spam."},
        "display": "expanded",
        "loop": "trigger.body.tickets",
        "throw_on_error": True,
        "start_connected": True,
        "destinations": ["route"],
        "position": [40, 220],
        "definitions": [{"path": "prompt", "definition": {"type": "string"}}],
        "size": [320, 180.5],
        "auto": {"model": "gpt-4o-mini", "temperature": 0.2},
    },
    {
        "type": "http",
        "key": "route",
        "input": {"method": "POST", "url": "https://hooks.slack.com/services/T0001/B0002/Xk9LpQ"},
        "throw_on_error": False,
        "start_connected": False,
        "destinations": [],
        "position": [40, 460],
        "size": [320, 140],
    },
]

COMPLETED_RUN: Document = {
    "id": "run_6bG9lM4uQy",
    "status": "COMPLETED",
    "origin": "WORKFLOW",
    "started_at": "2024-05-14T09:12:03Z",
    "ended_at": "2024-05-14T09:12:11.482Z",
    "org_id": "org_5Zr8mK2wQp",
    "workflow_org_id": "org_5Zr8mK2wQp",
    "workflow_id": "wf_7Hc2pLx9Dn",
    "workflow_version_draft": {"steps": TRIAGE_STEPS},
    "workflow_version": {
        "id": "ver_4Lp9sW2hYc",
        "workflow_id": "wf_7Hc2pLx9Dn",
        "description": "Ticket triage",
        "version": 7,
        "notes": "Lower the classifier temperature to 0.2.",
        "created_at": "2024-05-02T15:41:27Z",
        "steps": copy.deepcopy(TRIAGE_STEPS),
        "rollback_version": None,
        "created_by": {
            "id": "usr_2Bx7nK4qLm",
            "name": "Maya Lindqvist",
            "avatar": "https://cdn.useinvent.com/avatars/usr_2Bx7nK4qLm.png",
        },
    },
    "created_at": "2024-05-14T09:12:02Z",
    "updated_at": "2024-05-14T09:12:11.482Z",
    "result": {"label": "urgent", "routed": True},
    "outputs": {"classify": {"label": "urgent"}, "route": {"status": 200}},
    "version": 7,
    "usage": {
        "total": 0.45,
        "ai_total": 0.4,
        "steps": {"classify": 0.4, "route": 0.05},
        "calls": [
            {
                "id": "call_8Tn3wQ5rVz",
                "total": 0.4,
                "ai_total": 0.4,
                "calls": [{"id": "call_8Tn3wQ5rW0", "total": 0.4, "ai_total": 0.4, "calls": []}],
            },
            {"id": "call_8Tn3wQ5rW1", "total": 0.05, "ai_total": 0},
        ],
    },
}

FAILED_RUN: Document = {
    **copy.deepcopy(COMPLETED_RUN),
    "id": "run_5aF8kL3tPx",
    "status": "FAILED",
    "origin": "WEBHOOK",
    "started_at": "2024-05-14T08:47:19+02:00",
    "ended_at": "2024-05-14T08:47:24+02:00",
    "created_at": "2024-05-14T08:47:18+02:00",
    "updated_at": "2024-05-14T08:47:24+02:00",
    "result": None,
    "error": "Step route failed: POST https://hooks.slack.com/services/T0001/B0002/Xk9LpQ returned 404",
}

PENDING_RUN: Document = {
    "id": "run_8dJ1nP6wSa",
    "status": "PENDING",
    "origin": "TRIGGER",
    "started_at": None,
    "ended_at": None,
    "org_id": "org_5Zr8mK2wQp",
    "workflow_org_id": "org_1Vd6hJ3sNc",
    "workflow_id": "wf_3Qm8vRt1Ke",
    "workflow_version_draft": {"steps": []},
    "workflow_version": {
        "id": "ver_8Rb2kT6nWe",
        "workflow_id": "wf_3Qm8vRt1Ke",
        "description": None,
        "version": 3,
        "notes": None,
        "created_at": "2024-04-22T10:03:11Z",
        "steps": [{"type": "note", "key": "about"}],
        "rollback_version": 1,
    },
    "created_at": None,
    "updated_at": None,
}

VALID_PAGE: list[Document] = [COMPLETED_RUN, FAILED_RUN, PENDING_RUN]
RUN = 0
DRAFT_STEP: Path = (RUN, "workflow_version_draft", "steps", 1)
VERSION: Path = (RUN, "workflow_version")
USAGE: Path = (RUN, "usage")
# The valid page with an error on its completed run, so that the error's null has something to replace.
WITH_ERROR = changed(VALID_PAGE, (RUN, "error"), "boom")

VALID_ERROR: Document = {
    "status": 400,
    "message": "Invalid query parameters",
    "errors": [{"code": "invalid_enum_value", "message": "Invalid enum value", "path": ["status"]}],
}
# The bodies of another shape than the platform's error, each refused under every error status.
OTHER_ERROR_SHAPES: dict[str, Document] = {
    "aitasker-fastapi-detail": {"detail": "Not authenticated"},
    "aitasker-fastapi-validation-error": {
        "detail": [
            {"loc": ["query", "take"], "msg": "Input should be less than or equal to 100", "type": "less_than_equal"}
        ]
    },
    "b3os-envelope": {"code": 401, "message": "unauthorized", "requestId": "req_7f3a9c", "data": None},
    "status-is-a-string": {**VALID_ERROR, "status": "400"},
    "without-message": {"status": 400},
    "without-status": {"message": "Invalid query parameters"},
    "status-is-not-an-error-status": {**VALID_ERROR, "status": 200},
    "errors-is-a-string": {**VALID_ERROR, "errors": "status is invalid"},
    "issue-without-path": {
        **VALID_ERROR,
        "errors": [{"code": "invalid_enum_value", "message": "Invalid enum value"}],
    },
    "issue-path-is-a-string": {
        **VALID_ERROR,
        "errors": [{"code": "invalid_enum_value", "message": "Invalid", "path": "status"}],
    },
    "issue-without-code": {**VALID_ERROR, "errors": [{"message": "Invalid", "path": ["status"]}]},
}


def page(path: Path, value: object, body: list[Document] = VALID_PAGE) -> Any:
    """The valid page (or `body`) with one member set (or removed)."""
    return changed(body, path, value)


def in_cortex_shape(run: Document) -> Document:
    """`run` naming the app instead of the org, as cortex does."""
    cortex_run = {key: value for key, value in run.items() if key not in ("org_id", "workflow_org_id")}
    return cortex_run | {"app_id": "app_5Zr8mK2wQp", "workflow_app_id": "app_5Zr8mK2wQp"}


NOT_NULLABLE: dict[str, Path] = {
    "id": (RUN, "id"),
    "status": (RUN, "status"),
    "origin": (RUN, "origin"),
    "org_id": (RUN, "org_id"),
    "workflow_org_id": (RUN, "workflow_org_id"),
    "workflow_id": (RUN, "workflow_id"),
    "workflow_version_draft-nullable-only-in-cortex": (RUN, "workflow_version_draft"),
    "workflow_version-nullable-only-in-cortex": (RUN, "workflow_version"),
    "outputs": (RUN, "outputs"),
    "error": (RUN, "error"),
    "error-of-failed-run": (1, "error"),
    "version": (RUN, "version"),
    "usage": (RUN, "usage"),
    "usage-calls": (*USAGE, "calls"),
    "version-id": (*VERSION, "id"),
    "version-created_at": (*VERSION, "created_at"),
    "version-steps": (*VERSION, "steps"),
    "version-created_by": (*VERSION, "created_by"),
    "step-key": (*DRAFT_STEP, "key"),
    "step-position": (*DRAFT_STEP, "position"),
}

TABLE = SpecTable(
    dialect="invent",
    list_operation=("getOrgWorkflowRuns", LIST_PATH),
    # Invent documents no get or cancel of one run, so the spec has none.
    operations={
        "getOrgWorkflowRuns": ("get", LIST_PATH),
        "runWorkflow": ("post", "/orgs/{org_id}/workflows/{workflow_id}/runs"),
    },
    statuses={
        "getOrgWorkflowRuns": ["200", *ERROR_STATUSES],
        "runWorkflow": ["200", "400", "401", "404", "413", "429", "503"],
    },
    parameters={
        "getOrgWorkflowRuns": [
            ("org_id", "path", True),
            *[(name, "query", False) for name in ("expand", "origin", "status", "page", "take", "next")],
        ],
        "runWorkflow": [("org_id", "path", True), ("workflow_id", "path", True)],
    },
    required={"WorkflowRun": RUN_REQUIRED},
    enums={
        "WorkflowRunStatus": RUN_STATUSES,
        "WorkflowRunOrigin": RUN_ORIGINS,
        "WorkflowRunStatusFilter": ["ALL", *RUN_STATUSES],
        "WorkflowRunOriginFilter": ["ALL", *RUN_ORIGINS],
    },
    defaults={**paging.DEFAULTS, "expand": False, "origin": "ALL", "status": "ALL"},
    error_schemas=dict.fromkeys(ERROR_STATUSES, "Error"),
    headers=paging.HEADERS,
    pages_accepted=[
        pytest.param(VALID_PAGE, id="completed-failed-and-pending-runs"),
        pytest.param([], id="empty-page"),
        pytest.param(page((0, "outputs"), DELETE), id="run-without-outputs-as-without-expand"),
        pytest.param(page((0, "usage", "calls"), DELETE), id="usage-without-calls-as-without-expand"),
        pytest.param(page((0, "usage"), DELETE), id="run-without-usage"),
        pytest.param(page((0, "result"), "urgent"), id="result-is-a-string"),
        pytest.param(page((0, "result"), 3), id="result-is-a-number"),
        pytest.param(page((0, "result"), [1, "two"]), id="result-is-an-array"),
        pytest.param(page((0, "result"), DELETE), id="run-without-result"),
        pytest.param(page((0, "version"), 7.0), id="version-is-a-float-as-the-vendor-declares-number"),
        pytest.param(page((0, "workflow_version", "created_by", "avatar"), None), id="author-without-avatar"),
        pytest.param(page((0, "workflow_version", "created_by"), DELETE), id="version-without-author"),
        pytest.param(page((0, "workflow_version", "steps"), []), id="version-without-steps"),
        pytest.param(
            page((0, "workflow_version_draft", "steps", 0, "input"), {"note": "Hi", "colour": "yellow"}),
            id="step-input-is-free-form",
        ),
        pytest.param(page((0, "outputs", "classify"), None), id="step-output-is-any-value"),
        pytest.param(page((0, "workflow_version_draft", "steps", 0, "type"), "loop"), id="unpublished-step-type"),
        pytest.param(page((0, "extra_field"), "x"), id="run-with-an-unknown-field"),
        pytest.param(WITH_ERROR, id="completed-run-with-an-error"),
    ],
    pages_rejected=[
        *[pytest.param(page((RUN, field), DELETE), id=f"run-missing-{field}") for field in RUN_REQUIRED],
        # a nested object missing a required field
        pytest.param(page((RUN, "workflow_version_draft", "steps"), DELETE), id="missing-draft-steps"),
        pytest.param(page((*VERSION, "id"), DELETE), id="missing-version-id"),
        pytest.param(page((*VERSION, "workflow_id"), DELETE), id="missing-version-workflow_id"),
        pytest.param(page((*VERSION, "version"), DELETE), id="missing-version-version"),
        pytest.param(page((*VERSION, "created_at"), DELETE), id="missing-version-created_at"),
        pytest.param(page((*VERSION, "steps"), DELETE), id="missing-version-steps"),
        pytest.param(page((*VERSION, "created_by", "id"), DELETE), id="missing-author-id"),
        pytest.param(page((*VERSION, "created_by", "name"), DELETE), id="missing-author-name"),
        pytest.param(page((*DRAFT_STEP, "type"), DELETE), id="missing-step-type"),
        pytest.param(page((*DRAFT_STEP, "key"), DELETE), id="missing-step-key"),
        pytest.param(page((*DRAFT_STEP, "definitions", 0, "path"), DELETE), id="missing-step-definition-path"),
        pytest.param(page((*USAGE, "total"), DELETE), id="missing-usage-total"),
        pytest.param(page((*USAGE, "ai_total"), DELETE), id="missing-usage-ai_total"),
        pytest.param(page((*USAGE, "steps"), DELETE), id="missing-usage-steps"),
        pytest.param(page((*USAGE, "calls", 0, "id"), DELETE), id="missing-usage-call-id"),
        pytest.param(
            page((*USAGE, "calls", 0, "calls", 0, "ai_total"), DELETE), id="missing-nested-usage-call-ai_total"
        ),
        # a wrong enum value
        pytest.param(page((RUN, "status"), "CANCELLED"), id="status-cortex-double-l-cancelled"),
        pytest.param(page((RUN, "status"), "canceled"), id="status-lowercase"),
        pytest.param(page((RUN, "status"), "ALL"), id="status-filter-value-all"),
        pytest.param(page((RUN, "status"), "SUCCESS"), id="status-unknown"),
        pytest.param(page((RUN, "origin"), "ALL"), id="origin-filter-value-all"),
        pytest.param(page((RUN, "origin"), "RECORD"), id="origin-cortex-only-record"),
        pytest.param(page((RUN, "origin"), "webhook"), id="origin-lowercase"),
        # null where not nullable
        *[
            pytest.param(page(path, None, WITH_ERROR if path == (RUN, "error") else VALID_PAGE), id=f"null-{name}")
            for name, path in NOT_NULLABLE.items()
        ],
        # a wrong type
        pytest.param(page((RUN, "id"), 123), id="id-is-a-number"),
        pytest.param(page((RUN, "version"), "7"), id="version-is-a-string"),
        pytest.param(page((RUN, "error"), {"message": "boom"}), id="error-is-an-object"),
        pytest.param(page((RUN, "outputs"), [{"classify": "urgent"}]), id="outputs-is-an-array"),
        pytest.param(page((RUN, "workflow_version_draft", "steps"), {"about": {}}), id="steps-keyed-by-key"),
        pytest.param(page((*VERSION, "version"), "7"), id="workflow-version-is-a-string"),
        pytest.param(page((*VERSION, "rollback_version"), "v1"), id="rollback_version-is-a-string"),
        pytest.param(page((*VERSION, "created_by"), "usr_2Bx7nK4qLm"), id="created_by-is-an-id"),
        pytest.param(page((*DRAFT_STEP, "throw_on_error"), "true"), id="throw_on_error-is-a-string"),
        pytest.param(page((*DRAFT_STEP, "start_connected"), 1), id="start_connected-is-a-number"),
        pytest.param(page((*DRAFT_STEP, "destinations"), "route"), id="destinations-is-a-string"),
        pytest.param(page((*DRAFT_STEP, "position"), [123]), id="position-with-one-number-as-cortex-shows"),
        pytest.param(page((*DRAFT_STEP, "position"), [1, 2, 3]), id="position-with-three-numbers"),
        pytest.param(page((*DRAFT_STEP, "position"), {"x": 1, "y": 2}), id="position-as-an-object"),
        pytest.param(page((*DRAFT_STEP, "size"), [101]), id="size-with-one-number-as-cortex-shows"),
        pytest.param(page((*DRAFT_STEP, "size"), ["320", "180"]), id="size-of-strings"),
        pytest.param(page((*DRAFT_STEP, "input"), "classify it"), id="step-input-is-a-string"),
        pytest.param(page((*DRAFT_STEP, "definitions", 0, "definition"), "string"), id="definition-is-a-string"),
        pytest.param(page((*DRAFT_STEP, "auto", "temperature"), "0.2"), id="temperature-is-a-string"),
        pytest.param(page((*USAGE, "total"), "0.45"), id="usage-total-is-a-string"),
        pytest.param(page((*USAGE, "total"), -1), id="usage-total-is-negative"),
        pytest.param(page((*USAGE, "steps", "classify"), "0.4"), id="usage-step-is-a-string"),
        pytest.param(page((*USAGE, "calls", 0, "calls", 0, "total"), "0.4"), id="nested-usage-call-total-is-a-string"),
        pytest.param(page((*USAGE, "calls", 0, "calls"), [None]), id="nested-usage-calls-of-null"),
        # a malformed timestamp
        pytest.param(page((RUN, "started_at"), "2023-12-25"), id="started_at-date-only-as-cortex-shows"),
        pytest.param(page((RUN, "ended_at"), "2024-05-14T09:12:11"), id="ended_at-without-offset"),
        pytest.param(page((RUN, "created_at"), "yesterday"), id="created_at-not-a-timestamp"),
        pytest.param(page((RUN, "updated_at"), 1715677931), id="updated_at-epoch-seconds"),
        pytest.param(page((*VERSION, "created_at"), "2024-13-02T15:41:27Z"), id="version-created_at-month-13"),
        # the wrong envelope
        pytest.param({"data": VALID_PAGE}, id="data-wrapper"),
        pytest.param({"items": VALID_PAGE, "total": 3, "page": 1}, id="items-wrapper-with-counts"),
        pytest.param(
            {"code": 0, "message": "success", "requestId": "req_1", "data": {"items": VALID_PAGE}},
            id="b3os-envelope",
        ),
        pytest.param(VALID_PAGE[0], id="a-single-run-not-an-array"),
        pytest.param([in_cortex_shape(COMPLETED_RUN)], id="cortex-run-naming-the-app-instead-of-the-org"),
    ],
    errors_accepted=[
        pytest.param(
            "400",
            {
                "status": 400,
                "message": "Invalid query parameters",
                "errors": [
                    {"code": "too_small", "message": "Number must be greater than or equal to 1", "path": ["page"]}
                ],
            },
            id="400-with-a-zod-issue",
        ),
        pytest.param(
            "400",
            {
                "status": 400,
                "message": "Invalid query parameters",
                "errors": [{"validation": "regex", "code": "invalid_string", "message": "Invalid", "path": ["next"]}],
            },
            id="400-with-a-string-validation-issue",
        ),
        pytest.param("401", {"status": 401, "message": "Unauthorized"}, id="401-without-errors"),
        pytest.param("404", {"status": 404, "message": "Org not found"}, id="404"),
        pytest.param("429", {"status": 429, "message": "Too many requests"}, id="429"),
    ],
    errors_rejected=[
        pytest.param(status, body, id=f"{status}-{name}")
        for status in ERROR_STATUSES
        for name, body in OTHER_ERROR_SHAPES.items()
    ],
    parameters_accepted=[
        pytest.param("org_id", "c", id="org_id-c-for-the-keys-own-org"),
        pytest.param("org_id", "org_5Zr8mK2wQp", id="org_id-opaque-id"),
        pytest.param("expand", True, id="expand-true"),
        pytest.param("expand", False, id="expand-false"),
        *[pytest.param("origin", value, id=f"origin-{value}") for value in ("ALL", *RUN_ORIGINS)],
        *[pytest.param("status", value, id=f"status-{value}") for value in ("ALL", *RUN_STATUSES)],
        *paging.ACCEPTED,
    ],
    parameters_rejected=[
        pytest.param("org_id", "", id="org_id-empty"),
        pytest.param("next", "eyJpZCI6InJ1bl85ZksybVE3eFRiIn0", id="next-token-this-endpoint-does-not-page-by-token"),
        pytest.param("expand", "yes", id="expand-not-a-boolean"),
        pytest.param("origin", "RECORD", id="origin-cortex-only-record"),
        pytest.param("origin", "ENDPOINT", id="origin-cortex-only-endpoint"),
        pytest.param("origin", "webhook", id="origin-lowercase"),
        pytest.param("status", "CANCELLED", id="status-cortex-double-l-cancelled"),
        pytest.param("status", "cancelled", id="status-b3os-lowercase-cancelled"),
        pytest.param("status", "running", id="status-lowercase"),
        *paging.REJECTED,
    ],
    answering_a_run=["runWorkflow"],
    request_bodies={"runWorkflow": False},
    bodies_accepted=[
        pytest.param("runWorkflow", {}, id="run-empty"),
        pytest.param(
            "runWorkflow",
            {
                "input": {"ticket": "Arm stops"},
                "stream": False,
                "background": True,
                "workflow_version_id": "latest",
                "from_step_key": "route",
                "identifier": "ticket-88213",
            },
            id="run-every-field-of-the-vendors-curl",
        ),
        pytest.param("runWorkflow", {"workflow_version_id": 7}, id="run-version-number"),
        pytest.param("runWorkflow", {"workflow_version_id": "draft", "input": None}, id="run-draft-without-input"),
    ],
    bodies_rejected=[
        pytest.param("runWorkflow", {"stream": True}, id="run-stream-true"),
        pytest.param("runWorkflow", {"background": False}, id="run-background-false"),
        pytest.param("runWorkflow", {"input": ["Arm stops"]}, id="run-input-array"),
        pytest.param("runWorkflow", {"from_step_key": ""}, id="run-empty-step-key"),
        pytest.param("runWorkflow", {"identifier": ""}, id="run-empty-identifier"),
        pytest.param("runWorkflow", {"workflow_version_id": 0}, id="run-version-0"),
        pytest.param("runWorkflow", {"stepKey": "route"}, id="run-cortex-replay-spelling"),
        pytest.param("runWorkflow", "input", id="run-not-an-object"),
    ],
    answers_accepted=[
        pytest.param("runWorkflow", status, {"status": int(status), "message": "No"}, id=f"run-{status}-platform-error")
        for status in ["400", "404", "413"]
    ],
    answers_rejected=[
        pytest.param("runWorkflow", status, {"code": int(status), "message": "No"}, id=f"run-{status}-code-not-status")
        for status in ["400", "404", "413"]
    ],
    # Nothing reads one run, so nothing links to one.
    links={"getOrgWorkflowRuns": None, "runWorkflow": None},
    newest_first=lambda run: (moment(run["created_at"]), run["id"]),
)
