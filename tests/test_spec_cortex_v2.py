"""cortex-v2: the spec accepts the vendor's run list as its reference page shows it and rejects near misses.

Every rejected case deep-copies a valid body and changes one thing, so it fails for one reason only.
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from typing import Any

import pytest

from tests.spec_support import (
    Document,
    list_operation,
    load_spec,
    operation,
    parameter_schema,
    request_body_schema,
    resolve,
    response_schema,
    schema_errors,
)

DIALECT = "cortex-v2"

Path = tuple[str | int, ...]

RUN_REQUIRED = (
    "id",
    "input",
    "output",
    "status",
    "origin",
    "started_at",
    "ended_at",
    "app_id",
    "workflow_app_id",
    "workflow_id",
    "workflow_version_draft",
    "workflow_version",
    "created_at",
    "updated_at",
)
# Where the `classify` step of the verbose run's workflow version sits in `vendor_page()`.
STEP: Path = (2, "workflow_version", "steps", 1)
RUN_STATUSES = ("PENDING", "RUNNING", "CANCELLED", "COMPLETED", "SKIPPED", "FAILED")
RUN_ORIGINS = ("WORKFLOW", "TRIGGER", "RECORD", "TEST", "ENDPOINT", "WEBHOOK")


def steps() -> list[Document]:
    """The steps of the workflow, every field of the reference page's `Step` present on at least one."""
    return [
        {
            "type": "note",
            "key": "readme",
            "display": "expanded",
            "position": [40, 40],
            "size": [320, 120],
            "note": "Classifies the ticket, then drafts a reply unless it is spam.",
        },
        {
            "type": "prompt",
            "key": "classify",
            "display": "expanded",
            "throw_on_error": True,
            "input_connected": True,
            "destinations": ["draft_reply"],
            "position": [420, 80],
            "size": [280, 160],
            "auto": {"provider": "openai", "model": "gpt-4o-mini", "temperature": 0},
        },
        {
            "type": "prompt",
            "key": "draft_reply",
            "display": "expanded",
            "conditional": "classify.category != 'spam'",
            "loop": "input.attachments",
            "throw_on_error": False,
            "input_connected": False,
            "destinations": [],
            "position": [780, 80.5],
            "size": [280, 200],
            "auto": {"provider": "anthropic", "model": "claude-3-5-sonnet-20240620", "temperature": 0.3},
        },
    ]


def workflow_definition() -> Document:
    """The fields a version and its draft share."""
    return {
        "key": "triage-support-ticket",
        "input": {"ticket_id": {"type": "string", "label": "Ticket ID"}},
        "input_default": {"channel": "email"},
        "input_options": {"display": {"field": "inline", "container": "grid", "hidden": True}},
        "steps": steps(),
    }


def completed_run() -> Document:
    """A run listed with `verbose=all`: every field of the reference page, realistic values."""
    return {
        "id": "run_M5hW0gQ4sY",
        "result": {"category": "billing", "priority": "high"},
        "input": {"ticket_id": "T-48207", "channel": "chat"},
        "output": {"category": "billing", "priority": "high", "reply": "Hi Dana, we have refunded you."},
        "status": "COMPLETED",
        "origin": "RECORD",
        "started_at": "2024-05-02T08:31:12.530Z",
        "ended_at": "2024-05-02T08:31:26.044Z",
        "app_id": "app_7Hc2kQ9xLm",
        "workflow_app_id": "app_7Hc2kQ9xLm",
        "workflow_id": "wf_4nV8rT1zPq",
        "workflow_version_draft": workflow_definition(),
        "workflow_version": {
            "id": "wfv_3Lp7cX2nRk",
            "app_id": "app_7Hc2kQ9xLm",
            "workflow_id": "wf_4nV8rT1zPq",
            "description": "Classify incoming support tickets and draft a reply.",
            "version": 7,
            "rollback_version": 5,
            "notes": "Roll back the reply prompt to version 5.",
            "created_by": {"id": "usr_1Ds5fJ9gTm", "name": "Priya Raman"},
            "created_at": "2024-04-29T15:22:08.413Z",
            **workflow_definition(),
        },
        "collection_id": "col_2Rb6sY8uLe",
        "record_id": "rec_5Gm1pK3wHd",
        "version": 7,
        "usage": {
            "total": 5.5,
            "calls": [
                {"id": "call_7Tn2vB9kXe", "total": 2},
                {
                    "id": "call_8Uo3wC0lYf",
                    "total": 3.5,
                    "calls": [{"id": "call_9Vp4xD1mZg", "total": 1.5, "calls": []}],
                },
            ],
            "steps": {"classify": 2, "draft_reply": 3.5},
        },
        "retention": {"max_age_in_seconds": 2592000, "preserve_on_failure": True},
        "retention_due_at": "2024-06-01T08:31:26.044Z",
        "created_at": "2024-05-02T08:31:12.407Z",
        "updated_at": "2024-05-02T08:31:26.061Z",
    }


