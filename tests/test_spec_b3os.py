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
    operation,
    operation_parameters,
    operation_response_schema,
    operations,
    parameter_schema,
    request_body_schema,
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


# --- the operations on one run ------------------------------------------------------------------------

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


def example(name: str) -> Any:
    return resolve(DIALECT, {"$ref": f"#/components/examples/{name}"})["value"]


def errors_for_operation(operation_id: str, status: str, body: object) -> list[str]:
    return schema_errors(DIALECT, operation_response_schema(DIALECT, operation_id, status), body)


def body_errors(operation_id: str, body: object) -> list[str]:
    return schema_errors(DIALECT, request_body_schema(DIALECT, operation_id), body)


def linked(operation_id: str) -> dict[str, Document]:
    response = resolve(DIALECT, operation(DIALECT, operation_id)[2]["responses"]["200"])
    return {name: resolve(DIALECT, link) for name, link in response.get("links", {}).items()}


def test_b3os_has_exactly_the_operations_the_vendor_documents() -> None:
    assert {operation_id: (method, path) for operation_id, (path, method, _) in operations(DIALECT).items()} == {
        "listWorkflowRuns": ("get", "/v1/workflows/{id}/runs"),
        "getRun": ("get", "/v1/runs/{id}"),
        "runWorkflow": ("post", "/v1/workflows/{id}/run"),
        "cancelRun": ("post", "/v1/runs/{id}/cancel"),
        "retryRun": ("post", "/v1/runs/{id}/retry"),
        "createEphemeralRun": ("post", "/v1/runs"),
    }


@pytest.mark.parametrize(
    ("operation_id", "statuses"),
    [
        pytest.param("getRun", ["200", "400", "401", "403", "404", "429"], id="get"),
        pytest.param("runWorkflow", ["200", "400", "401", "403", "404", "413", "429"], id="run"),
        pytest.param("cancelRun", ["200", "400", "401", "403", "404", "409", "429"], id="cancel"),
        pytest.param("retryRun", ["200", "400", "401", "403", "404", "409", "429"], id="retry"),
        pytest.param("createEphemeralRun", ["200", "400", "401", "402", "403", "413", "429"], id="ephemeral"),
    ],
)
def test_b3os_run_operation_documents_its_statuses(operation_id: str, statuses: list[str]) -> None:
    assert sorted(operation(DIALECT, operation_id)[2]["responses"]) == statuses


def test_b3os_get_run_takes_the_run_id_summary_and_node_ids() -> None:
    parameters = operation_parameters(DIALECT, "getRun")
    assert [(p["name"], p["in"], p.get("required", False)) for p in parameters.values()] == [
        ("id", "path", True),
        ("summary", "query", False),
        ("nodeIds", "query", False),
    ]
    assert parameters["summary"]["schema"] == {"type": "boolean", "default": False}


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("root", True, id="one-node"),
        pytest.param("root,swap", True, id="two-nodes"),
        pytest.param("", False, id="empty"),
        pytest.param("root,,swap", False, id="empty-entry"),
        pytest.param(",root", False, id="leading-comma"),
    ],
)
def test_b3os_node_ids_is_a_comma_separated_list_of_non_empty_ids(value: str, valid: bool) -> None:
    schema = operation_parameters(DIALECT, "getRun")["nodeIds"]["schema"]
    assert (schema_errors(DIALECT, schema, value) == []) is valid


@pytest.mark.parametrize("operation_id", ["cancelRun", "retryRun"])
def test_b3os_cancel_and_retry_take_only_the_run_id_and_no_body(operation_id: str) -> None:
    found = operation(DIALECT, operation_id)[2]
    assert list(operation_parameters(DIALECT, operation_id)) == ["id"]
    assert "requestBody" not in found


@pytest.mark.parametrize("operation_id", ["getRun", "cancelRun", "retryRun"])
def test_b3os_run_answers_share_the_lists_run_schema(operation_id: str) -> None:
    detail = resolve(DIALECT, operation_response_schema(DIALECT, operation_id))["properties"]["data"]
    assert resolve(DIALECT, detail)["allOf"][0] == {"$ref": "#/components/schemas/WorkflowRun"}
    assert resolve(DIALECT, component_schema("WorkflowRunPage")["properties"]["items"]["items"]) is component_schema(
        "WorkflowRun"
    )


