"""Invent's spec (`specs/invent.yaml`) against bodies shaped like the vendor's reference page.

Every rejected case is a deep copy of a valid body with exactly one thing changed, so it fails for one reason.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.spec_support import (
    Document,
    list_operation,
    operation,
    operation_parameters,
    operation_response_schema,
    operations,
    parameter_schema,
    request_body_schema,
    resolve,
    response_schema,
    schema_errors,
)

DIALECT = "invent"

Path = tuple[str | int, ...]

REFERENCE_REQUIRED_RUN_FIELDS = (
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
)

ERROR_STATUSES = ("400", "401", "404", "429")

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


def _parent(body: Any, path: Path) -> Any:
    for part in path[:-1]:
        body = body[part]
    return body


def changed(path: Path, value: object, page: list[Document] = VALID_PAGE) -> list[Document]:
    """A deep copy of `page` with the value at `path` replaced by `value`."""
    body = copy.deepcopy(page)
    _parent(body, path)[path[-1]] = value
    return body


def removed(path: Path, page: list[Document] = VALID_PAGE) -> list[Document]:
    """A deep copy of `page` without the member at `path`."""
    body = copy.deepcopy(page)
    del _parent(body, path)[path[-1]]
    return body


def page_errors(body: object) -> list[str]:
    return schema_errors(DIALECT, response_schema(DIALECT, "200"), body)


def response_header(status: str, name: str) -> Document:
    _, operation = list_operation(DIALECT)
    response = resolve(DIALECT, operation["responses"][status])
    return resolve(DIALECT, response["headers"][name])


# The document's outline


def test_invent_lists_runs_under_the_vendors_org_path() -> None:
    path, operation = list_operation(DIALECT)
    assert path == "/orgs/{org_id}/workflows/runs"
    assert operation["operationId"] == "getOrgWorkflowRuns"
    assert operation["security"] == [{"bearerAuth": []}]
    assert set(operation["responses"]) == {"200", *ERROR_STATUSES}


def test_invent_run_requires_exactly_the_fields_the_reference_page_marks_required() -> None:
    run_schema = resolve(DIALECT, response_schema(DIALECT)["items"])
    assert tuple(run_schema["required"]) == REFERENCE_REQUIRED_RUN_FIELDS


# The 200 body: accepted


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(VALID_PAGE, id="completed-failed-and-pending-runs"),
        pytest.param([], id="empty-page"),
        pytest.param(removed((0, "outputs")), id="run-without-outputs-as-without-expand"),
        pytest.param(removed((0, "usage", "calls")), id="usage-without-calls-as-without-expand"),
        pytest.param(removed((0, "usage")), id="run-without-usage"),
        pytest.param(changed((0, "result"), "urgent"), id="result-is-a-string"),
        pytest.param(changed((0, "result"), 3), id="result-is-a-number"),
        pytest.param(changed((0, "result"), [1, "two"]), id="result-is-an-array"),
        pytest.param(removed((0, "result")), id="run-without-result"),
        pytest.param(changed((0, "version"), 7.0), id="version-is-a-float-as-the-vendor-declares-number"),
        pytest.param(changed((0, "workflow_version", "created_by", "avatar"), None), id="author-without-avatar"),
        pytest.param(removed((0, "workflow_version", "created_by")), id="version-without-author"),
        pytest.param(changed((0, "workflow_version", "steps"), []), id="version-without-steps"),
        pytest.param(
            changed((0, "workflow_version_draft", "steps", 0, "input"), {"note": "Hi", "colour": "yellow"}),
            id="step-input-is-free-form",
        ),
        pytest.param(changed((0, "outputs", "classify"), None), id="step-output-is-any-value"),
        pytest.param(changed((0, "workflow_version_draft", "steps", 0, "type"), "loop"), id="unpublished-step-type"),
        pytest.param(changed((0, "extra_field"), "x"), id="run-with-an-unknown-field"),
    ],
)
def test_invent_accepts_vendor_shaped_page(body: object) -> None:
    assert page_errors(body) == []


# The 200 body: rejected

RUN = 0
DRAFT_STEP: Path = (RUN, "workflow_version_draft", "steps", 1)
VERSION: Path = (RUN, "workflow_version")
USAGE: Path = (RUN, "usage")


@pytest.mark.parametrize("field", REFERENCE_REQUIRED_RUN_FIELDS)
def test_invent_rejects_run_missing_required_field(field: str) -> None:
    assert page_errors(removed((RUN, field)))


@pytest.mark.parametrize(
    "path",
    [
        pytest.param((RUN, "workflow_version_draft", "steps"), id="draft-steps"),
        pytest.param((*VERSION, "id"), id="version-id"),
        pytest.param((*VERSION, "workflow_id"), id="version-workflow_id"),
        pytest.param((*VERSION, "version"), id="version-version"),
        pytest.param((*VERSION, "created_at"), id="version-created_at"),
        pytest.param((*VERSION, "steps"), id="version-steps"),
        pytest.param((*VERSION, "created_by", "id"), id="author-id"),
        pytest.param((*VERSION, "created_by", "name"), id="author-name"),
        pytest.param((*DRAFT_STEP, "type"), id="step-type"),
        pytest.param((*DRAFT_STEP, "key"), id="step-key"),
        pytest.param((*DRAFT_STEP, "definitions", 0, "path"), id="step-definition-path"),
        pytest.param((*USAGE, "total"), id="usage-total"),
        pytest.param((*USAGE, "ai_total"), id="usage-ai_total"),
        pytest.param((*USAGE, "steps"), id="usage-steps"),
        pytest.param((*USAGE, "calls", 0, "id"), id="usage-call-id"),
        pytest.param((*USAGE, "calls", 0, "calls", 0, "ai_total"), id="nested-usage-call-ai_total"),
    ],
)
def test_invent_rejects_nested_object_missing_required_field(path: Path) -> None:
    assert page_errors(removed(path))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        pytest.param((RUN, "status"), "CANCELLED", id="status-cortex-double-l-cancelled"),
        pytest.param((RUN, "status"), "canceled", id="status-lowercase"),
        pytest.param((RUN, "status"), "ALL", id="status-filter-value-all"),
        pytest.param((RUN, "status"), "SUCCESS", id="status-unknown"),
        pytest.param((RUN, "origin"), "ALL", id="origin-filter-value-all"),
        pytest.param((RUN, "origin"), "RECORD", id="origin-cortex-only-record"),
        pytest.param((RUN, "origin"), "webhook", id="origin-lowercase"),
    ],
)
def test_invent_rejects_run_with_wrong_enum_value(path: Path, value: str) -> None:
    assert page_errors(changed(path, value))


@pytest.mark.parametrize(
    "path",
    [
        pytest.param((RUN, "id"), id="id"),
        pytest.param((RUN, "status"), id="status"),
        pytest.param((RUN, "origin"), id="origin"),
        pytest.param((RUN, "org_id"), id="org_id"),
        pytest.param((RUN, "workflow_org_id"), id="workflow_org_id"),
        pytest.param((RUN, "workflow_id"), id="workflow_id"),
        pytest.param((RUN, "workflow_version_draft"), id="workflow_version_draft-nullable-only-in-cortex"),
        pytest.param((RUN, "workflow_version"), id="workflow_version-nullable-only-in-cortex"),
        pytest.param((RUN, "outputs"), id="outputs"),
        pytest.param((RUN, "error"), id="error"),
        pytest.param((1, "error"), id="error-of-failed-run"),
        pytest.param((RUN, "version"), id="version"),
        pytest.param((RUN, "usage"), id="usage"),
        pytest.param((*USAGE, "calls"), id="usage-calls"),
        pytest.param((*VERSION, "id"), id="version-id"),
        pytest.param((*VERSION, "created_at"), id="version-created_at"),
        pytest.param((*VERSION, "steps"), id="version-steps"),
        pytest.param((*VERSION, "created_by"), id="version-created_by"),
        pytest.param((*DRAFT_STEP, "key"), id="step-key"),
        pytest.param((*DRAFT_STEP, "position"), id="step-position"),
    ],
)
def test_invent_rejects_null_where_not_nullable(path: Path) -> None:
    body = changed((RUN, "error"), "boom") if path == (RUN, "error") else VALID_PAGE
    assert page_errors(body) == []
    assert page_errors(changed(path, None, body))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        pytest.param((RUN, "id"), 123, id="id-is-a-number"),
        pytest.param((RUN, "version"), "7", id="version-is-a-string"),
        pytest.param((RUN, "error"), {"message": "boom"}, id="error-is-an-object"),
        pytest.param((RUN, "outputs"), [{"classify": "urgent"}], id="outputs-is-an-array"),
        pytest.param((RUN, "workflow_version_draft", "steps"), {"about": {}}, id="steps-keyed-by-key"),
        pytest.param((*VERSION, "version"), "7", id="workflow-version-is-a-string"),
        pytest.param((*VERSION, "rollback_version"), "v1", id="rollback_version-is-a-string"),
        pytest.param((*VERSION, "created_by"), "usr_2Bx7nK4qLm", id="created_by-is-an-id"),
        pytest.param((*DRAFT_STEP, "throw_on_error"), "true", id="throw_on_error-is-a-string"),
        pytest.param((*DRAFT_STEP, "start_connected"), 1, id="start_connected-is-a-number"),
        pytest.param((*DRAFT_STEP, "destinations"), "route", id="destinations-is-a-string"),
        pytest.param((*DRAFT_STEP, "position"), [123], id="position-with-one-number-as-cortex-shows"),
        pytest.param((*DRAFT_STEP, "position"), [1, 2, 3], id="position-with-three-numbers"),
        pytest.param((*DRAFT_STEP, "position"), {"x": 1, "y": 2}, id="position-as-an-object"),
        pytest.param((*DRAFT_STEP, "size"), [101], id="size-with-one-number-as-cortex-shows"),
        pytest.param((*DRAFT_STEP, "size"), ["320", "180"], id="size-of-strings"),
        pytest.param((*DRAFT_STEP, "input"), "classify it", id="step-input-is-a-string"),
        pytest.param((*DRAFT_STEP, "definitions", 0, "definition"), "string", id="definition-is-a-string"),
        pytest.param((*DRAFT_STEP, "auto", "temperature"), "0.2", id="temperature-is-a-string"),
        pytest.param((*USAGE, "total"), "0.45", id="usage-total-is-a-string"),
        pytest.param((*USAGE, "total"), -1, id="usage-total-is-negative"),
        pytest.param((*USAGE, "steps", "classify"), "0.4", id="usage-step-is-a-string"),
        pytest.param((*USAGE, "calls", 0, "calls", 0, "total"), "0.4", id="nested-usage-call-total-is-a-string"),
        pytest.param((*USAGE, "calls", 0, "calls"), [None], id="nested-usage-calls-of-null"),
    ],
)
def test_invent_rejects_run_with_wrong_type(path: Path, value: object) -> None:
    assert page_errors(changed(path, value))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        pytest.param((RUN, "started_at"), "2023-12-25", id="started_at-date-only-as-cortex-shows"),
        pytest.param((RUN, "ended_at"), "2024-05-14T09:12:11", id="ended_at-without-offset"),
        pytest.param((RUN, "created_at"), "yesterday", id="created_at-not-a-timestamp"),
        pytest.param((RUN, "updated_at"), 1715677931, id="updated_at-epoch-seconds"),
        pytest.param((*VERSION, "created_at"), "2024-13-02T15:41:27Z", id="version-created_at-month-13"),
    ],
)
def test_invent_rejects_run_with_malformed_timestamp(path: Path, value: object) -> None:
    assert page_errors(changed(path, value))


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"data": VALID_PAGE}, id="data-wrapper"),
        pytest.param({"items": VALID_PAGE, "total": 3, "page": 1}, id="items-wrapper-with-counts"),
        pytest.param(
            {"code": 0, "message": "success", "requestId": "req_1", "data": {"items": VALID_PAGE}},
            id="b3os-envelope",
        ),
        pytest.param(VALID_PAGE[0], id="a-single-run-not-an-array"),
    ],
)
def test_invent_rejects_wrong_envelope(body: object) -> None:
    assert page_errors(body)


def test_invent_rejects_cortex_run_naming_the_app_instead_of_the_org() -> None:
    cortex_run = {k: v for k, v in VALID_PAGE[0].items() if k not in ("org_id", "workflow_org_id")}
    cortex_run |= {"app_id": "app_5Zr8mK2wQp", "workflow_app_id": "app_5Zr8mK2wQp"}
    assert page_errors([cortex_run])


# Pagination headers


@pytest.mark.parametrize(
    ("name", "minimum"),
    [
        pytest.param("pagination-count", 0, id="count"),
        pytest.param("pagination-page", 1, id="page"),
        pytest.param("pagination-take", 1, id="take"),
    ],
)
def test_invent_pagination_headers_are_required_integers_with_a_floor(name: str, minimum: int) -> None:
    header = response_header("200", name)
    assert header["required"] is True
    assert schema_errors(DIALECT, header["schema"], minimum) == []
    assert schema_errors(DIALECT, header["schema"], minimum - 1)
    assert schema_errors(DIALECT, header["schema"], "20")


def test_invent_rate_limited_response_requires_retry_after() -> None:
    header = response_header("429", "Retry-After")
    assert header["required"] is True
    assert schema_errors(DIALECT, header["schema"], 30) == []
    assert schema_errors(DIALECT, header["schema"], -1)


# Error bodies


@pytest.mark.parametrize(
    ("status", "body"),
    [
        pytest.param(
            "400",
            {
                "status": 400,
                "message": "Invalid query parameters",
                "errors": [
                    {
                        "code": "too_small",
                        "message": "Number must be greater than or equal to 1",
                        "path": ["page"],
                    }
                ],
            },
            id="400-with-a-zod-issue",
        ),
        pytest.param(
            "400",
            {
                "status": 400,
                "message": "Invalid query parameters",
                "errors": [
                    {"validation": "regex", "code": "invalid_string", "message": "Invalid", "path": ["next"]},
                ],
            },
            id="400-with-a-string-validation-issue",
        ),
        pytest.param("401", {"status": 401, "message": "Unauthorized"}, id="401-without-errors"),
        pytest.param("404", {"status": 404, "message": "Org not found"}, id="404"),
        pytest.param("429", {"status": 429, "message": "Too many requests"}, id="429"),
    ],
)
def test_invent_accepts_platform_error_body(status: str, body: object) -> None:
    assert schema_errors(DIALECT, response_schema(DIALECT, status), body) == []


VALID_ERROR: Document = {
    "status": 400,
    "message": "Invalid query parameters",
    "errors": [{"code": "invalid_enum_value", "message": "Invalid enum value", "path": ["status"]}],
}


@pytest.mark.parametrize("status", ERROR_STATUSES)
@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"detail": "Not authenticated"}, id="aitasker-fastapi-detail"),
        pytest.param(
            {
                "detail": [
                    {
                        "loc": ["query", "take"],
                        "msg": "Input should be less than or equal to 100",
                        "type": "less_than_equal",
                    }
                ]
            },
            id="aitasker-fastapi-validation-error",
        ),
        pytest.param(
            {"code": 401, "message": "unauthorized", "requestId": "req_7f3a9c", "data": None},
            id="b3os-envelope",
        ),
        pytest.param({**VALID_ERROR, "status": "400"}, id="status-is-a-string"),
        pytest.param({"status": 400}, id="without-message"),
        pytest.param({"message": "Invalid query parameters"}, id="without-status"),
        pytest.param({**VALID_ERROR, "status": 200}, id="status-is-not-an-error-status"),
        pytest.param({**VALID_ERROR, "errors": "status is invalid"}, id="errors-is-a-string"),
        pytest.param(
            {**VALID_ERROR, "errors": [{"code": "invalid_enum_value", "message": "Invalid enum value"}]},
            id="issue-without-path",
        ),
        pytest.param(
            {
                **VALID_ERROR,
                "errors": [{"code": "invalid_enum_value", "message": "Invalid", "path": "status"}],
            },
            id="issue-path-is-a-string",
        ),
        pytest.param({**VALID_ERROR, "errors": [{"message": "Invalid", "path": ["status"]}]}, id="issue-without-code"),
    ],
)
def test_invent_rejects_error_body_of_another_shape(status: str, body: object) -> None:
    assert schema_errors(DIALECT, response_schema(DIALECT, status), body)


# Request parameters


@pytest.mark.parametrize(
    ("name", "value"),
    [
        pytest.param("org_id", "c", id="org_id-c-for-the-keys-own-org"),
        pytest.param("org_id", "org_5Zr8mK2wQp", id="org_id-opaque-id"),
        pytest.param("expand", True, id="expand-true"),
        pytest.param("expand", False, id="expand-false"),
        *[pytest.param("origin", value, id=f"origin-{value}") for value in ("ALL", "WORKFLOW", "TRIGGER", "WEBHOOK")],
        *[
            pytest.param("status", value, id=f"status-{value}")
            for value in ("ALL", "PENDING", "RUNNING", "CANCELED", "COMPLETED", "SKIPPED", "FAILED")
        ],
        pytest.param("page", 1, id="page-first"),
        pytest.param("page", 250, id="page-far"),
        pytest.param("take", 1, id="take-minimum"),
        pytest.param("take", 100, id="take-maximum"),
        pytest.param("next", "", id="next-empty-means-no-token"),
    ],
)
def test_invent_parameter_accepts_vendor_value(name: str, value: object) -> None:
    assert schema_errors(DIALECT, parameter_schema(DIALECT, name), value) == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
        pytest.param("org_id", "", id="org_id-empty"),
        pytest.param("next", "eyJpZCI6InJ1bl85ZksybVE3eFRiIn0", id="next-token-this-endpoint-does-not-page-by-token"),
        pytest.param("expand", "yes", id="expand-not-a-boolean"),
        pytest.param("origin", "RECORD", id="origin-cortex-only-record"),
        pytest.param("origin", "ENDPOINT", id="origin-cortex-only-endpoint"),
        pytest.param("origin", "webhook", id="origin-lowercase"),
        pytest.param("status", "CANCELLED", id="status-cortex-double-l-cancelled"),
        pytest.param("status", "cancelled", id="status-b3os-lowercase-cancelled"),
        pytest.param("status", "running", id="status-lowercase"),
        pytest.param("page", 0, id="page-zero-pages-are-1-based"),
        pytest.param("page", -1, id="page-negative"),
        pytest.param("page", 2**53, id="page-beyond-the-largest-exact-javascript-integer"),
        pytest.param("page", 1.5, id="page-not-whole"),
        pytest.param("take", 0, id="take-zero"),
        pytest.param("take", 101, id="take-above-100"),
        pytest.param("take", 20.5, id="take-not-whole"),
    ],
)
def test_invent_parameter_rejects_what_the_vendor_rejects(name: str, value: object) -> None:
    assert schema_errors(DIALECT, parameter_schema(DIALECT, name), value)


@pytest.mark.parametrize(
    ("name", "default"),
    [
        pytest.param("expand", False, id="expand"),
        pytest.param("origin", "ALL", id="origin"),
        pytest.param("status", "ALL", id="status"),
        pytest.param("page", 1, id="page"),
        pytest.param("take", 20, id="take"),
    ],
)
def test_invent_parameter_defaults(name: str, default: object) -> None:
    assert resolve(DIALECT, parameter_schema(DIALECT, name))["default"] == default


# --- Run a Workflow -----------------------------------------------------------------------------------


def run_body_errors(body: object) -> list[str]:
    return schema_errors(DIALECT, request_body_schema(DIALECT, "runWorkflow"), body)


def run_example(name: str) -> Any:
    return resolve(DIALECT, {"$ref": f"#/components/examples/{name}"})["value"]


def test_invent_has_the_list_and_run_a_workflow_and_nothing_else() -> None:
    # Invent documents no get or cancel of one run, so the spec has none.
    assert {operation_id: (method, path) for operation_id, (path, method, _) in operations(DIALECT).items()} == {
        "getOrgWorkflowRuns": ("get", "/orgs/{org_id}/workflows/runs"),
        "runWorkflow": ("post", "/orgs/{org_id}/workflows/{workflow_id}/runs"),
    }


def test_invent_run_a_workflow_takes_the_org_and_workflow_ids() -> None:
    parameters = operation_parameters(DIALECT, "runWorkflow")
    assert [(name, p["in"], p["required"]) for name, p in parameters.items()] == [
        ("org_id", "path", True),
        ("workflow_id", "path", True),
    ]


def test_invent_run_a_workflow_documents_its_statuses() -> None:
    assert sorted(operation(DIALECT, "runWorkflow")[2]["responses"]) == ["200", "400", "401", "404", "413", "429"]


def test_invent_run_a_workflow_answers_the_lists_run_object() -> None:
    item = response_schema(DIALECT)["items"]
    assert operation_response_schema(DIALECT, "runWorkflow") == item == {"$ref": "#/components/schemas/WorkflowRun"}


def test_invent_run_a_workflow_body_is_optional_json() -> None:
    body = resolve(DIALECT, operation(DIALECT, "runWorkflow")[2]["requestBody"])
    assert body["required"] is False
    assert list(body["content"]) == ["application/json"]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({}, id="empty"),
        pytest.param(
            {
                "input": {"ticket": "Arm stops"},
                "stream": False,
                "background": True,
                "workflow_version_id": "latest",
                "from_step_key": "route",
                "identifier": "ticket-88213",
            },
            id="every-field-of-the-vendors-curl",
        ),
        pytest.param({"workflow_version_id": 7}, id="version-number"),
        pytest.param({"workflow_version_id": "draft", "input": None}, id="draft-without-input"),
    ],
)
def test_invent_run_a_workflow_accepts_the_vendors_body(body: object) -> None:
    assert run_body_errors(body) == []


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"stream": True}, id="stream-true"),
        pytest.param({"background": False}, id="background-false"),
        pytest.param({"input": ["Arm stops"]}, id="input-array"),
        pytest.param({"from_step_key": ""}, id="empty-step-key"),
        pytest.param({"identifier": ""}, id="empty-identifier"),
        pytest.param({"workflow_version_id": 0}, id="version-0"),
        pytest.param({"stepKey": "route"}, id="cortex-replay-spelling"),
        pytest.param("input", id="not-an-object"),
    ],
)
def test_invent_run_a_workflow_rejects_a_body_the_document_does_not_describe(body: object) -> None:
    assert run_body_errors(body) != []


@pytest.mark.parametrize("status", ["400", "404", "413"])
def test_invent_run_a_workflow_errors_use_the_platform_error_body(status: str) -> None:
    schema = operation_response_schema(DIALECT, "runWorkflow", status)
    assert schema_errors(DIALECT, schema, {"status": int(status), "message": "No"}) == []
    assert schema_errors(DIALECT, schema, {"code": int(status), "message": "No"}) != []


def test_invent_created_run_example_is_a_pending_run_of_the_workflow_in_the_path() -> None:
    run = run_example("CreatedRun")
    workflow_id = operation_parameters(DIALECT, "runWorkflow")["workflow_id"]["examples"]["triage"]["value"]
    assert (run["status"], run["started_at"], run["ended_at"]) == ("PENDING", None, None)
    assert run["workflow_id"] == workflow_id
    assert "outputs" not in run


def test_invent_run_a_workflow_has_no_links_as_nothing_reads_one_run() -> None:
    _, listing = list_operation(DIALECT)
    assert "links" not in listing["responses"]["200"]
    assert "links" not in resolve(DIALECT, operation(DIALECT, "runWorkflow")[2]["responses"]["200"])
