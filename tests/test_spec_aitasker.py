"""The aitasker spec, case by case: vendor-shaped bodies pass, subtly wrong ones are rejected.

Bodies are built from the vendor's API reference page for the endpoint,
with realistic values. Every rejected variant is a deep copy of a valid body with exactly one thing
changed, and must fail at exactly one place.
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

DIALECT = "aitasker"

WORKSPACE_ID = "34600430-e8ed-4209-85ca-2ed58e011fc8"
WORKFLOW_ID = "5e0d1e17-e869-499d-a2c8-6326805db28b"
RUN_ID = "5b6943f6-c1e4-4249-bc69-ba20992a90e2"

RUN_REQUIRED = ["id", "workflow_id", "status", "created_at"]
NODE_RUN_REQUIRED = ["id", "workflow_run_id", "workflow_node_id", "status", "created_at"]
RUN_NULLABLE = ["triggered_by", "started_at", "completed_at", "error_message"]
NODE_RUN_NULLABLE = ["task_id", "input_data", "output_data", "started_at", "completed_at"]
KNOWN_RUN_STATUSES = ["pending", "running", "completed", "failed", "cancelled"]
KNOWN_NODE_RUN_STATUSES = [*KNOWN_RUN_STATUSES, "skipped"]
FINISHED = {"completed", "failed", "cancelled"}

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

DELETE = object()
"""Marker for `changed`: remove the key instead of setting it."""


def changed(path: tuple[str | int, ...], value: object, body: Any = None) -> Any:
    """A deep copy of `body` (default: the valid list body) with the value at `path` set (or deleted)."""
    result: Any = copy.deepcopy(VALID_BODY if body is None else body)
    target: Any = result
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return result


def errors_200(body: object) -> list[str]:
    return schema_errors(DIALECT, response_schema(DIALECT, "200"), body)


def failing_locations(schema: Document, body: object) -> set[tuple[str | int, ...]]:
    """Where in `body` validation fails; a variant built to fail for one reason fails at exactly one place."""
    return {tuple(error.absolute_path) for error in validator_for(DIALECT, schema).iter_errors(body)}


def rejected_for_one_reason(schema: Document, body: object) -> bool:
    return len(failing_locations(schema, body)) == 1


def component_schema(name: str) -> Document:
    schema: Document = load_spec(DIALECT)["components"]["schemas"][name]
    return schema


def parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


# --- the operation --------------------------------------------------------------------------------------


def test_aitasker_path_and_operation_id_are_the_vendors() -> None:
    path, operation = list_operation(DIALECT)
    assert path == "/api/v1/workspaces/{workspace_id}/workflows/{workflow_id}/runs"
    assert operation["operationId"] == "getWorkspaceWorkflowRuns"


def test_aitasker_operation_takes_only_the_two_uuid_path_parameters_and_no_query() -> None:
    _, operation = list_operation(DIALECT)
    parameters = [resolve(DIALECT, parameter) for parameter in operation["parameters"]]
    assert [(p["name"], p["in"], p["required"]) for p in parameters] == [
        ("workspace_id", "path", True),
        ("workflow_id", "path", True),
    ]
    assert all(p["schema"] == {"type": "string", "format": "uuid"} for p in parameters)


def test_aitasker_documents_the_vendors_error_statuses() -> None:
    _, operation = list_operation(DIALECT)
    assert sorted(operation["responses"]) == ["200", "401", "404", "422", "429"]


@pytest.mark.parametrize(
    ("schema_name", "required"),
    [
        pytest.param("WorkflowRunResponse", RUN_REQUIRED, id="run"),
        pytest.param("WorkflowNodeRunResponse", NODE_RUN_REQUIRED, id="node-run"),
    ],
)
def test_aitasker_schema_requires_exactly_what_the_reference_page_marks_required(
    schema_name: str, required: list[str]
) -> None:
    assert component_schema(schema_name)["required"] == required


@pytest.mark.parametrize("schema_name", ["WorkflowRunResponse", "WorkflowNodeRunResponse"])
def test_aitasker_status_is_a_plain_string_as_the_vendor_declares_it(schema_name: str) -> None:
    status = component_schema(schema_name)["properties"]["status"]
    assert status["type"] == "string"
    assert "enum" not in status


# --- accepted 200 bodies --------------------------------------------------------------------------------


def test_aitasker_accepts_a_realistic_vendor_shaped_list() -> None:
    assert errors_200(VALID_BODY) == []


def test_aitasker_accepts_an_empty_list() -> None:
    assert errors_200([]) == []


@pytest.mark.parametrize("status", KNOWN_RUN_STATUSES)
def test_aitasker_accepts_every_known_run_status(status: str) -> None:
    assert errors_200(changed((1, "status"), status)) == []


@pytest.mark.parametrize("status", KNOWN_NODE_RUN_STATUSES)
def test_aitasker_accepts_every_known_node_run_status(status: str) -> None:
    assert errors_200(changed((1, "node_runs", 0, "status"), status)) == []


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(changed((1, "status"), "queued"), id="run-status-queued"),
        pytest.param(changed((1, "node_runs", 0, "status"), "retrying"), id="node-run-status-retrying"),
    ],
)
def test_aitasker_accepts_status_values_outside_the_known_list(body: object) -> None:
    """The vendor does not enumerate statuses, so the spec must not reject a value it has not listed."""
    assert errors_200(body) == []


@pytest.mark.parametrize(
    "body",
    [
        *[pytest.param(changed((1, field), None), id=f"run-{field}-null") for field in RUN_NULLABLE],
        *[
            pytest.param(changed((1, "node_runs", 0, field), None), id=f"node-run-{field}-null")
            for field in NODE_RUN_NULLABLE
        ],
        pytest.param(changed((1, "trigger_payload"), {}), id="empty-trigger-payload"),
        pytest.param(changed((1, "node_runs"), []), id="no-node-runs"),
        pytest.param(changed((1, "total_cost_cents"), 0), id="zero-cost"),
        pytest.param(changed((1, "created_at"), "2025-03-14T10:15:00.123456+02:00"), id="offset-timestamp"),
    ],
)
def test_aitasker_accepts_vendor_nullable_and_optional_values(body: object) -> None:
    assert errors_200(body) == []


# --- rejected 200 bodies --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        *[pytest.param(changed((1, field), DELETE), id=f"run-without-{field}") for field in RUN_REQUIRED],
        *[
            pytest.param(changed((1, "node_runs", 0, field), DELETE), id=f"node-run-without-{field}")
            for field in NODE_RUN_REQUIRED
        ],
    ],
)
def test_aitasker_rejects_a_body_missing_a_required_field(body: object) -> None:
    assert rejected_for_one_reason(response_schema(DIALECT, "200"), body)


@pytest.mark.parametrize(
    "body",
    [
        # null where the vendor does not allow it
        pytest.param(changed((1, "status"), None), id="run-status-null"),
        pytest.param(changed((1, "created_at"), None), id="run-created_at-null"),
        pytest.param(changed((1, "id"), None), id="run-id-null"),
        pytest.param(changed((1, "trigger_payload"), None), id="trigger_payload-null"),
        pytest.param(changed((1, "total_cost_cents"), None), id="total_cost_cents-null"),
        pytest.param(changed((1, "node_runs"), None), id="node_runs-null"),
        pytest.param(changed((1, "node_runs", 0, "workflow_run_id"), None), id="node-run-workflow_run_id-null"),
        pytest.param(changed((1, "node_runs", 0, "status"), None), id="node-run-status-null"),
        # wrong types
        pytest.param(changed((1, "status"), 3), id="run-status-integer"),
        pytest.param(changed((1, "triggered_by"), 42), id="triggered_by-integer"),
        pytest.param(changed((1, "error_message"), ["503"]), id="error_message-array"),
        pytest.param(changed((1, "trigger_payload"), "ticket_id=SUP-4817"), id="trigger_payload-string"),
        pytest.param(changed((1, "trigger_payload"), [{"ticket_id": "SUP-4817"}]), id="trigger_payload-array"),
        pytest.param(changed((1, "total_cost_cents"), "37"), id="total_cost_cents-string"),
        pytest.param(changed((1, "total_cost_cents"), 0.37), id="total_cost_cents-dollars-as-float"),
        pytest.param(changed((1, "node_runs"), {"items": []}), id="node_runs-object"),
        pytest.param(changed((1, "node_runs", 0, "input_data"), "SUP-4817"), id="node-run-input_data-string"),
        pytest.param(changed((1, "node_runs", 0, "output_data"), ["billing"]), id="node-run-output_data-array"),
        # out of bounds
        pytest.param(changed((1, "total_cost_cents"), -1), id="total_cost_cents-negative"),
        # malformed formats
        pytest.param(changed((1, "id"), "run_DG1LE5bAlGAY"), id="run-id-not-a-uuid"),
        pytest.param(changed((1, "workflow_id"), "5e0d1e17-e869-499d-a2c8"), id="workflow_id-truncated-uuid"),
        pytest.param(changed((1, "node_runs", 0, "task_id"), "task-3672f74b"), id="node-run-task_id-not-a-uuid"),
        pytest.param(
            changed((1, "node_runs", 0, "workflow_node_id"), "eb1d460c-8e19-41a4-acef-066f0771949g"),
            id="node-run-workflow_node_id-non-hex",
        ),
        pytest.param(changed((1, "created_at"), "2025-03-14"), id="created_at-date-only"),
        pytest.param(changed((1, "started_at"), "2025-03-14 08:15:01"), id="started_at-without-T-and-zone"),
        pytest.param(changed((1, "completed_at"), "1741940202"), id="completed_at-epoch-seconds"),
        pytest.param(
            changed((1, "node_runs", 0, "started_at"), "14/03/2025 08:15"),
            id="node-run-started_at-not-rfc3339",
        ),
    ],
)
def test_aitasker_rejects_a_subtly_wrong_run(body: object) -> None:
    assert rejected_for_one_reason(response_schema(DIALECT, "200"), body)


@pytest.mark.parametrize(
    "body",
    [
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
)
def test_aitasker_rejects_the_wrong_envelope(body: object) -> None:
    assert rejected_for_one_reason(response_schema(DIALECT, "200"), body)


# --- error bodies ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "body"),
    [
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
)
def test_aitasker_accepts_fastapi_error_bodies(status: str, body: object) -> None:
    assert schema_errors(DIALECT, response_schema(DIALECT, status), body) == []


@pytest.mark.parametrize(
    ("status", "body"),
    [
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
            {
                **CORTEX_ERROR,
                "status": 400,
                "errors": [{"code": "invalid_string", "message": "Invalid uuid"}],
            },
            id="422-cortex-shape",
        ),
        pytest.param("422", changed(("detail", 0, "loc"), DELETE, MALFORMED_UUID_ERROR), id="422-without-loc"),
        pytest.param("422", changed(("detail", 0, "msg"), DELETE, MALFORMED_UUID_ERROR), id="422-without-msg"),
        pytest.param("422", changed(("detail", 0, "type"), DELETE, MALFORMED_UUID_ERROR), id="422-without-type"),
        pytest.param(
            "422",
            changed(("detail", 0, "loc"), "path.workspace_id", MALFORMED_UUID_ERROR),
            id="422-loc-string",
        ),
        pytest.param("422", changed(("detail", 0, "loc", 1), 1.5, MALFORMED_UUID_ERROR), id="422-loc-float-entry"),
        pytest.param("422", changed(("detail", 0, "ctx"), "uuid", MALFORMED_UUID_ERROR), id="422-ctx-string"),
    ],
)
def test_aitasker_rejects_error_bodies_in_other_shapes(status: str, body: object) -> None:
    assert rejected_for_one_reason(response_schema(DIALECT, status), body)


# --- request side ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["workspace_id", "workflow_id"])
@pytest.mark.parametrize(
    "value",
    [
        pytest.param(WORKSPACE_ID, id="uuid4"),
        pytest.param("3c90c3cc-0d44-4b50-8888-8dd25736052a", id="vendor-reference-uuid"),
        pytest.param("3C90C3CC-0D44-4B50-8888-8DD25736052A", id="upper-case-uuid"),
    ],
)
def test_aitasker_path_parameter_accepts_a_uuid(name: str, value: str) -> None:
    assert schema_errors(DIALECT, parameter_schema(DIALECT, name), value) == []


@pytest.mark.parametrize("name", ["workspace_id", "workflow_id"])
@pytest.mark.parametrize(
    "value",
    [
        pytest.param("not-a-uuid", id="word"),
        pytest.param("", id="empty"),
        pytest.param("3c90c3cc-0d44-4b50-8888-8dd25736052", id="one-digit-short"),
        pytest.param("3c90c3cc-0d44-4b50-8888-8dd25736052z", id="non-hex-digit"),
        pytest.param("wf_3kT9pQ2vX7mN", id="b3os-style-id"),
        pytest.param("42", id="numeric-id"),
    ],
)
def test_aitasker_path_parameter_rejects_what_is_not_a_uuid(name: str, value: str) -> None:
    assert schema_errors(DIALECT, parameter_schema(DIALECT, name), value)


# --- the spec's own examples keep the rules its descriptions state --------------------------------------


def list_examples() -> list[tuple[str, list[Document]]]:
    _, operation = list_operation(DIALECT)
    examples = operation["responses"]["200"]["content"]["application/json"]["examples"]
    return [(name, resolve(DIALECT, example)["value"]) for name, example in examples.items()]


@pytest.mark.parametrize(("name", "runs"), list_examples())
def test_aitasker_example_is_ordered_newest_first_by_created_at_then_id(name: str, runs: list[Document]) -> None:
    keys = [(parse_time(run["created_at"]), run["id"]) for run in runs]
    assert keys == sorted(keys, reverse=True), name


@pytest.mark.parametrize(("name", "runs"), list_examples())
def test_aitasker_example_keeps_the_timeline_rules(name: str, runs: list[Document]) -> None:
    for run in runs:
        entries = [run, *run.get("node_runs", [])]
        for entry in entries:
            started, completed = entry.get("started_at"), entry.get("completed_at")
            if entry["status"] in {"pending", "skipped"}:
                assert started is None, (name, entry["id"])
            if entry["status"] in FINISHED:
                assert completed is not None, (name, entry["id"])
            else:
                assert completed is None, (name, entry["id"])
            if started is not None and completed is not None:
                assert parse_time(completed) >= parse_time(started), (name, entry["id"])
        assert all(node["workflow_run_id"] == run["id"] for node in run.get("node_runs", [])), name
        assert (run.get("error_message") is not None) == (run["status"] == "failed"), (name, run["id"])


# --- the operations on one run ------------------------------------------------------------------------


def linked(operation_id: str, status: str = "200") -> dict[str, Document]:
    """The links of `operation_id`'s response, resolved, by name."""
    response = resolve(DIALECT, operation(DIALECT, operation_id)[2]["responses"][status])
    return {name: resolve(DIALECT, link) for name, link in response.get("links", {}).items()}


