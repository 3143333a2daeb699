"""What only b3os' spec has: one enum for filter and status, a run's detail, its examples' paging and timelines.

The checks every dialect shares run from b3os' table in tests/test_spec_cases.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.spec_cases.b3os import ERROR_STATUSES, WORKFLOW_ID
from tests.spec_support import (
    Document,
    list_operation,
    load_spec,
    moment,
    operation_parameters,
    operation_response_schema,
    parameter_schema,
    request_body_schema,
    resolve,
    schema_errors,
)

DIALECT = "b3os"


def component_schema(name: str) -> Document:
    schema: Document = load_spec(DIALECT)["components"]["schemas"][name]
    return schema


def example(name: str) -> Any:
    return resolve(DIALECT, {"$ref": f"#/components/examples/{name}"})["value"]


def test_b3os_status_filter_and_run_status_share_one_enum() -> None:
    assert resolve(DIALECT, parameter_schema(DIALECT, "status")) is component_schema("WorkflowRunStatus")


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
            assert moment(run["finishedAt"]) >= moment(run["startedAt"]), (name, run["id"])
        if run["triggerSource"] in {"schedule", "cronjob", "webhook"}:
            assert run["triggeredBy"] is None, (name, run["id"])


@pytest.mark.parametrize(("status", "name", "body"), error_examples())
def test_b3os_error_example_code_equals_the_http_status(status: str, name: str, body: Document) -> None:
    assert body["code"] == int(status), name


# --- the operations on one run ------------------------------------------------------------------------


def test_b3os_get_run_summary_is_a_boolean_off_by_default() -> None:
    assert operation_parameters(DIALECT, "getRun")["summary"]["schema"] == {"type": "boolean", "default": False}


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


@pytest.mark.parametrize("operation_id", ["getRun", "cancelRun", "retryRun"])
def test_b3os_run_answers_share_the_lists_run_schema(operation_id: str) -> None:
    detail = resolve(DIALECT, operation_response_schema(DIALECT, operation_id))["properties"]["data"]
    assert resolve(DIALECT, detail)["allOf"][0] == {"$ref": "#/components/schemas/WorkflowRun"}
    assert resolve(DIALECT, component_schema("WorkflowRunPage")["properties"]["items"]["items"]) is component_schema(
        "WorkflowRun"
    )


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
    assert moment(run["finishedAt"]) >= moment(run["startedAt"])


def test_b3os_retry_example_is_a_new_running_run_pointing_at_its_source() -> None:
    retry = example("RetryRunDetail")["data"]
    source = example("FailedRunDetail")["data"]
    assert retry["id"] != source["id"]
    assert retry["sourceRunId"] == source["id"]
    assert (retry["status"], retry["finishedAt"]) == ("running", None)


def test_b3os_ephemeral_run_example_is_valid_and_names_no_workflow_or_run_id() -> None:
    schema = request_body_schema(DIALECT, "createEphemeralRun")
    valid = example("EphemeralRun")
    assert schema_errors(DIALECT, schema, valid) == []
    assert schema_errors(DIALECT, schema, {**valid, "workflowId": "wf_1"}) != []
    assert schema_errors(DIALECT, schema, {**valid, "runId": "ephemeral_1"}) != []