def test_b3os_accepts_a_run_with_its_detail_fields() -> None:
    assert errors_for_operation("getRun", "200", RUN_BODY) == []


@pytest.mark.parametrize("omitted", ["executionState", "workflowDefinition"])
def test_b3os_accepts_a_summary_run_without_state_or_definition(omitted: str) -> None:
    assert errors_for_operation("getRun", "200", changed(("data", omitted), DELETE, RUN_BODY)) == []


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(changed(("data", "organizationId"), DELETE, RUN_BODY), id="no-organization"),
        pytest.param(changed(("data", "simulationForks"), DELETE, RUN_BODY), id="no-simulation-forks"),
        pytest.param(changed(("data", "status"), "partial", RUN_BODY), id="later-revisions-partial"),
        pytest.param(changed(("data", "sourceRunId"), DELETE, RUN_BODY), id="list-field-missing"),
        pytest.param(changed(("data", "executionState", "swap", "status"), "done", RUN_BODY), id="node-status"),
        pytest.param(changed(("data", "workflowDefinition", "nodes"), {}, RUN_BODY), id="no-nodes"),
        pytest.param(
            changed(("data", "workflowDefinition", "nodes", "swap"), {"children": []}, RUN_BODY), id="untyped"
        ),
        pytest.param(changed(("data", "simulationForks"), [{"chainId": 1}], RUN_BODY), id="partial-fork"),
    ],
)
def test_b3os_rejects_a_run_detail_missing_or_misspelling_a_field(body: object) -> None:
    assert errors_for_operation("getRun", "200", body) != []


@pytest.mark.parametrize(
    ("name", "run_id"),
    [
        pytest.param("FailedRunDetail", "run_dhPePB0rZtCV", id="detail"),
        pytest.param("RunSummary", "run_dhPePB0rZtCV", id="summary"),
    ],
)
def test_b3os_get_run_example_holds_the_lists_run_unchanged(name: str, run_id: str) -> None:
    (listed,) = [run for run in example("MixedPage")["data"]["items"] if run["id"] == run_id]
    detail = example(name)["data"]
    assert {key: detail[key] for key in listed} == listed


def test_b3os_summary_example_omits_state_and_definition() -> None:
    assert not {"executionState", "workflowDefinition"} & set(example("RunSummary")["data"])
    assert {"executionState", "workflowDefinition"} <= set(example("FailedRunDetail")["data"])


def test_b3os_cancel_example_is_a_finished_cancelled_run() -> None:
    run = example("CancelledRunDetail")["data"]
    assert run["status"] == "cancelled"
    assert parse_time(run["finishedAt"]) >= parse_time(run["startedAt"])


def test_b3os_retry_example_is_a_new_running_run_pointing_at_its_source() -> None:
    retry = example("RetryRunDetail")["data"]
    source = example("FailedRunDetail")["data"]
    assert retry["id"] != source["id"]
    assert retry["sourceRunId"] == source["id"]
    assert (retry["status"], retry["finishedAt"]) == ("running", None)


def test_b3os_run_workflow_body_is_optional_json() -> None:
    body = resolve(DIALECT, operation(DIALECT, "runWorkflow")[2]["requestBody"])
    assert body["required"] is False
    assert list(body["content"]) == ["application/json"]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({}, id="option-2-empty"),
        pytest.param({"payload": {"amount": 250}, "runId": "run_3QxK9mWp2ZbT", "version": 7}, id="payload"),
        pytest.param({"simulate": True, "dustTest": False}, id="simulation"),
        pytest.param({"dustTest": True}, id="dust-test"),
        pytest.param({"chatMessageId": "msg_1"}, id="chat-message"),
    ],
)
def test_b3os_run_workflow_accepts_the_vendors_options(body: object) -> None:
    assert body_errors("runWorkflow", body) == []


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"dustTest": True, "simulate": True}, id="dust-test-and-simulate"),
        pytest.param({"runId": "3QxK9mWp2ZbT"}, id="run-id-without-prefix"),
        pytest.param({"runId": "run_"}, id="run-id-only-prefix"),
        pytest.param({"runId": "run_a/b"}, id="run-id-with-slash"),
        pytest.param({"version": 0}, id="version-0"),
        pytest.param({"version": "7"}, id="version-string"),
        pytest.param({"payload": "amount=250"}, id="payload-string"),
        pytest.param({"simulate": "true"}, id="simulate-string"),
        pytest.param({"dryRun": True}, id="unknown-field"),
    ],
)
def test_b3os_run_workflow_rejects_what_the_vendor_rejects(body: object) -> None:
    assert body_errors("runWorkflow", body) != []