def test_aitasker_has_exactly_the_operations_the_vendor_documents() -> None:
    # No cancel and no retry: no AITasker page documents either.
    assert {operation_id: (method, path) for operation_id, (path, method, _) in operations(DIALECT).items()} == {
        "getWorkspaceWorkflowRuns": ("get", "/api/v1/workspaces/{workspace_id}/workflows/{workflow_id}/runs"),
        "getRun": ("get", "/api/v1/workflows/{workflow_id}/runs/{run_id}"),
        "triggerWorkspaceWorkflow": ("post", "/api/v1/workspaces/{workspace_id}/workflows/{workflow_id}/trigger"),
    }


@pytest.mark.parametrize(
    ("operation_id", "names"),
    [
        pytest.param("getRun", ["workflow_id", "run_id"], id="get-run"),
        pytest.param("triggerWorkspaceWorkflow", ["workspace_id", "workflow_id"], id="trigger"),
    ],
)
def test_aitasker_run_operation_takes_only_required_uuid_path_parameters(operation_id: str, names: list[str]) -> None:
    parameters = operation_parameters(DIALECT, operation_id)
    assert list(parameters) == names
    assert [(p["in"], p["required"], p["schema"]) for p in parameters.values()] == [
        ("path", True, {"type": "string", "format": "uuid"})
    ] * len(names)