def vendor_page() -> list[Document]:
    """A page as the vendor sends it: a bare array, newest first, one run per interesting shape."""
    not_verbose: Document = {"workflow_version_draft": None, "workflow_version": None}
    return [
        {
            "id": "run_Q8mZ3kT7vB",
            "input": None,
            "output": {},
            "status": "PENDING",
            "origin": "WEBHOOK",
            "started_at": None,
            "ended_at": None,
            "app_id": "app_7Hc2kQ9xLm",
            "workflow_app_id": "app_7Hc2kQ9xLm",
            "workflow_id": "wf_4nV8rT1zPq",
            **not_verbose,
            "retention": {"max_age_in_seconds": -1, "preserve_on_failure": False},
            "retention_due_at": None,
            "created_at": "2024-05-02T09:15:20.118Z",
            "updated_at": "2024-05-02T09:15:20.118Z",
        },
        {
            "id": "run_N6jX1hR5tZ",
            "result": None,
            "input": {"ticket_id": "T-48217", "channel": "email"},
            "output": {},
            "status": "FAILED",
            "origin": "TRIGGER",
            "error": "Step draft_reply failed: the model provider answered 429 Too Many Requests",
            "started_at": "2024-05-02T08:57:41.115+02:00",
            "ended_at": "2024-05-02T08:57:49.870+02:00",
            "app_id": "app_3Wq9zN2cVb",
            "workflow_app_id": "app_7Hc2kQ9xLm",
            "workflow_id": "wf_4nV8rT1zPq",
            **not_verbose,
            "version": 7,
            "usage": {"total": 2, "steps": {"classify": 2, "draft_reply": 0}},
            "retention": {"max_age_in_seconds": 2592000, "preserve_on_failure": True},
            "retention_due_at": None,
            "created_at": "2024-05-02T08:57:41.020+02:00",
            "updated_at": "2024-05-02T08:57:49.902+02:00",
        },
        completed_run(),
    ]


def with_value(body: Any, path: Path, value: Any) -> Any:
    """A deep copy of `body` with the value at `path` replaced (or added)."""
    changed = copy.deepcopy(body)
    target = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return changed


def without(body: Any, path: Path) -> Any:
    """A deep copy of `body` with the value at `path` removed."""
    changed = copy.deepcopy(body)
    target = changed
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return changed


def page_errors(body: Any) -> list[str]:
    return schema_errors(DIALECT, response_schema(DIALECT), body)


def error_body_errors(status: str, body: Any) -> list[str]:
    return schema_errors(DIALECT, response_schema(DIALECT, status), body)


# --- response: the runs -------------------------------------------------------------------------------


def test_vendor_shaped_page_is_accepted() -> None:
    assert page_errors(vendor_page()) == []


def test_empty_page_is_accepted() -> None:
    assert page_errors([]) == []


