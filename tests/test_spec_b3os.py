"""The b3os spec, case by case: vendor-shaped envelopes pass, subtly wrong ones are rejected.

Bodies are built from the vendor's API reference page for the endpoint, with realistic
values. Every rejected variant is a deep copy of a valid body with exactly one thing changed, and must
fail at exactly one place.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

import pytest

from tests.spec_support import (
    Document,
    list_operation,
    load_spec,
    parameter_schema,
    resolve,
    response_schema,
    schema_errors,
    validator_for,
)

DIALECT = "b3os"

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

DELETE = object()
"""Marker for `changed`: remove the key instead of setting it."""

RUN = ("data", "items", 1)
"""Where the retry run sits in VALID_BODY."""


def changed(path: tuple[str | int, ...], value: object, body: Any = None) -> Any:
    """A deep copy of `body` (default: the valid envelope) with the value at `path` set (or deleted)."""
    result: Any = copy.deepcopy(VALID_BODY if body is None else body)
    target: Any = result
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return result


def errors_for(status: str, body: object) -> list[str]:
    return schema_errors(DIALECT, response_schema(DIALECT, status), body)


def rejected_for_one_reason(status: str, body: object) -> bool:
    """True when `body` fails validation at exactly one place (the one reason the variant was built for)."""
    validator = validator_for(DIALECT, response_schema(DIALECT, status))
    return len({tuple(error.absolute_path) for error in validator.iter_errors(body)}) == 1


def component_schema(name: str) -> Document:
    schema: Document = load_spec(DIALECT)["components"]["schemas"][name]
    return schema


def parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


# --- the operation ------------------------------------------------------------------------------------


def test_b3os_path_and_operation_id_are_the_vendors() -> None:
    path, operation = list_operation(DIALECT)
    assert path == "/v1/workflows/{id}/runs"
    assert operation["operationId"] == "listWorkflowRuns"


def test_b3os_operation_takes_the_vendors_parameters() -> None:
    _, operation = list_operation(DIALECT)
    parameters = [resolve(DIALECT, parameter) for parameter in operation["parameters"]]
    assert [(p["name"], p["in"], p.get("required", False)) for p in parameters] == [
        ("id", "path", True),
        ("limit", "query", False),
        ("offset", "query", False),
        ("status", "query", False),
    ]


@pytest.mark.parametrize(
    ("name", "default"),
    [
        pytest.param("limit", 20, id="limit-defaults-to-20"),
        pytest.param("offset", 0, id="offset-defaults-to-0"),
    ],
)
def test_b3os_paging_parameter_has_the_vendors_default(name: str, default: int) -> None:
    assert parameter_schema(DIALECT, name)["default"] == default


def test_b3os_documents_the_vendors_error_statuses() -> None:
    _, operation = list_operation(DIALECT)
    assert sorted(operation["responses"]) == ["200", *ERROR_STATUSES]


def test_b3os_run_status_enum_is_exactly_the_vendors() -> None:
    assert component_schema("WorkflowRunStatus")["enum"] == RUN_STATUSES


def test_b3os_status_filter_and_run_status_share_one_enum() -> None:
    assert resolve(DIALECT, parameter_schema(DIALECT, "status")) is component_schema("WorkflowRunStatus")


def test_b3os_run_requires_every_field_of_the_reference_page() -> None:
    assert component_schema("WorkflowRun")["required"] == RUN_REQUIRED


def test_b3os_rate_limited_response_carries_retry_after() -> None:
    _, operation = list_operation(DIALECT)
    header = resolve(DIALECT, resolve(DIALECT, operation["responses"]["429"])["headers"]["Retry-After"])
    assert header["required"] is True


# --- accepted 200 bodies ------------------------------------------------------------------------------


def test_b3os_accepts_a_realistic_vendor_shaped_envelope() -> None:
    assert errors_for("200", VALID_BODY) == []


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(changed(("code",), 0), id="success-code-0"),
        pytest.param(changed(("code",), 200), id="success-code-200"),
        pytest.param(changed(("data",), {"hasMore": False, "items": [], "limit": 20, "offset": 40}), id="empty-page"),
        pytest.param(changed(("data", "limit"), 100), id="largest-limit"),
        pytest.param(changed(("data", "limit"), 1), id="smallest-limit"),
        *[pytest.param(changed((*RUN, "status"), status), id=f"status-{status}") for status in RUN_STATUSES],
        *[pytest.param(changed((*RUN, field), None), id=f"{field}-null") for field in RUN_NULLABLE],
        *[
            pytest.param(changed((*RUN, "triggerSource"), source), id=f"triggerSource-{source}")
            for source in ["manual", "schedule", "cronjob", "webhook", "api"]
        ],
        pytest.param(changed((*RUN, "totalCu"), 0), id="totalCu-zero"),
        pytest.param(changed((*RUN, "totalCu"), 12), id="totalCu-whole-number"),
        pytest.param(changed((*RUN, "isSimulation"), True), id="simulation"),
        pytest.param(changed((*RUN, "isDustTest"), True), id="dust-test"),
        pytest.param(changed((*RUN, "workflowVersion"), 1), id="first-workflow-version"),
        pytest.param(changed((*RUN, "startedAt"), "2025-03-14T09:47:12.482+01:00"), id="offset-timestamp"),
    ],
)
def test_b3os_accepts_vendor_values(body: object) -> None:
    assert errors_for("200", body) == []


# --- rejected 200 bodies ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        *[pytest.param(changed((field,), DELETE), id=f"envelope-without-{field}") for field in ENVELOPE_REQUIRED],
        *[pytest.param(changed(("data", field), DELETE), id=f"page-without-{field}") for field in PAGE_REQUIRED],
        *[pytest.param(changed((*RUN, field), DELETE), id=f"run-without-{field}") for field in RUN_REQUIRED],
    ],
)
def test_b3os_rejects_a_body_missing_a_required_field(body: object) -> None:
    assert rejected_for_one_reason("200", body)


@pytest.mark.parametrize(
    "status",
    [
        pytest.param("CANCELLED", id="cortex-upper-case-CANCELLED"),
        pytest.param("canceled", id="one-l-canceled"),
        pytest.param("CANCELED", id="invent-CANCELED"),
        pytest.param("Success", id="capitalised-Success"),
        pytest.param("succeeded", id="succeeded"),
        pytest.param("completed", id="aitasker-completed"),
        pytest.param("failed", id="failed-instead-of-failure"),
        pytest.param("pending", id="pending-node-status"),
        pytest.param("skipped", id="skipped-node-status"),
        pytest.param("ALL", id="ALL-filter-value"),
        pytest.param("", id="empty"),
    ],
)
def test_b3os_rejects_a_run_status_not_spelled_as_the_vendor_does(status: str) -> None:
    assert rejected_for_one_reason("200", changed((*RUN, "status"), status))


@pytest.mark.parametrize(
    "body",
    [
        # null where the vendor does not allow it
        pytest.param(changed((*RUN, "id"), None), id="id-null"),
        pytest.param(changed((*RUN, "workflowId"), None), id="workflowId-null"),
        pytest.param(changed((*RUN, "workflowVersion"), None), id="workflowVersion-null"),
        pytest.param(changed((*RUN, "status"), None), id="status-null"),
        pytest.param(changed((*RUN, "startedAt"), None), id="startedAt-null"),
        pytest.param(changed((*RUN, "triggerSource"), None), id="triggerSource-null"),
        pytest.param(changed((*RUN, "isSimulation"), None), id="isSimulation-null"),
        pytest.param(changed((*RUN, "isDustTest"), None), id="isDustTest-null"),
        pytest.param(changed((*RUN, "totalCu"), None), id="totalCu-null"),
        pytest.param(changed(("data",), None), id="data-null-on-success"),
        pytest.param(changed(("data", "items"), None), id="items-null"),
        pytest.param(changed(("data", "hasMore"), None), id="hasMore-null"),
        # wrong types
        pytest.param(changed((*RUN, "totalCu"), "12.4"), id="totalCu-string"),
        pytest.param(changed((*RUN, "workflowVersion"), 7.5), id="workflowVersion-fractional"),
        pytest.param(changed((*RUN, "workflowVersion"), "7"), id="workflowVersion-string"),
        pytest.param(changed((*RUN, "isDustTest"), "false"), id="isDustTest-string"),
        pytest.param(changed((*RUN, "isSimulation"), 0), id="isSimulation-integer"),
        pytest.param(changed((*RUN, "id"), 1842), id="id-integer"),
        pytest.param(changed((*RUN, "triggeredBy"), {"id": "usr_4pZZYcuvfqAu"}), id="triggeredBy-object"),
        pytest.param(changed((*RUN, "sourceRunId"), ["run_dhPePB0rZtCV"]), id="sourceRunId-array"),
        pytest.param(changed(("data", "hasMore"), "true"), id="hasMore-string"),
        pytest.param(changed(("data", "limit"), "20"), id="limit-string"),
        pytest.param(changed(("code",), "200"), id="code-string"),
        pytest.param(changed(("requestId",), 8814), id="requestId-integer"),
        # out of bounds / outside the enum
        pytest.param(changed(("code",), 201), id="code-201"),
        pytest.param(changed(("code",), 404), id="error-code-on-success"),
        pytest.param(changed((*RUN, "totalCu"), -0.5), id="totalCu-negative"),
        pytest.param(changed((*RUN, "workflowVersion"), 0), id="workflowVersion-0"),
        pytest.param(changed(("data", "limit"), 0), id="limit-0"),
        pytest.param(changed(("data", "limit"), 101), id="limit-101"),
        pytest.param(changed(("data", "offset"), -1), id="offset-negative"),
        # malformed timestamps
        pytest.param(changed((*RUN, "startedAt"), "2025-03-14"), id="startedAt-date-only"),
        pytest.param(changed((*RUN, "startedAt"), "2025-03-14 08:47:12"), id="startedAt-without-T-and-zone"),
        pytest.param(changed((*RUN, "finishedAt"), "1741942078"), id="finishedAt-epoch-seconds"),
        pytest.param(changed((*RUN, "finishedAt"), ""), id="finishedAt-empty-string-for-not-finished"),
    ],
)
def test_b3os_rejects_a_subtly_wrong_envelope_or_run(body: object) -> None:
    assert rejected_for_one_reason("200", body)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param([RUNNING_RUN, RETRY_RUN], id="bare-array-of-runs"),
        pytest.param(changed(("data",), [RUNNING_RUN, RETRY_RUN]), id="data-is-a-bare-array"),
        pytest.param(changed(("data", "items"), RETRY_RUN), id="items-is-a-single-run"),
        pytest.param(RETRY_RUN, id="a-single-run-without-envelope"),
    ],
)
def test_b3os_rejects_the_wrong_envelope(body: object) -> None:
    assert rejected_for_one_reason("200", body)


# --- error bodies -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "body"),
    [
        pytest.param(
            "400",
            {**NOT_FOUND, "code": 400, "message": "invalid parameter limit: must be between 1 and 100"},
            id="400-bad-limit",
        ),
        pytest.param("401", {**NOT_FOUND, "code": 401, "message": "unauthorized"}, id="401-unauthorized"),
        pytest.param("403", {**NOT_FOUND, "code": 403, "message": "forbidden"}, id="403-forbidden"),
        pytest.param("404", NOT_FOUND, id="404-not-found"),
        pytest.param("429", {**NOT_FOUND, "code": 429, "message": "rate limit exceeded"}, id="429-rate-limited"),
        pytest.param("404", changed(("data",), DELETE, NOT_FOUND), id="404-without-data"),
    ],
)
def test_b3os_accepts_error_envelopes(status: str, body: object) -> None:
    assert errors_for(status, body) == []


@pytest.mark.parametrize("status", ERROR_STATUSES)
@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"detail": "Not Found"}, id="aitasker-fastapi-detail"),
        pytest.param({"status": 404, "message": "Not Found"}, id="cortex-status-message"),
        pytest.param({"error": "workflow not found"}, id="bare-error-key"),
        pytest.param(changed(("requestId",), DELETE, NOT_FOUND), id="envelope-without-requestId"),
        pytest.param(changed(("message",), DELETE, NOT_FOUND), id="envelope-without-message"),
        pytest.param(changed(("code",), DELETE, NOT_FOUND), id="envelope-without-code"),
        pytest.param(changed(("code",), 0, NOT_FOUND), id="success-code-0-on-an-error"),
        pytest.param(changed(("code",), "404", NOT_FOUND), id="code-string"),
        pytest.param(changed(("data",), {"field": "limit"}, NOT_FOUND), id="data-not-null"),
    ],
)
def test_b3os_rejects_error_bodies_in_other_shapes(status: str, body: object) -> None:
    assert rejected_for_one_reason(status, body)


# --- request side -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [
        pytest.param("id", WORKFLOW_ID, id="id-opaque-workflow-id"),
        pytest.param("limit", 1, id="limit-1"),
        pytest.param("limit", 20, id="limit-20"),
        pytest.param("limit", 100, id="limit-100"),
        pytest.param("offset", 0, id="offset-0"),
        pytest.param("offset", 4000, id="offset-4000"),
        *[pytest.param("status", status, id=f"status-{status}") for status in RUN_STATUSES],
    ],
)
def test_b3os_parameter_accepts_the_vendors_values(name: str, value: object) -> None:
    assert schema_errors(DIALECT, parameter_schema(DIALECT, name), value) == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
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
)
def test_b3os_parameter_rejects_what_the_vendor_rejects(name: str, value: object) -> None:
    assert schema_errors(DIALECT, parameter_schema(DIALECT, name), value)


# --- the spec's own examples keep the rules its descriptions state ------------------------------------


def page_examples() -> list[tuple[str, Document]]:
    _, operation = list_operation(DIALECT)
    examples = operation["responses"]["200"]["content"]["application/json"]["examples"]
    return [(name, resolve(DIALECT, example)["value"]["data"]) for name, example in examples.items()]


def error_examples() -> list[tuple[str, str, Document]]:
    _, operation = list_operation(DIALECT)
    found = []
    for status in ERROR_STATUSES:
        content = resolve(DIALECT, operation["responses"][status])["content"]["application/json"]
        for name, example in content["examples"].items():
            found.append((status, name, resolve(DIALECT, example)["value"]))
    return found


@pytest.mark.parametrize(("name", "page"), page_examples())
def test_b3os_example_page_is_ordered_newest_first_by_started_at_then_id(name: str, page: Document) -> None:
    keys = [(parse_time(run["startedAt"]), run["id"]) for run in page["items"]]
    assert keys == sorted(keys, reverse=True), name


@pytest.mark.parametrize(("name", "page"), page_examples())
def test_b3os_example_page_is_consistent_with_its_paging(name: str, page: Document) -> None:
    assert len(page["items"]) <= page["limit"], name
    if page["hasMore"]:
        assert len(page["items"]) == page["limit"], name


@pytest.mark.parametrize(("name", "page"), page_examples())
def test_b3os_example_runs_keep_the_timeline_rules(name: str, page: Document) -> None:
    for run in page["items"]:
        assert run["workflowId"] == WORKFLOW_ID, (name, run["id"])
        if run["status"] in {"running", "waiting"}:
            assert run["finishedAt"] is None, (name, run["id"])
        else:
            assert parse_time(run["finishedAt"]) >= parse_time(run["startedAt"]), (name, run["id"])
        if run["triggerSource"] in {"schedule", "cronjob", "webhook"}:
            assert run["triggeredBy"] is None, (name, run["id"])


@pytest.mark.parametrize(("status", "name", "body"), error_examples())
def test_b3os_error_example_code_equals_the_http_status(status: str, name: str, body: Document) -> None:
    assert body["code"] == int(status), name
