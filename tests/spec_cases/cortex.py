"""cortex' spec cases, v1 and v2 built alike: bodies from the vendor's reference pages, near misses of them.

v2 adds the WEBHOOK origin, a step's `display`, a run's retention and the operation that changes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.spec_cases import paging
from tests.spec_cases.table import DELETE, Link, Path, SpecTable, changed
from tests.spec_support import Document, moment

RUNS = "/apps/{app_id}/workflows/{workflow_id}/runs"
RUN = RUNS + "/{run_id}"
RUN_REQUIRED = [
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
]
RUN_STATUSES = ["PENDING", "RUNNING", "CANCELLED", "COMPLETED", "SKIPPED", "FAILED"]
V1_ORIGINS = ["WORKFLOW", "TRIGGER", "RECORD", "TEST", "ENDPOINT"]
ERROR_STATUSES = ["400", "401", "404", "429"]
# Where the `classify` step of the verbose run's workflow version sits in `vendor_page()`.
STEP: Path = (2, "workflow_version", "steps", 1)
PATH_FROM_REQUEST = {"app_id": "$request.path.app_id", "workflow_id": "$request.path.workflow_id"}
# The operations on one run, by the name of the links that lead to them.
ON_ONE_RUN = {
    "GetRun": "getWorkflowRun",
    "CancelRun": "cancelWorkflowRun",
    "ReplayRun": "replayWorkflowRun",
    "UpdateRunRetention": "updateRunDataRetentionConfiguration",
}


def thirty_days() -> Document:
    """A retention of 30 days that keeps failed runs (a new object each time: a near miss changes one run)."""
    return {"max_age_in_seconds": 2592000, "preserve_on_failure": True}


def steps(v2: bool) -> list[Document]:
    """The steps of the workflow, every field of the reference page's `Step` present on at least one."""
    shown = {"display": "expanded"} if v2 else {}
    return [
        {
            "type": "note",
            "key": "readme",
            **shown,
            "position": [40, 40],
            "size": [320, 120],
            "note": "Classifies the ticket, then drafts a reply unless it is spam.",
        },
        {
            "type": "prompt",
            "key": "classify",
            **shown,
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
            **shown,
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


def workflow_definition(v2: bool) -> Document:
    """The fields a version and its draft share."""
    return {
        "key": "triage-support-ticket",
        "input": {"ticket_id": {"type": "string", "label": "Ticket ID"}},
        "input_default": {"channel": "email"},
        "input_options": {"display": {"field": "inline", "container": "grid", "hidden": True}},
        "steps": steps(v2),
    }


def completed_run(v2: bool) -> Document:
    """A run listed with `verbose=all`: every field of the reference page, realistic values."""
    retained = {"retention": thirty_days(), "retention_due_at": "2024-06-01T08:31:26.044Z"} if v2 else {}
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
        "workflow_version_draft": workflow_definition(v2),
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
            **workflow_definition(v2),
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
        **retained,
        "created_at": "2024-05-02T08:31:12.407Z",
        "updated_at": "2024-05-02T08:31:26.061Z",
    }


def vendor_page(v2: bool) -> list[Document]:
    """A page as the vendor sends it: a bare array, newest first, one run per interesting shape."""
    not_verbose: Document = {"workflow_version_draft": None, "workflow_version": None}
    kept_forever = {"retention": {"max_age_in_seconds": -1, "preserve_on_failure": False}} if v2 else {}
    retained = {"retention": thirty_days()} if v2 else {}
    not_due = {"retention_due_at": None} if v2 else {}
    return [
        {
            "id": "run_Q8mZ3kT7vB",
            "input": None,
            "output": {},
            "status": "PENDING",
            "origin": "WEBHOOK" if v2 else "ENDPOINT",
            "started_at": None,
            "ended_at": None,
            "app_id": "app_7Hc2kQ9xLm",
            "workflow_app_id": "app_7Hc2kQ9xLm",
            "workflow_id": "wf_4nV8rT1zPq",
            **not_verbose,
            **kept_forever,
            **not_due,
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
            **retained,
            **not_due,
            "created_at": "2024-05-02T08:57:41.020+02:00",
            "updated_at": "2024-05-02T08:57:49.902+02:00",
        },
        completed_run(v2),
    ]


def in_invent_shape(run: Document) -> Document:
    """`run` with invent's names for the app ids and the outputs."""
    renamed = {"app_id": "org_id", "workflow_app_id": "workflow_org_id", "output": "outputs"}
    return {renamed.get(key, key): value for key, value in run.items()}


def links_to(run_id: str, names: list[str]) -> dict[str, Link]:
    """Links to the operations on one run named, the run's id found at `run_id`."""
    return {name: (ON_ONE_RUN[name], {**PATH_FROM_REQUEST, "run_id": run_id}) for name in names}


# Errors of the operations on one run: the platform's error body.
OPERATION_ERRORS = {
    "cancel-409-conflict": ("cancelWorkflowRun", "409"),
    "replay-409-conflict": ("replayWorkflowRun", "409"),
    "run-413-too-large": ("runWorkflow", "413"),
    "get-run-404-not-found": ("getWorkflowRun", "404"),
}


def v1_cases(page: Callable[[Path, object], Any]) -> dict[str, list[Any]]:
    """The cases only cortex-v1 has, by the table's field."""
    return {
        "pages_accepted": [
            pytest.param(page((2, "retention"), {"max_age_in_seconds": 3600}), id="field-unknown-to-v1-added"),
        ],
        "pages_rejected": [pytest.param(page((2, "origin"), "WEBHOOK"), id="origin-WEBHOOK-arrived-only-in-v2")],
        "parameters_rejected": [pytest.param("origin", "WEBHOOK", id="origin-WEBHOOK-arrived-only-in-v2")],
    }


def v2_cases(page: Callable[[Path, object], Any]) -> dict[str, list[Any]]:
    """The cases only cortex-v2 has (the WEBHOOK origin, a step's display, a run's retention), by field."""
    return {
        "pages_accepted": [
            pytest.param(page((2, "retention", "max_age_in_seconds"), -1), id="retention-kept-forever"),
            pytest.param(page((2, "retention", "max_age_in_seconds"), 1), id="retention-one-second"),
            pytest.param(page((2, "retention_due_at"), None), id="retention-due-at-null"),
            pytest.param(page((2, "replayed_from"), "run_K3fU8eN2qW"), id="field-unknown-to-v2-added"),
            pytest.param(page((*STEP, "display"), DELETE), id="without-step-display"),
            pytest.param(page((2, "retention"), DELETE), id="without-retention"),
            pytest.param(page((2, "retention_due_at"), DELETE), id="without-retention-due-at"),
        ],
        "pages_rejected": [
            pytest.param(page((2, "retention", "max_age_in_seconds"), DELETE), id="missing-retention-max-age"),
            pytest.param(
                page((2, "retention", "preserve_on_failure"), DELETE), id="missing-retention-preserve-on-failure"
            ),
            pytest.param(page((2, "origin"), "webhook"), id="origin-lowercase-webhook"),
            pytest.param(page((*STEP, "display"), None), id="step-display-null"),
            pytest.param(page((*STEP, "display"), True), id="step-display-boolean"),
            pytest.param(page((2, "retention"), None), id="retention-null"),
            pytest.param(page((2, "retention"), 2592000), id="retention-bare-seconds"),
            pytest.param(page((2, "retention", "max_age_in_seconds"), -2), id="retention-max-age-below-minus-1"),
            pytest.param(page((2, "retention", "max_age_in_seconds"), 3600.5), id="retention-max-age-fraction"),
            pytest.param(page((2, "retention", "max_age_in_seconds"), "3600"), id="retention-max-age-string"),
            pytest.param(page((2, "retention", "preserve_on_failure"), "true"), id="retention-preserve-string"),
            pytest.param(page((2, "retention_due_at"), "2023-12-25"), id="retention-due-at-date-only"),
            pytest.param(page((2, "retention_due_at"), 2592000), id="retention-due-at-seconds"),
        ],
        "parameters_rejected": [],
    }


def table(v2: bool) -> SpecTable:
    """The cases of cortex-v2 when `v2`, else of cortex-v1."""
    origins = [*V1_ORIGINS, "WEBHOOK"] if v2 else V1_ORIGINS
    on_one_run = [*ON_ONE_RUN] if v2 else ["GetRun", "CancelRun", "ReplayRun"]
    operations = {
        "getWorkflowRuns": ("get", RUNS),
        "runWorkflow": ("post", RUNS),
        "getWorkflowRun": ("get", RUN),
        "cancelWorkflowRun": ("post", RUN + "/cancel"),
        "replayWorkflowRun": ("post", RUN + "/replay"),
    }
    valid = vendor_page(v2)

    def page(path: Path, value: object) -> Any:
        return changed(valid, path, value)

    own = v2_cases(page) if v2 else v1_cases(page)

    return SpecTable(
        dialect="cortex-v2" if v2 else "cortex-v1",
        list_operation=("getWorkflowRuns", RUNS),
        operations=operations | ({"updateRunDataRetentionConfiguration": ("patch", RUN + "/retention")} if v2 else {}),
        statuses={
            "getWorkflowRuns": ["200", *ERROR_STATUSES],
            "runWorkflow": ["200", "400", "401", "404", "413", "429", "503"],
            "getWorkflowRun": ["200", "400", "401", "404", "429"],
            "cancelWorkflowRun": ["200", "400", "401", "404", "409", "429", "503"],
            "replayWorkflowRun": ["200", "400", "401", "404", "409", "413", "429", "503"],
            **(
                {"updateRunDataRetentionConfiguration": ["200", "400", "401", "404", "413", "429", "503"]} if v2 else {}
            ),
        },
        parameters={
            "getWorkflowRuns": [
                ("app_id", "path", True),
                ("workflow_id", "path", True),
                *[(name, "query", False) for name in ("verbose", "origin", "status", "page", "take", "next")],
            ],
            "runWorkflow": [("app_id", "path", True), ("workflow_id", "path", True), ("verbose", "query", False)],
            **{
                ON_ONE_RUN[name]: [
                    ("app_id", "path", True),
                    ("workflow_id", "path", True),
                    ("run_id", "path", True),
                    ("verbose", "query", False),
                ]
                for name in on_one_run
            },
        },
        required={"WorkflowRun": RUN_REQUIRED},
        enums={
            "RunStatus": RUN_STATUSES,
            "RunOrigin": origins,
            "RunStatusFilter": ["ALL", *RUN_STATUSES],
            "RunOriginFilter": ["ALL", *origins],
        },
        defaults={**paging.DEFAULTS, "status": "ALL", "origin": "ALL"},
        error_schemas=dict.fromkeys(ERROR_STATUSES, "Error"),
        headers=paging.HEADERS,
        pages_accepted=[
            pytest.param(valid, id="vendor-shaped-page"),
            pytest.param([], id="empty-page"),
            *[pytest.param(page((2, "status"), status), id=f"status-{status}") for status in RUN_STATUSES],
            *[pytest.param(page((2, "origin"), origin), id=f"origin-{origin}") for origin in origins],
            pytest.param(page((2, "result"), "Refund issued."), id="result-string"),
            pytest.param(page((2, "result"), 42), id="result-number"),
            pytest.param(page((2, "result"), [1, 2]), id="result-array"),
            pytest.param(page((2, "result"), None), id="result-null"),
            pytest.param(page((2, "input"), None), id="input-null"),
            pytest.param(page((2, "started_at"), None), id="started-at-null"),
            pytest.param(page((2, "created_at"), None), id="created-at-null-as-the-vendor-declares"),
            pytest.param(page((2, "workflow_version"), None), id="workflow-version-null-without-verbose"),
            pytest.param(page((2, "workflow_version_draft"), None), id="draft-null-without-verbose"),
            pytest.param(page((2, "workflow_version", "description"), None), id="version-description-null"),
            pytest.param(page((2, "workflow_version", "notes"), None), id="version-notes-null"),
            pytest.param(page((2, "workflow_version", "rollback_version"), None), id="version-rollback-null"),
            pytest.param(page((2, "workflow_version", "steps"), []), id="version-without-steps"),
            pytest.param(page((2, "usage", "steps"), {}), id="usage-steps-empty"),
            # optional fields absent
            pytest.param(page((2, "result"), DELETE), id="without-result"),
            pytest.param(page((2, "collection_id"), DELETE), id="without-collection-id"),
            pytest.param(page((2, "record_id"), DELETE), id="without-record-id"),
            pytest.param(page((2, "version"), DELETE), id="without-version"),
            pytest.param(page((2, "usage"), DELETE), id="without-usage"),
            pytest.param(page((2, "usage", "calls"), DELETE), id="without-usage-calls-without-verbose"),
            pytest.param(page((2, "workflow_version", "created_by"), DELETE), id="without-version-created-by"),
            pytest.param(page((2, "workflow_version", "created_by", "name"), DELETE), id="without-version-author-name"),
            pytest.param(page((2, "workflow_version_draft", "key"), DELETE), id="without-draft-key"),
            pytest.param(page((2, "workflow_version", "steps", 0, "position"), DELETE), id="without-step-position"),
            pytest.param(page((*STEP, "auto"), DELETE), id="without-step-auto"),
            *own["pages_accepted"],
        ],
        pages_rejected=[
            *[pytest.param(page((2, field), DELETE), id=f"run-missing-{field}") for field in RUN_REQUIRED],
            # a nested object missing a required field
            pytest.param(page((2, "workflow_version", "id"), DELETE), id="missing-version-id"),
            pytest.param(page((2, "workflow_version", "app_id"), DELETE), id="missing-version-app-id"),
            pytest.param(page((2, "workflow_version", "workflow_id"), DELETE), id="missing-version-workflow-id"),
            pytest.param(page((2, "workflow_version", "version"), DELETE), id="missing-version-number"),
            pytest.param(page((2, "workflow_version", "created_at"), DELETE), id="missing-version-created-at"),
            pytest.param(page((2, "workflow_version", "steps"), DELETE), id="missing-version-steps"),
            pytest.param(page((2, "workflow_version", "created_by", "id"), DELETE), id="missing-version-author-id"),
            pytest.param(page((2, "workflow_version_draft", "steps"), DELETE), id="missing-draft-steps"),
            pytest.param(page((*STEP, "type"), DELETE), id="missing-step-type"),
            pytest.param(page((2, "workflow_version_draft", "steps", 1, "key"), DELETE), id="missing-step-key"),
            pytest.param(page((2, "usage", "total"), DELETE), id="missing-usage-total"),
            pytest.param(page((2, "usage", "calls", 0, "id"), DELETE), id="missing-usage-call-id"),
            pytest.param(
                page((2, "usage", "calls", 1, "calls", 0, "total"), DELETE), id="missing-nested-usage-call-total"
            ),
            # a wrong value
            pytest.param(page((2, "status"), "CANCELED"), id="status-CANCELED-in-invent-spelling"),
            pytest.param(page((2, "status"), "ALL"), id="status-ALL-is-a-filter-value-only"),
            pytest.param(page((2, "status"), "cancelled"), id="status-lowercase-b3os-spelling"),
            pytest.param(page((2, "status"), "success"), id="status-b3os-success"),
            pytest.param(page((2, "origin"), "ALL"), id="origin-ALL-is-a-filter-value-only"),
            pytest.param(page((2, "origin"), "manual"), id="origin-b3os-trigger-source"),
            pytest.param(page((2, "id"), 1042), id="id-integer"),
            pytest.param(page((2, "app_id"), None), id="app-id-null"),
            pytest.param(page((2, "output"), None), id="output-null"),
            pytest.param(page((2, "output"), []), id="output-array"),
            pytest.param(page((2, "input"), "T-48207"), id="input-string"),
            pytest.param(page((2, "error"), None), id="error-null"),
            pytest.param(page((2, "version"), "7"), id="version-string"),
            pytest.param(page((2, "usage"), None), id="usage-null"),
            pytest.param(page((2, "started_at"), "2023-12-25"), id="started-at-date-only-as-the-reference-shows"),
            pytest.param(page((2, "ended_at"), "2024-05-02 08:31:26"), id="ended-at-without-T-and-offset"),
            pytest.param(page((2, "created_at"), 1714638672), id="created-at-epoch-seconds"),
            pytest.param(page((2, "updated_at"), "yesterday"), id="updated-at-not-a-timestamp"),
            pytest.param(page((2, "workflow_version", "created_at"), None), id="version-created-at-null"),
            pytest.param(page((2, "workflow_version", "created_at"), "2024-04-29"), id="version-created-at-date-only"),
            pytest.param(page((2, "workflow_version", "version"), "7"), id="version-number-string"),
            pytest.param(page((2, "workflow_version", "created_by"), "usr_1Ds5fJ9gTm"), id="version-author-bare-id"),
            pytest.param(page((2, "workflow_version", "steps"), None), id="version-steps-null"),
            pytest.param(page((2, "workflow_version_draft", "steps"), {}), id="draft-steps-object"),
            pytest.param(page((2, "workflow_version_draft", "input"), None), id="draft-input-null"),
            pytest.param(
                page((2, "workflow_version_draft", "input_options", "display", "hidden"), "true"),
                id="input-display-hidden-string",
            ),
            pytest.param(page((2, "workflow_version", "input_options", "display"), "grid"), id="input-display-string"),
            pytest.param(page((*STEP, "type"), None), id="step-type-null"),
            pytest.param(page((*STEP, "throw_on_error"), "true"), id="step-flag-string"),
            pytest.param(page((*STEP, "destinations"), "draft_reply"), id="step-destinations-string"),
            pytest.param(page((*STEP, "position"), [420]), id="step-position-one-number"),
            pytest.param(page((*STEP, "size"), ["280", "160"]), id="step-size-strings"),
            pytest.param(page((*STEP, "auto", "temperature"), -0.5), id="step-temperature-negative"),
            pytest.param(page((2, "usage", "total"), "5.5"), id="usage-total-string"),
            pytest.param(page((2, "usage", "steps", "classify"), "2"), id="usage-step-credits-string"),
            pytest.param(page((2, "usage", "calls"), {"call_7Tn2vB9kXe": 2}), id="usage-calls-object"),
            pytest.param(page((2, "usage", "calls", 1, "calls", 0, "total"), None), id="nested-usage-call-total-null"),
            # a page in the wrong envelope
            pytest.param(completed_run(v2), id="single-run-without-array"),
            pytest.param({"data": valid}, id="data-wrapper"),
            pytest.param({"items": valid, "hasMore": False, "limit": 20, "offset": 0}, id="b3os-page"),
            pytest.param(
                {"code": 0, "message": "success", "requestId": "req_5f2c9a", "data": {"items": valid}},
                id="b3os-envelope",
            ),
            pytest.param({"runs": valid, "total": 3}, id="runs-wrapper"),
            pytest.param(None, id="null"),
            pytest.param([in_invent_shape(completed_run(v2))], id="run-in-invent-shape"),
            *own["pages_rejected"],
        ],
        errors_accepted=[
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
                        {"validation": "regex", "code": "invalid_string", "message": "Invalid", "path": ["app_id"]},
                    ],
                },
                id="400-with-zod-issues",
            ),
            pytest.param("401", {"status": 401, "message": "Unauthorized"}, id="401"),
            pytest.param("404", {"status": 404, "message": "Workflow not found"}, id="404"),
            pytest.param("429", {"status": 429, "message": "Too many requests"}, id="429"),
        ],
        errors_rejected=[
            pytest.param("401", {"detail": "Not authenticated"}, id="401-aitasker-fastapi-detail"),
            pytest.param(
                "401",
                {
                    "detail": [
                        {
                            "loc": ["query", "take"],
                            "msg": "Input should be less than or equal to 100",
                            "type": "less_than_equal",
                        }
                    ]
                },
                id="401-aitasker-fastapi-validation",
            ),
            pytest.param(
                "401",
                {"code": 401, "message": "invalid token", "requestId": "req_5f2c9a", "data": None},
                id="401-b3os-envelope",
            ),
            pytest.param("401", {"status": "401", "message": "Unauthorized"}, id="401-status-as-string"),
            pytest.param("401", {"status": 401}, id="401-no-message"),
            pytest.param("401", {"message": "Unauthorized"}, id="401-no-status"),
            pytest.param("401", {"status": 401, "message": None}, id="401-message-null"),
            *[
                pytest.param(
                    "400",
                    {"status": 400, "message": "Invalid query parameters", "errors": [issue]},
                    id=f"400-validation-issue-{name}",
                )
                for name, issue in {
                    "no-path": {"code": "too_big", "message": "Too big"},
                    "path-as-string": {"code": "too_big", "message": "Too big", "path": "take"},
                    "no-code": {"message": "Too big", "path": ["take"]},
                    "no-message": {"code": "too_big", "path": ["take"]},
                }.items()
            ],
        ],
        parameters_accepted=[
            pytest.param("app_id", "c", id="app-id-c-for-the-key-own-app"),
            pytest.param("app_id", "app_7Hc2kQ9xLm", id="app-id"),
            pytest.param("workflow_id", "wf_4nV8rT1zPq", id="workflow-id"),
            pytest.param("verbose", ["all"], id="verbose-all"),
            *paging.ACCEPTED,
            *[pytest.param("status", value, id=f"status-{value}") for value in ("ALL", *RUN_STATUSES)],
            *[pytest.param("origin", value, id=f"origin-{value}") for value in ("ALL", *origins)],
        ],
        parameters_rejected=[
            pytest.param("app_id", "", id="app-id-empty"),
            pytest.param("next", "eyJwYWdlIjoyfQ", id="next-token-this-endpoint-does-not-page-by-token"),
            pytest.param("verbose", "all", id="verbose-not-an-array"),
            pytest.param("verbose", ["ALL"], id="verbose-uppercase"),
            pytest.param("verbose", ["true"], id="verbose-as-invent-expand"),
            *paging.REJECTED,
            pytest.param("status", "CANCELED", id="status-CANCELED-in-invent-spelling"),
            pytest.param("status", "all", id="status-lowercase-all"),
            pytest.param("status", "cancelled", id="status-lowercase-b3os-spelling"),
            pytest.param("status", "", id="status-empty"),
            pytest.param("origin", "webhook", id="origin-lowercase"),
            pytest.param("origin", "schedule", id="origin-b3os-trigger-source"),
            *own["parameters_rejected"],
        ],
        answering_a_run=["runWorkflow", *[ON_ONE_RUN[name] for name in on_one_run]],
        request_bodies={
            "runWorkflow": False,
            "getWorkflowRun": None,
            "cancelWorkflowRun": None,
            "replayWorkflowRun": False,
            **({"updateRunDataRetentionConfiguration": True} if v2 else {}),
        },
        bodies_accepted=[
            pytest.param("runWorkflow", {}, id="run-empty"),
            pytest.param(
                "runWorkflow", {"input": {"ticket_id": "T-1"}, "workflow_version_id": "latest"}, id="run-latest"
            ),
            pytest.param(
                "runWorkflow", {"input": None, "workflow_version_id": "draft", "stream": False}, id="run-draft"
            ),
            pytest.param("runWorkflow", {"workflow_version_id": "wfv_3Lp7cX2nRk"}, id="run-version-id"),
            pytest.param("runWorkflow", {"workflow_version_id": 7}, id="run-version-number"),
            pytest.param("replayWorkflowRun", {}, id="replay-empty"),
            pytest.param(
                "replayWorkflowRun",
                {"stepKey": "draft_reply", "stream": False, "background": True, "identifier": "r-1"},
                id="replay-all",
            ),
        ],
        bodies_rejected=[
            pytest.param("runWorkflow", {"stream": True}, id="run-stream-true"),
            pytest.param("runWorkflow", {"input": "T-1"}, id="run-input-string"),
            pytest.param("runWorkflow", {"workflow_version_id": ""}, id="run-empty-version"),
            pytest.param("runWorkflow", {"workflow_version_id": 0}, id="run-version-0"),
            pytest.param("runWorkflow", {"workflow_version_id": None}, id="run-version-null"),
            pytest.param("runWorkflow", {"background": True}, id="run-background-not-on-this-page"),
            pytest.param("runWorkflow", {"identifier": "x"}, id="run-identifier-not-on-this-page"),
            pytest.param("runWorkflow", [], id="run-array-body"),
            pytest.param("replayWorkflowRun", {"stream": True}, id="replay-stream-true"),
            pytest.param("replayWorkflowRun", {"background": False}, id="replay-background-false"),
            pytest.param("replayWorkflowRun", {"stepKey": ""}, id="replay-empty-step-key"),
            pytest.param("replayWorkflowRun", {"identifier": "x" * 256}, id="replay-identifier-too-long"),
            pytest.param("replayWorkflowRun", {"step_key": "draft_reply"}, id="replay-snake-case-step-key"),
            pytest.param("replayWorkflowRun", {"input": {}}, id="replay-input-not-on-replay"),
        ],
        answers_accepted=[
            pytest.param(operation_id, status, {"status": int(status), "message": "No"}, id=name)
            for name, (operation_id, status) in OPERATION_ERRORS.items()
        ],
        answers_rejected=[
            pytest.param(operation_id, status, {"detail": "No"}, id=f"{name}-fastapi-detail")
            for name, (operation_id, status) in OPERATION_ERRORS.items()
        ],
        links={
            "getWorkflowRuns": links_to("$response.body#/0/id", on_one_run),
            "runWorkflow": links_to("$response.body#/id", on_one_run),
            "replayWorkflowRun": links_to("$response.body#/id", on_one_run),
            "getWorkflowRun": links_to("$response.body#/id", [n for n in on_one_run if n != "GetRun"]),
            "cancelWorkflowRun": links_to("$response.body#/id", ["GetRun", "ReplayRun"]),
            **({"updateRunDataRetentionConfiguration": links_to("$response.body#/id", ["GetRun"])} if v2 else {}),
        },
        newest_first=lambda run: (moment(run["created_at"]),),
    )


V1 = table(v2=False)
V2 = table(v2=True)