@pytest.mark.parametrize("status", RUN_STATUSES)
def test_every_vendor_status_is_accepted_on_a_run(status: str) -> None:
    assert page_errors(with_value(vendor_page(), (2, "status"), status)) == []


@pytest.mark.parametrize("origin", RUN_ORIGINS)
def test_every_vendor_origin_is_accepted_on_a_run(origin: str) -> None:
    assert page_errors(with_value(vendor_page(), (2, "origin"), origin)) == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        pytest.param((2, "result"), "Refund issued.", id="result-string"),
        pytest.param((2, "result"), 42, id="result-number"),
        pytest.param((2, "result"), [1, 2], id="result-array"),
        pytest.param((2, "result"), None, id="result-null"),
        pytest.param((2, "input"), None, id="input-null"),
        pytest.param((2, "started_at"), None, id="started-at-null"),
        pytest.param((2, "created_at"), None, id="created-at-null-as-the-vendor-declares"),
        pytest.param((2, "workflow_version"), None, id="workflow-version-null-without-verbose"),
        pytest.param((2, "workflow_version_draft"), None, id="draft-null-without-verbose"),
        pytest.param((2, "workflow_version", "description"), None, id="version-description-null"),
        pytest.param((2, "workflow_version", "notes"), None, id="version-notes-null"),
        pytest.param((2, "workflow_version", "rollback_version"), None, id="version-rollback-null"),
        pytest.param((2, "workflow_version", "steps"), [], id="version-without-steps"),
        pytest.param((2, "usage", "steps"), {}, id="usage-steps-empty"),
        pytest.param((2, "retention", "max_age_in_seconds"), -1, id="retention-kept-forever"),
        pytest.param((2, "retention", "max_age_in_seconds"), 1, id="retention-one-second"),
        pytest.param((2, "retention_due_at"), None, id="retention-due-at-null"),
        pytest.param((2, "replayed_from"), "run_K3fU8eN2qW", id="field-unknown-to-v2-added"),
    ],
)
def test_values_the_vendor_can_send_are_accepted(path: Path, value: Any) -> None:
    assert page_errors(with_value(vendor_page(), path, value)) == []


@pytest.mark.parametrize(
    "path",
    [
        pytest.param((2, "result"), id="result"),
        pytest.param((2, "collection_id"), id="collection-id"),
        pytest.param((2, "record_id"), id="record-id"),
        pytest.param((2, "version"), id="version"),
        pytest.param((2, "usage"), id="usage"),
        pytest.param((2, "usage", "calls"), id="usage-calls-without-verbose"),
        pytest.param((2, "workflow_version", "created_by"), id="version-created-by"),
        pytest.param((2, "workflow_version", "created_by", "name"), id="version-author-name"),
        pytest.param((2, "workflow_version_draft", "key"), id="draft-key"),
        pytest.param((*STEP, "display"), id="step-display"),
        pytest.param((2, "retention"), id="retention"),
        pytest.param((2, "retention_due_at"), id="retention-due-at"),
        pytest.param((2, "workflow_version", "steps", 0, "position"), id="step-position"),
        pytest.param((*STEP, "auto"), id="step-auto"),
    ],
)
def test_optional_fields_may_be_absent(path: Path) -> None:
    assert page_errors(without(vendor_page(), path)) == []


@pytest.mark.parametrize("field", RUN_REQUIRED)
def test_run_missing_a_required_field_is_rejected(field: str) -> None:
    assert page_errors(without(vendor_page(), (2, field)))


