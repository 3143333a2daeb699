"""cortex-v1 and cortex-v2 alike: the operations on one run (get, run, cancel, replay) as their pages describe them.

Both revisions document these operations the same way; cortex-v2 adds the retention change, tested in
test_spec_cortex_v2.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from tests.spec_support import (
    operation,
    operation_parameters,
    operation_response_schema,
    operations,
    request_body_schema,
    resolve,
    response_schema,
    schema_errors,
)

CORTEX = ("cortex-v1", "cortex-v2")
RUNS = "/apps/{app_id}/workflows/{workflow_id}/runs"
RUN = RUNS + "/{run_id}"
RUN_PATH_PARAMETERS = ["app_id", "workflow_id", "run_id"]
PATH_FROM_REQUEST = {"app_id": "$request.path.app_id", "workflow_id": "$request.path.workflow_id"}
SHARED_OPERATIONS = {
    "getWorkflowRuns": ("get", RUNS),
    "runWorkflow": ("post", RUNS),
    "getWorkflowRun": ("get", RUN),
    "cancelWorkflowRun": ("post", RUN + "/cancel"),
    "replayWorkflowRun": ("post", RUN + "/replay"),
}
EXPECTED_OPERATIONS = {
    "cortex-v1": SHARED_OPERATIONS,
    "cortex-v2": {**SHARED_OPERATIONS, "updateRunDataRetentionConfiguration": ("patch", RUN + "/retention")},
}


def on_one_run(dialect: str) -> list[str]:
    return [operation_id for operation_id, (_, path) in EXPECTED_OPERATIONS[dialect].items() if "{run_id}" in path]


def each_on_one_run(*also: str) -> list[Any]:
    """(dialect, operationId) of every operation on one run of each revision, and of `also`."""
    return [
        pytest.param(dialect, operation_id, id=f"{dialect}-{operation_id}")
        for dialect in CORTEX
        for operation_id in (*also, *on_one_run(dialect))
    ]


def moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def example(dialect: str, name: str) -> Any:
    return resolve(dialect, {"$ref": f"#/components/examples/{name}"})["value"]


def errors_for_operation(dialect: str, operation_id: str, status: str, body: object) -> list[str]:
    return schema_errors(dialect, operation_response_schema(dialect, operation_id, status), body)


def body_errors(dialect: str, operation_id: str, body: object) -> list[str]:
    return schema_errors(dialect, request_body_schema(dialect, operation_id), body)


def linked(dialect: str, operation_id: str) -> dict[str, dict[str, str]]:
    response = resolve(dialect, operation(dialect, operation_id)[2]["responses"]["200"])
    links = (resolve(dialect, link) for link in response.get("links", {}).values())
    return {link["operationId"]: link["parameters"] for link in links}


@pytest.mark.parametrize("dialect", CORTEX)
def test_spec_has_exactly_the_operations_the_vendor_documents(dialect: str) -> None:
    found = {operation_id: (method, path) for operation_id, (path, method, _) in operations(dialect).items()}
    assert found == EXPECTED_OPERATIONS[dialect]


@pytest.mark.parametrize("dialect", CORTEX)
@pytest.mark.parametrize(
    ("operation_id", "statuses"),
    [
        pytest.param("runWorkflow", ["200", "400", "401", "404", "413", "429"], id="run"),
        pytest.param("getWorkflowRun", ["200", "400", "401", "404", "429"], id="get"),
        pytest.param("cancelWorkflowRun", ["200", "400", "401", "404", "409", "429"], id="cancel"),
        pytest.param("replayWorkflowRun", ["200", "400", "401", "404", "409", "413", "429"], id="replay"),
    ],
)
def test_run_operation_documents_its_statuses(dialect: str, operation_id: str, statuses: list[str]) -> None:
    assert sorted(operation(dialect, operation_id)[2]["responses"]) == statuses


@pytest.mark.parametrize(("dialect", "operation_id"), each_on_one_run())
def test_operation_on_one_run_takes_its_ids_and_verbose(dialect: str, operation_id: str) -> None:
    parameters = operation_parameters(dialect, operation_id)
    assert [(name, p["in"], p["required"]) for name, p in parameters.items() if p["in"] == "path"] == [
        (name, "path", True) for name in RUN_PATH_PARAMETERS
    ]
    assert [name for name, p in parameters.items() if p["in"] == "query"] == ["verbose"]
    assert parameters["verbose"] is resolve(dialect, {"$ref": "#/components/parameters/Verbose"})


@pytest.mark.parametrize("dialect", CORTEX)
def test_run_workflow_takes_the_workflow_ids_and_verbose(dialect: str) -> None:
    assert list(operation_parameters(dialect, "runWorkflow")) == ["app_id", "workflow_id", "verbose"]


@pytest.mark.parametrize(("dialect", "operation_id"), each_on_one_run("runWorkflow"))
def test_run_operation_answers_the_lists_run_object(dialect: str, operation_id: str) -> None:
    item = resolve(dialect, response_schema(dialect))["items"]
    assert operation_response_schema(dialect, operation_id) == item == {"$ref": "#/components/schemas/WorkflowRun"}


@pytest.mark.parametrize("dialect", CORTEX)
def test_cancel_takes_no_body(dialect: str) -> None:
    assert "requestBody" not in operation(dialect, "cancelWorkflowRun")[2]


@pytest.mark.parametrize("dialect", CORTEX)
@pytest.mark.parametrize("operation_id", ["runWorkflow", "replayWorkflowRun"])
def test_new_run_bodies_are_optional_json(dialect: str, operation_id: str) -> None:
    body = resolve(dialect, operation(dialect, operation_id)[2]["requestBody"])
    assert body["required"] is False
    assert list(body["content"]) == ["application/json"]


@pytest.mark.parametrize("dialect", CORTEX)
@pytest.mark.parametrize(
    "body",
    [
        pytest.param({}, id="empty"),
        pytest.param({"input": {"ticket_id": "T-1"}, "workflow_version_id": "latest"}, id="latest"),
        pytest.param({"input": None, "workflow_version_id": "draft", "stream": False}, id="draft"),
        pytest.param({"workflow_version_id": "wfv_3Lp7cX2nRk"}, id="version-id"),
        pytest.param({"workflow_version_id": 7}, id="version-number"),
    ],
)
def test_run_workflow_accepts_the_vendors_body(dialect: str, body: object) -> None:
    assert body_errors(dialect, "runWorkflow", body) == []


@pytest.mark.parametrize("dialect", CORTEX)
@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"stream": True}, id="stream-true"),
        pytest.param({"input": "T-1"}, id="input-string"),
        pytest.param({"workflow_version_id": ""}, id="empty-version"),
        pytest.param({"workflow_version_id": 0}, id="version-0"),
        pytest.param({"workflow_version_id": None}, id="version-null"),
        pytest.param({"background": True}, id="background-not-on-this-page"),
        pytest.param({"identifier": "x"}, id="identifier-not-on-this-page"),
        pytest.param([], id="array-body"),
    ],
)
def test_run_workflow_rejects_a_body_the_document_does_not_describe(dialect: str, body: object) -> None:
    assert body_errors(dialect, "runWorkflow", body) != []


@pytest.mark.parametrize("dialect", CORTEX)
@pytest.mark.parametrize(
    "body",
    [
        pytest.param({}, id="empty"),
        pytest.param({"stepKey": "draft_reply", "stream": False, "background": True, "identifier": "r-1"}, id="all"),
    ],
)
def test_replay_accepts_the_vendors_body(dialect: str, body: object) -> None:
    assert body_errors(dialect, "replayWorkflowRun", body) == []


@pytest.mark.parametrize("dialect", CORTEX)
@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"stream": True}, id="stream-true"),
        pytest.param({"background": False}, id="background-false"),
        pytest.param({"stepKey": ""}, id="empty-step-key"),
        pytest.param({"identifier": "x" * 256}, id="identifier-too-long"),
        pytest.param({"step_key": "draft_reply"}, id="snake-case-step-key"),
        pytest.param({"input": {}}, id="input-not-on-replay"),
    ],
)
def test_replay_rejects_a_body_the_document_does_not_describe(dialect: str, body: object) -> None:
    assert body_errors(dialect, "replayWorkflowRun", body) != []


@pytest.mark.parametrize("dialect", CORTEX)
@pytest.mark.parametrize(
    ("operation_id", "status"),
    [
        pytest.param("cancelWorkflowRun", "409", id="cancel-conflict"),
        pytest.param("replayWorkflowRun", "409", id="replay-conflict"),
        pytest.param("runWorkflow", "413", id="too-large"),
        pytest.param("getWorkflowRun", "404", id="run-not-found"),
    ],
)
def test_run_operation_errors_use_the_platform_error_body(dialect: str, operation_id: str, status: str) -> None:
    assert errors_for_operation(dialect, operation_id, status, {"status": int(status), "message": "No"}) == []
    assert errors_for_operation(dialect, operation_id, status, {"detail": "No"}) != []


@pytest.mark.parametrize("dialect", CORTEX)
def test_get_run_example_is_the_lists_run_unchanged(dialect: str) -> None:
    (listed,) = [run for run in example(dialect, "MixedPage") if run["id"] == example(dialect, "FailedRun")["id"]]
    assert example(dialect, "FailedRun") == listed


@pytest.mark.parametrize("dialect", CORTEX)
def test_created_run_example_is_pending_through_the_endpoint(dialect: str) -> None:
    run = example(dialect, "CreatedRun")
    assert (run["status"], run["origin"], run["started_at"], run["ended_at"]) == ("PENDING", "ENDPOINT", None, None)


@pytest.mark.parametrize("dialect", CORTEX)
def test_cancelled_run_example_is_the_running_run_now_cancelled(dialect: str) -> None:
    (listed,) = [run for run in example(dialect, "MixedPage") if run["id"] == example(dialect, "CancelledRun")["id"]]
    cancelled = example(dialect, "CancelledRun")
    assert listed["status"] == "RUNNING"
    assert cancelled["status"] == "CANCELLED"
    assert moment(cancelled["ended_at"]) >= moment(cancelled["started_at"])


@pytest.mark.parametrize("dialect", CORTEX)
def test_replayed_run_example_is_a_new_pending_run_with_the_sources_input(dialect: str) -> None:
    source, replay = example(dialect, "FailedRun"), example(dialect, "ReplayedRun")
    assert replay["id"] != source["id"]
    assert (replay["input"], replay["origin"], replay["status"]) == (source["input"], source["origin"], "PENDING")


@pytest.mark.parametrize("dialect", CORTEX)
def test_list_links_its_first_run_to_every_operation_on_one_run(dialect: str) -> None:
    assert linked(dialect, "getWorkflowRuns") == {
        operation_id: {**PATH_FROM_REQUEST, "run_id": "$response.body#/0/id"} for operation_id in on_one_run(dialect)
    }


@pytest.mark.parametrize("dialect", CORTEX)
@pytest.mark.parametrize(
    ("operation_id", "leaves_out"),
    [
        pytest.param("runWorkflow", [], id="run"),
        pytest.param("replayWorkflowRun", [], id="replay"),
        pytest.param("getWorkflowRun", ["getWorkflowRun"], id="get"),
        pytest.param("cancelWorkflowRun", ["cancelWorkflowRun", "updateRunDataRetentionConfiguration"], id="cancel"),
    ],
)
def test_run_answers_link_the_run_they_hold(dialect: str, operation_id: str, leaves_out: list[str]) -> None:
    targets = [target for target in on_one_run(dialect) if target not in leaves_out]
    assert linked(dialect, operation_id) == {
        target: {**PATH_FROM_REQUEST, "run_id": "$response.body#/id"} for target in targets
    }