def test_b3os_ephemeral_run_requires_a_definition_with_nodes() -> None:
    valid = example("EphemeralRun")
    assert body_errors("createEphemeralRun", valid) == []
    assert body_errors("createEphemeralRun", {"payload": {}}) != []
    assert body_errors("createEphemeralRun", {"definition": {}}) != []
    assert body_errors("createEphemeralRun", {**valid, "workflowId": "wf_1"}) != []
    assert body_errors("createEphemeralRun", {**valid, "runId": "ephemeral_1"}) != []


@pytest.mark.parametrize(
    "nodes",
    [
        pytest.param({"notify": {"type": "telegram_message"}}, id="no-root"),
        pytest.param({"root": {"type": "cronjob"}}, id="another-trigger"),
        pytest.param({"root": {"children": []}}, id="root-without-type"),
    ],
)
def test_b3os_ephemeral_run_states_its_manual_root_in_the_schema(nodes: dict[str, object]) -> None:
    # What a client generator and a fuzzer read: only a manual root is a valid ephemeral definition.
    assert body_errors("createEphemeralRun", {"definition": {"nodes": nodes}}) != []
    assert body_errors("createEphemeralRun", {"definition": {"nodes": {"root": {"type": "manual"}}}}) == []


@pytest.mark.parametrize(
    ("operation_id", "code"),
    [
        pytest.param("runWorkflow", 400078, id="run-invalid-run-id"),
        pytest.param("runWorkflow", 400079, id="run-duplicate-run-id"),
        pytest.param("createEphemeralRun", 400228, id="ephemeral-invalid-definition"),
        pytest.param("createEphemeralRun", 400229, id="ephemeral-non-manual-trigger"),
        pytest.param("createEphemeralRun", 400, id="ephemeral-plain-400"),
    ],
)
def test_b3os_run_requests_answer_the_vendors_detailed_400_codes(operation_id: str, code: int) -> None:
    body = {"code": code, "message": "bad request", "requestId": "req_1", "data": None}
    assert errors_for_operation(operation_id, "400", body) == []
    assert errors_for_operation(operation_id, "400", {**body, "code": 400999}) != []


@pytest.mark.parametrize(
    ("operation_id", "status"),
    [
        pytest.param("cancelRun", "409", id="cancel-conflict"),
        pytest.param("retryRun", "409", id="retry-conflict"),
        pytest.param("createEphemeralRun", "402", id="insufficient-cu"),
        pytest.param("runWorkflow", "413", id="too-large"),
    ],
)
def test_b3os_write_errors_are_envelopes_with_the_http_status(operation_id: str, status: str) -> None:
    body = {"code": int(status), "message": "no", "requestId": "req_1", "data": None}
    assert errors_for_operation(operation_id, status, body) == []
    assert errors_for_operation(operation_id, status, {"error": "no"}) != []


def test_b3os_list_links_its_first_run_to_get_cancel_and_retry() -> None:
    links = linked("listWorkflowRuns")
    assert {link["operationId"]: link["parameters"] for link in links.values()} == {
        "getRun": {"id": "$response.body#/data/items/0/id"},
        "cancelRun": {"id": "$response.body#/data/items/0/id"},
        "retryRun": {"id": "$response.body#/data/items/0/id"},
    }


@pytest.mark.parametrize("operation_id", ["runWorkflow", "createEphemeralRun"])
def test_b3os_created_run_links_to_get_cancel_and_retry_by_its_run_id(operation_id: str) -> None:
    assert {link["operationId"]: link["parameters"] for link in linked(operation_id).values()} == {
        "getRun": {"id": "$response.body#/data/runId"},
        "cancelRun": {"id": "$response.body#/data/runId"},
        "retryRun": {"id": "$response.body#/data/runId"},
    }


def test_b3os_retry_links_to_the_new_run_and_back_to_its_source() -> None:
    assert {name: (link["operationId"], link["parameters"]) for name, link in linked("retryRun").items()} == {
        "GetRun": ("getRun", {"id": "$response.body#/data/id"}),
        "CancelRun": ("cancelRun", {"id": "$response.body#/data/id"}),
        "GetSourceRun": ("getRun", {"id": "$response.body#/data/sourceRunId"}),
    }