@pytest.mark.parametrize(
    "path",
    [
        pytest.param((2, "workflow_version", "id"), id="version-id"),
        pytest.param((2, "workflow_version", "app_id"), id="version-app-id"),
        pytest.param((2, "workflow_version", "workflow_id"), id="version-workflow-id"),
        pytest.param((2, "workflow_version", "version"), id="version-number"),
        pytest.param((2, "workflow_version", "created_at"), id="version-created-at"),
        pytest.param((2, "workflow_version", "steps"), id="version-steps"),
        pytest.param((2, "workflow_version", "created_by", "id"), id="version-author-id"),
        pytest.param((2, "workflow_version_draft", "steps"), id="draft-steps"),
        pytest.param((*STEP, "type"), id="step-type"),
        pytest.param((2, "workflow_version_draft", "steps", 1, "key"), id="step-key"),
        pytest.param((2, "usage", "total"), id="usage-total"),
        pytest.param((2, "retention", "max_age_in_seconds"), id="retention-max-age"),
        pytest.param((2, "retention", "preserve_on_failure"), id="retention-preserve-on-failure"),
        pytest.param((2, "usage", "calls", 0, "id"), id="usage-call-id"),
        pytest.param((2, "usage", "calls", 1, "calls", 0, "total"), id="nested-usage-call-total"),
    ],
)
def test_nested_object_missing_a_required_field_is_rejected(path: Path) -> None:
    assert page_errors(without(vendor_page(), path))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        pytest.param((2, "status"), "CANCELED", id="status-CANCELED-in-invent-spelling"),
        pytest.param((2, "status"), "ALL", id="status-ALL-is-a-filter-value-only"),
        pytest.param((2, "status"), "cancelled", id="status-lowercase-b3os-spelling"),
        pytest.param((2, "status"), "success", id="status-b3os-success"),
        pytest.param((2, "origin"), "ALL", id="origin-ALL-is-a-filter-value-only"),
        pytest.param((2, "origin"), "webhook", id="origin-lowercase-webhook"),
        pytest.param((2, "origin"), "manual", id="origin-b3os-trigger-source"),
        pytest.param((2, "id"), 1042, id="id-integer"),
        pytest.param((2, "app_id"), None, id="app-id-null"),
        pytest.param((2, "output"), None, id="output-null"),
        pytest.param((2, "output"), [], id="output-array"),
        pytest.param((2, "input"), "T-48207", id="input-string"),
        pytest.param((2, "error"), None, id="error-null"),
        pytest.param((2, "version"), "7", id="version-string"),
        pytest.param((2, "usage"), None, id="usage-null"),
        pytest.param((2, "started_at"), "2023-12-25", id="started-at-date-only-as-the-reference-shows"),
        pytest.param((2, "ended_at"), "2024-05-02 08:31:26", id="ended-at-without-T-and-offset"),
        pytest.param((2, "created_at"), 1714638672, id="created-at-epoch-seconds"),
        pytest.param((2, "updated_at"), "yesterday", id="updated-at-not-a-timestamp"),
        pytest.param((2, "workflow_version", "created_at"), None, id="version-created-at-null"),
        pytest.param((2, "workflow_version", "created_at"), "2024-04-29", id="version-created-at-date-only"),
        pytest.param((2, "workflow_version", "version"), "7", id="version-number-string"),
        pytest.param((2, "workflow_version", "created_by"), "usr_1Ds5fJ9gTm", id="version-author-bare-id"),
        pytest.param((2, "workflow_version", "steps"), None, id="version-steps-null"),
        pytest.param((2, "workflow_version_draft", "steps"), {}, id="draft-steps-object"),
        pytest.param((2, "workflow_version_draft", "input"), None, id="draft-input-null"),
        pytest.param(
            (2, "workflow_version_draft", "input_options", "display", "hidden"),
            "true",
            id="input-display-hidden-string",
        ),
        pytest.param((2, "workflow_version", "input_options", "display"), "grid", id="input-display-string"),
        pytest.param((*STEP, "type"), None, id="step-type-null"),
        pytest.param((*STEP, "display"), None, id="step-display-null"),
        pytest.param((*STEP, "display"), True, id="step-display-boolean"),
        pytest.param((*STEP, "throw_on_error"), "true", id="step-flag-string"),
        pytest.param((*STEP, "destinations"), "draft_reply", id="step-destinations-string"),
        pytest.param((*STEP, "position"), [420], id="step-position-one-number"),
        pytest.param((*STEP, "size"), ["280", "160"], id="step-size-strings"),
        pytest.param((*STEP, "auto", "temperature"), -0.5, id="step-temperature-negative"),
        pytest.param((2, "usage", "total"), "5.5", id="usage-total-string"),
        pytest.param((2, "usage", "steps", "classify"), "2", id="usage-step-credits-string"),
        pytest.param((2, "usage", "calls"), {"call_7Tn2vB9kXe": 2}, id="usage-calls-object"),
        pytest.param((2, "usage", "calls", 1, "calls", 0, "total"), None, id="nested-usage-call-total-null"),
        pytest.param((2, "retention"), None, id="retention-null"),
        pytest.param((2, "retention"), 2592000, id="retention-bare-seconds"),
        pytest.param((2, "retention", "max_age_in_seconds"), -2, id="retention-max-age-below-minus-1"),
        pytest.param((2, "retention", "max_age_in_seconds"), 3600.5, id="retention-max-age-fraction"),
        pytest.param((2, "retention", "max_age_in_seconds"), "3600", id="retention-max-age-string"),
        pytest.param((2, "retention", "preserve_on_failure"), "true", id="retention-preserve-string"),
        pytest.param((2, "retention_due_at"), "2023-12-25", id="retention-due-at-date-only"),
        pytest.param((2, "retention_due_at"), 2592000, id="retention-due-at-seconds"),
    ],
)
def test_run_with_a_wrong_value_is_rejected(path: Path, value: Any) -> None:
    assert page_errors(with_value(vendor_page(), path, value))


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(completed_run(), id="single-run-without-array"),
        pytest.param({"data": vendor_page()}, id="data-wrapper"),
        pytest.param({"items": vendor_page(), "hasMore": False, "limit": 20, "offset": 0}, id="b3os-page"),
        pytest.param(
            {"code": 0, "message": "success", "requestId": "req_5f2c9a", "data": {"items": vendor_page()}},
            id="b3os-envelope",
        ),
        pytest.param({"runs": vendor_page(), "total": 3}, id="runs-wrapper"),
        pytest.param(None, id="null"),
    ],
)
def test_page_in_a_wrong_envelope_is_rejected(body: Any) -> None:
    assert page_errors(body)


