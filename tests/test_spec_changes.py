"""What changed between two specs: each kind of change found once, and whom it breaks (clients, servers)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from spec_review.spec_changes import Change, diff_outlines, diff_specs
from spec_review.spec_outline import outline_document
from workflow_runs_specs import spec_path
from workflow_runs_specs.reader import Spec

OPERATION = "GET /runs"


def base_document() -> dict[str, Any]:
    """A valid spec with one operation: a status filter and a required `limit`, runs with a required `status`."""
    run = {
        "type": "object",
        "required": ["id", "status"],
        "properties": {
            "id": {"type": "string"},
            "status": {"type": "string", "enum": ["RUNNING", "FAILED"]},
            "count": {"type": "integer", "minimum": 0},
            "note": {"type": "string"},
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Runs", "version": "1"},
        "paths": {
            "/runs": {
                "get": {
                    "operationId": "listRuns",
                    "parameters": [
                        {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["RUNNING", "FAILED"]}},
                        {
                            "name": "limit",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "runs",
                            "headers": {"X-Count": {"required": True, "schema": {"type": "integer"}}},
                            "content": {"application/json": {"schema": {"type": "array", "items": run}}},
                        }
                    },
                }
            }
        },
    }


def operation(document: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = document["paths"]["/runs"]["get"]
    return found


def parameter(document: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in operation(document)["parameters"] if p["name"] == name)


def run(document: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = operation(document)["responses"]["200"]["content"]["application/json"]["schema"]["items"]
    return found


def changed(edit: Any) -> list[Change]:
    old = base_document()
    new = copy.deepcopy(old)
    edit(new)
    return diff_outlines(outline_document(old), outline_document(new))


EDITS = [
    pytest.param(
        lambda d: operation(d)["parameters"].append({"name": "q", "in": "query", "schema": {"type": "string"}}),
        ("query parameter q", "added (optional)", False, True),
        id="optional-parameter-added-breaks-servers",
    ),
    pytest.param(
        lambda d: operation(d)["parameters"].append({"name": "q", "in": "query", "required": True, "schema": {}}),
        ("query parameter q", "added (required)", True, True),
        id="required-parameter-added-breaks-both",
    ),
    pytest.param(
        lambda d: operation(d)["parameters"].pop(0),
        ("query parameter status", "removed (optional)", True, False),
        id="parameter-removed-breaks-clients",
    ),
    pytest.param(
        lambda d: parameter(d, "status")["schema"]["enum"].append("PENDING"),
        ("query parameter status", "enum value PENDING added", False, True),
        id="request-enum-value-added-breaks-servers",
    ),
    pytest.param(
        lambda d: parameter(d, "status")["schema"]["enum"].remove("FAILED"),
        ("query parameter status", "enum value FAILED removed", True, False),
        id="request-enum-value-removed-breaks-clients",
    ),
    pytest.param(
        lambda d: parameter(d, "limit")["schema"].update(maximum=50),
        ("query parameter limit", "maximum: 100 -> 50", True, False),
        id="request-upper-bound-lowered-breaks-clients",
    ),
    pytest.param(
        lambda d: parameter(d, "limit")["schema"].update(minimum=0),
        ("query parameter limit", "minimum: 1 -> 0", False, True),
        id="request-lower-bound-lowered-breaks-servers",
    ),
    pytest.param(
        lambda d: parameter(d, "limit").update(required=False),
        ("query parameter limit", "required: yes -> no", False, True),
        id="parameter-made-optional-breaks-servers",
    ),
    pytest.param(
        lambda d: parameter(d, "limit")["schema"].update(default=10),
        ("query parameter limit", "default: 20 -> 10", True, True),
        id="parameter-default-changed-breaks-both",
    ),
    pytest.param(
        lambda d: parameter(d, "status")["schema"].update(pattern="^[A-Z]+$"),
        ("query parameter status", "pattern ^[A-Z]+$ added", True, False),
        id="request-pattern-added-breaks-clients",
    ),
    pytest.param(
        lambda d: run(d)["properties"]["status"]["enum"].append("PENDING"),
        ("200 response body[].status", "enum value PENDING added", True, False),
        id="response-enum-value-added-breaks-clients",
    ),
    pytest.param(
        lambda d: run(d)["properties"]["status"]["enum"].remove("FAILED"),
        ("200 response body[].status", "enum value FAILED removed", False, True),
        id="response-enum-value-removed-breaks-servers",
    ),
    pytest.param(
        lambda d: run(d)["properties"]["status"].update(nullable=True),
        ("200 response body[].status", "nullable: no -> yes", True, False),
        id="response-field-made-nullable-breaks-clients",
    ),
    pytest.param(
        lambda d: run(d)["required"].remove("status"),
        ("200 response body[].status", "required: yes -> no", True, False),
        id="response-field-made-optional-breaks-clients",
    ),
    pytest.param(
        lambda d: run(d)["required"].append("note"),
        ("200 response body[].note", "required: no -> yes", False, True),
        id="response-field-made-required-breaks-servers",
    ),
    pytest.param(
        lambda d: run(d)["properties"].update(extra={"type": "string"}),
        ("200 response body[].extra", "added (optional)", False, False),
        id="optional-response-field-added-breaks-nobody",
    ),
    pytest.param(
        lambda d: (run(d)["properties"].update(extra={"type": "string"}), run(d)["required"].append("extra")),
        ("200 response body[].extra", "added (required)", False, True),
        id="required-response-field-added-breaks-servers",
    ),
    pytest.param(
        lambda d: (run(d)["properties"].pop("status"), run(d)["required"].remove("status")),
        ("200 response body[].status", "removed (required)", True, False),
        id="required-response-field-removed-breaks-clients",
    ),
    pytest.param(
        lambda d: run(d)["properties"]["count"].update(type="number"),
        ("200 response body[].count", "type: integer -> number", True, False),
        id="response-type-widened-breaks-clients",
    ),
    pytest.param(
        lambda d: run(d)["properties"]["id"].update(type="integer"),
        ("200 response body[].id", "type: string -> integer", True, True),
        id="response-type-changed-breaks-both",
    ),
    pytest.param(
        lambda d: run(d)["properties"]["id"].update(format="uuid"),
        ("200 response body[].id", "format uuid added", False, True),
        id="response-format-added-breaks-servers",
    ),
    pytest.param(
        lambda d: operation(d)["responses"]["200"]["headers"].pop("X-Count"),
        ("200 response header x-count", "removed (required)", True, False),
        id="required-header-removed-breaks-clients",
    ),
    pytest.param(
        lambda d: operation(d)["responses"].update({"404": {"description": "not found"}}),
        ("404 response", "added", True, False),
        id="response-status-added-breaks-clients",
    ),
    pytest.param(
        lambda d: operation(d).update(operationId="getRuns"),
        ("operationId", "operationId: listRuns -> getRuns", False, False),
        id="operation-id-renamed-breaks-nobody-on-the-wire",
    ),
]


@pytest.mark.parametrize(("edit", "expected"), EDITS)
def test_each_kind_of_change_is_found_once_and_judged(edit: Any, expected: tuple[str, str, bool, bool]) -> None:
    subject, change, breaks_clients, breaks_servers = expected
    assert changed(edit) == [Change(OPERATION, subject, change, breaks_clients, breaks_servers)]


def test_identical_specs_have_no_change() -> None:
    assert changed(lambda document: None) == []


def test_an_added_operation_breaks_servers_and_a_removed_one_clients() -> None:
    def move(document: dict[str, Any]) -> None:
        document["paths"]["/jobs"] = document["paths"].pop("/runs")

    assert [(c.operation, c.change, c.breaks_clients, c.breaks_servers) for c in changed(move)] == [
        ("GET /runs", "removed", True, False),
        ("GET /jobs", "added", False, True),
    ]


def test_a_field_added_with_nested_fields_is_reported_once() -> None:
    nested = {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}, "b": {"type": "array"}}}
    (change,) = changed(lambda document: run(document)["properties"].update(extra=nested))
    assert (change.subject, change.change) == ("200 response body[].extra", "added (optional)")


def test_cortex_v1_to_v2_adds_webhook_origins_and_optional_fields() -> None:
    changes = diff_specs(spec_path("cortex-v1"), spec_path("cortex-v2"))
    judged = {(change.subject, change.change): (change.breaks_clients, change.breaks_servers) for change in changes}
    assert judged[("query parameter origin", "enum value WEBHOOK added")] == (False, True)
    assert judged[("200 response body[].origin", "enum value WEBHOOK added")] == (True, False)
    assert judged[("200 response body[].retention", "added (optional)")] == (False, False)
    assert judged[("200 response body[].retention_due_at", "added (optional)")] == (False, False)


def test_cortex_v1_to_v2_covers_every_operation_and_reports_retention_as_added() -> None:
    changes = diff_specs(spec_path("cortex-v1"), spec_path("cortex-v2"))
    retention = "PATCH /apps/{app_id}/workflows/{workflow_id}/runs/{run_id}/retention"
    assert [(c.subject, c.change) for c in changes if c.operation == retention] == [("operation", "added")]
    # Every operation of cortex-v1 answers the run, so WEBHOOK reaches each one's 200 answer.
    webhook = {c.operation for c in changes if c.change == "enum value WEBHOOK added" and c.subject.startswith("200")}
    assert webhook == {operation.key for operation in Spec.of_dialect("cortex-v1").operations}