@pytest.mark.parametrize(
    ("operation_id", "statuses"),
    [
        pytest.param("getRun", ["200", "401", "404", "422", "429"], id="get-run"),
        pytest.param("triggerWorkspaceWorkflow", ["200", "401", "404", "413", "422", "429"], id="trigger"),
    ],
)
def test_aitasker_run_operation_documents_its_statuses(operation_id: str, statuses: list[str]) -> None:
    assert sorted(operation(DIALECT, operation_id)[2]["responses"]) == statuses


@pytest.mark.parametrize("operation_id", ["getRun", "triggerWorkspaceWorkflow"])
def test_aitasker_run_operation_answers_the_lists_run_object(operation_id: str) -> None:
    item = response_schema(DIALECT)["items"]
    assert (
        operation_response_schema(DIALECT, operation_id) == item == {"$ref": "#/components/schemas/WorkflowRunResponse"}
    )


def test_aitasker_get_run_404_is_a_fastapi_detail_naming_the_run() -> None:
    assert errors_for_operation("getRun", "404", {"detail": "Run not found"}) == []
    assert errors_for_operation("getRun", "404", {"message": "Run not found"}) != []


def errors_for_operation(operation_id: str, status: str, body: object) -> list[str]:
    return schema_errors(DIALECT, operation_response_schema(DIALECT, operation_id, status), body)