def test_run_in_invent_shape_is_rejected() -> None:
    run = completed_run()
    run["org_id"] = run.pop("app_id")
    run["workflow_org_id"] = run.pop("workflow_app_id")
    run["outputs"] = run.pop("output")
    assert page_errors([run])


# --- response: errors ---------------------------------------------------------------------------------


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
                        "code": "invalid_enum_value",
                        "message": "Invalid enum value. Expected 'ALL' | 'PENDING', received 'CANCELED'",
                        "path": ["status"],
                    },
                    {
                        "validation": "regex",
                        "code": "invalid_string",
                        "message": "Invalid",
                        "path": ["app_id"],
                    },
                ],
            },
            id="400-with-zod-issues",
        ),
        pytest.param("401", {"status": 401, "message": "Unauthorized"}, id="401"),
        pytest.param("404", {"status": 404, "message": "Workflow not found"}, id="404"),
        pytest.param("429", {"status": 429, "message": "Too many requests"}, id="429"),
    ],
)
def test_cortex_error_body_is_accepted(status: str, body: Any) -> None:
    assert error_body_errors(status, body) == []


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
            id="aitasker-fastapi-validation",
        ),
        pytest.param(
            {"code": 401, "message": "invalid token", "requestId": "req_5f2c9a", "data": None},
            id="b3os-envelope",
        ),
        pytest.param({"status": "401", "message": "Unauthorized"}, id="status-as-string"),
        pytest.param({"status": 401}, id="no-message"),
        pytest.param({"message": "Unauthorized"}, id="no-status"),
        pytest.param({"status": 401, "message": None}, id="message-null"),
    ],
)
def test_error_body_in_another_shape_is_rejected(body: Any) -> None:
    assert error_body_errors("401", body)


@pytest.mark.parametrize(
    "issue",
    [
        pytest.param({"code": "too_big", "message": "Too big"}, id="no-path"),
        pytest.param({"code": "too_big", "message": "Too big", "path": "take"}, id="path-as-string"),
        pytest.param({"message": "Too big", "path": ["take"]}, id="no-code"),
        pytest.param({"code": "too_big", "path": ["take"]}, id="no-message"),
    ],
)
def test_validation_issue_in_a_wrong_shape_is_rejected(issue: Document) -> None:
    body = {"status": 400, "message": "Invalid query parameters", "errors": [issue]}
    assert error_body_errors("400", body)


@pytest.mark.parametrize("status", ["400", "401", "404", "429"])
def test_error_responses_use_the_platform_error_schema(status: str) -> None:
    assert response_schema(DIALECT, status) == {"$ref": "#/components/schemas/Error"}


def test_rate_limited_response_declares_retry_after() -> None:
    _, operation = list_operation(DIALECT)
    assert "Retry-After" in resolve(DIALECT, operation["responses"]["429"])["headers"]


# --- response: headers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "minimum"),
    [
        pytest.param("pagination-count", 0, id="count"),
        pytest.param("pagination-page", 1, id="page"),
        pytest.param("pagination-take", 1, id="take"),
    ],
)
def test_page_declares_required_integer_pagination_header(header: str, minimum: int) -> None:
    _, operation = list_operation(DIALECT)
    declared = resolve(DIALECT, operation["responses"]["200"]["headers"][header])
    assert declared["required"] is True
    assert declared["schema"] == {"type": "integer", "minimum": minimum}


# --- request ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [
        pytest.param("app_id", "c", id="app-id-c-for-the-key-own-app"),
        pytest.param("app_id", "app_7Hc2kQ9xLm", id="app-id"),
        pytest.param("workflow_id", "wf_4nV8rT1zPq", id="workflow-id"),
        pytest.param("verbose", ["all"], id="verbose-all"),
        pytest.param("page", 1, id="page-first"),
        pytest.param("page", 250, id="page-far"),
        pytest.param("take", 1, id="take-min"),
        pytest.param("take", 100, id="take-max"),
        pytest.param("next", "", id="next-empty-means-no-token"),
        *[pytest.param("status", value, id=f"status-{value}") for value in ("ALL", *RUN_STATUSES)],
        *[pytest.param("origin", value, id=f"origin-{value}") for value in ("ALL", *RUN_ORIGINS)],
    ],
)
def test_parameter_accepts_vendor_value(name: str, value: Any) -> None:
    assert schema_errors(DIALECT, parameter_schema(DIALECT, name), value) == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
        pytest.param("app_id", "", id="app-id-empty"),
        pytest.param("next", "eyJwYWdlIjoyfQ", id="next-token-this-endpoint-does-not-page-by-token"),
        pytest.param("verbose", "all", id="verbose-not-an-array"),
        pytest.param("verbose", ["ALL"], id="verbose-uppercase"),
        pytest.param("verbose", ["true"], id="verbose-as-invent-expand"),
        pytest.param("page", 0, id="page-zero-is-not-1-based"),
        pytest.param("page", -1, id="page-negative"),
        pytest.param("page", 2**53, id="page-beyond-the-largest-exact-javascript-integer"),
        pytest.param("page", 1.5, id="page-fraction"),
        pytest.param("take", 0, id="take-zero"),
        pytest.param("take", 101, id="take-over-100"),
        pytest.param("take", 20.5, id="take-fraction"),
        pytest.param("status", "CANCELED", id="status-CANCELED-in-invent-spelling"),
        pytest.param("status", "all", id="status-lowercase-all"),
        pytest.param("status", "cancelled", id="status-lowercase-b3os-spelling"),
        pytest.param("status", "", id="status-empty"),
        pytest.param("origin", "webhook", id="origin-lowercase"),
        pytest.param("origin", "schedule", id="origin-b3os-trigger-source"),
    ],
)
def test_parameter_rejects_value_the_vendor_rejects(name: str, value: Any) -> None:
    assert schema_errors(DIALECT, parameter_schema(DIALECT, name), value)