def test_aitasker_trigger_body_is_required_json() -> None:
    body = resolve(DIALECT, operation(DIALECT, "triggerWorkspaceWorkflow")[2]["requestBody"])
    assert body["required"] is True
    assert list(body["content"]) == ["application/json"]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"trigger_payload": {"ticket_id": "SUP-4830", "nested": {"a": [1, 2]}}}, id="payload"),
        pytest.param({"trigger_payload": {}}, id="empty-payload"),
        pytest.param({}, id="no-payload"),
    ],
)
def test_aitasker_trigger_accepts_the_vendors_body(body: object) -> None:
    assert schema_errors(DIALECT, request_body_schema(DIALECT, "triggerWorkspaceWorkflow"), body) == []


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"trigger_payload": "SUP-4830"}, id="payload-string"),
        pytest.param({"trigger_payload": None}, id="payload-null"),
        pytest.param({"trigger_payload": [1]}, id="payload-array"),
        pytest.param({"payload": {}}, id="unknown-field"),
        pytest.param([{"trigger_payload": {}}], id="array-body"),
    ],
)
def test_aitasker_trigger_rejects_what_fastapi_would_answer_422(body: object) -> None:
    assert schema_errors(DIALECT, request_body_schema(DIALECT, "triggerWorkspaceWorkflow"), body) != []