@pytest.mark.parametrize(
    ("name", "default"),
    [
        pytest.param("page", 1, id="page-1"),
        pytest.param("take", 20, id="take-20"),
        pytest.param("status", "ALL", id="status-ALL"),
        pytest.param("origin", "ALL", id="origin-ALL"),
    ],
)
def test_parameter_default_is_the_decided_one(name: str, default: Any) -> None:
    assert resolve(DIALECT, parameter_schema(DIALECT, name))["default"] == default


# --- the document itself ------------------------------------------------------------------------------


def test_run_requires_exactly_the_fields_the_reference_page_marks_required() -> None:
    assert load_spec(DIALECT)["components"]["schemas"]["WorkflowRun"]["required"] == list(RUN_REQUIRED)


@pytest.mark.parametrize(
    ("schema", "values"),
    [
        pytest.param("RunStatus", list(RUN_STATUSES), id="run-status"),
        pytest.param("RunOrigin", list(RUN_ORIGINS), id="run-origin"),
        pytest.param("RunStatusFilter", ["ALL", *RUN_STATUSES], id="status-filter"),
        pytest.param("RunOriginFilter", ["ALL", *RUN_ORIGINS], id="origin-filter"),
    ],
)
def test_enum_lists_the_reference_page_values_in_its_order(schema: str, values: list[str]) -> None:
    assert load_spec(DIALECT)["components"]["schemas"][schema]["enum"] == values


def test_every_schema_property_has_a_description() -> None:
    schemas = load_spec(DIALECT)["components"]["schemas"]
    undescribed = [
        f"{name}.{prop}"
        for name, schema in schemas.items()
        for prop, definition in schema.get("properties", {}).items()
        if "description" not in resolve(DIALECT, definition)
    ]
    assert undescribed == []


def page_examples() -> list[tuple[str, list[Document]]]:
    _, operation = list_operation(DIALECT)
    examples = operation["responses"]["200"]["content"]["application/json"]["examples"]
    return [(name, resolve(DIALECT, example)["value"]) for name, example in examples.items()]


def moment(value: str) -> datetime:
    return datetime.fromisoformat(value)


@pytest.mark.parametrize(("name", "page"), page_examples())
def test_page_example_is_newest_first_with_consistent_timelines(name: str, page: list[Document]) -> None:
    created = [moment(run["created_at"]) for run in page]
    assert created == sorted(created, reverse=True), name
    for run in page:
        start, end = run["started_at"], run["ended_at"]
        assert (end is None) == (run["status"] in ("PENDING", "RUNNING")), run["id"]
        assert (start is None) == (run["status"] in ("PENDING", "SKIPPED")), run["id"]
        assert start is None or moment(run["created_at"]) <= moment(start), run["id"]
        assert start is None or end is None or moment(start) <= moment(end), run["id"]
        assert ("error" in run) == (run["status"] == "FAILED"), run["id"]


def due_at(run: Document) -> datetime | None:
    """When the decided rule says the run is due for deletion under its retention."""
    retention = run["retention"]
    kept = retention["max_age_in_seconds"] == -1
    preserved = run["status"] == "FAILED" and retention["preserve_on_failure"]
    if run["ended_at"] is None or kept or preserved:
        return None
    return moment(run["ended_at"]) + timedelta(seconds=retention["max_age_in_seconds"])


@pytest.mark.parametrize(("name", "page"), page_examples())
def test_page_example_retention_due_at_follows_the_decided_rule(name: str, page: list[Document]) -> None:
    for run in page:
        if "retention" in run:
            due = run["retention_due_at"]
            assert (None if due is None else moment(due)) == due_at(run), f"{name} {run['id']}"


# --- the retention change (the operations both revisions share: test_spec_cortex_runs.py) -------------

PATH_FROM_REQUEST = {"app_id": "$request.path.app_id", "workflow_id": "$request.path.workflow_id"}


def example(name: str) -> Any:
    return resolve(DIALECT, {"$ref": f"#/components/examples/{name}"})["value"]


def body_errors(operation_id: str, body: object) -> list[str]:
    return schema_errors(DIALECT, request_body_schema(DIALECT, operation_id), body)


def linked(operation_id: str) -> dict[str, dict[str, str]]:
    response = resolve(DIALECT, operation(DIALECT, operation_id)[2]["responses"]["200"])
    links = (resolve(DIALECT, link) for link in response.get("links", {}).values())
    return {link["operationId"]: link["parameters"] for link in links}


def test_retention_body_is_the_runs_own_retention_shape() -> None:
    body = resolve(DIALECT, operation(DIALECT, "updateRunDataRetentionConfiguration")[2]["requestBody"])
    assert body["required"] is True
    assert body["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Retention"}
    assert resolve(DIALECT, component_schema_ref("WorkflowRun"))["properties"]["retention"] == {
        "$ref": "#/components/schemas/Retention"
    }


def component_schema_ref(name: str) -> Document:
    return {"$ref": f"#/components/schemas/{name}"}


@pytest.mark.parametrize(
    ("body", "valid"),
    [
        pytest.param({"max_age_in_seconds": 604800, "preserve_on_failure": False}, True, id="one-week"),
        pytest.param({"max_age_in_seconds": -1, "preserve_on_failure": True}, True, id="forever"),
        pytest.param({"max_age_in_seconds": 604800}, False, id="missing-preserve"),
        pytest.param({"preserve_on_failure": True}, False, id="missing-max-age"),
        pytest.param({"max_age_in_seconds": -2, "preserve_on_failure": True}, False, id="below-forever"),
        pytest.param({"max_age_in_seconds": 0, "preserve_on_failure": True}, False, id="no-time"),
        pytest.param({"max_age_in_seconds": 1, "preserve_on_failure": True}, True, id="one-second"),
        pytest.param({"max_age_in_seconds": 60.5, "preserve_on_failure": True}, False, id="fractional"),
        pytest.param({"max_age_in_seconds": 3153600000, "preserve_on_failure": True}, True, id="a-hundred-years"),
        pytest.param({"max_age_in_seconds": 3153600001, "preserve_on_failure": True}, False, id="beyond-a-hundred"),
        pytest.param({"max_age_in_seconds": 60, "preserve_on_failure": True, "ttl": 60}, False, id="unknown-field"),
    ],
)
def test_retention_body_accepts_and_rejects(body: object, valid: bool) -> None:
    assert (body_errors("updateRunDataRetentionConfiguration", body) == []) is valid


def test_retention_answers_the_run_with_its_new_retention() -> None:
    operation_id = "updateRunDataRetentionConfiguration"
    assert sorted(operation(DIALECT, operation_id)[2]["responses"]) == ["200", "400", "401", "404", "413", "429"]
    run = example("RetainedRun")
    (listed,) = [item for item in example("MixedPage") if item["id"] == run["id"]]
    assert run["retention"] == example("RetentionOneWeek") != listed["retention"]
    assert moment(run["retention_due_at"]) > moment(run["ended_at"])
    assert linked(operation_id) == {"getWorkflowRun": {**PATH_FROM_REQUEST, "run_id": "$response.body#/id"}}