def test_aitasker_triggered_run_example_is_a_pending_run_with_the_payload_sent() -> None:
    run = resolve(DIALECT, {"$ref": "#/components/examples/TriggeredRun"})["value"]
    sent = resolve(DIALECT, {"$ref": "#/components/examples/TriggerTicket"})["value"]
    assert run["status"] == "pending"
    assert (run["started_at"], run["completed_at"], run["error_message"], run["node_runs"]) == (None, None, None, [])
    assert run["trigger_payload"] == sent["trigger_payload"]


def test_aitasker_oversize_trigger_body_gets_a_fastapi_413() -> None:
    assert errors_for_operation("triggerWorkspaceWorkflow", "413", {"detail": "Request body too large"}) == []
    assert errors_for_operation("triggerWorkspaceWorkflow", "413", {"detail": [{"msg": "too large"}]}) != []


def test_aitasker_list_links_its_first_run_to_get_run() -> None:
    (link,) = linked("getWorkspaceWorkflowRuns").values()
    assert link["operationId"] == "getRun"
    assert link["parameters"] == {"workflow_id": "$request.path.workflow_id", "run_id": "$response.body#/0/id"}


def test_aitasker_trigger_links_the_new_run_to_get_run() -> None:
    (link,) = linked("triggerWorkspaceWorkflow").values()
    assert link["operationId"] == "getRun"
    assert link["parameters"] == {"workflow_id": "$response.body#/workflow_id", "run_id": "$response.body#/id"}
