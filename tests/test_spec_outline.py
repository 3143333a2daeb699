"""The outline of a spec: every parameter, header and body field by path, with what a client can rely on."""

from __future__ import annotations

from typing import Any

import pytest

from spec_review.spec_outline import BODY, Operation, Outline, outline_document, resolve
from tests.spec_support import load_spec, spec_of
from workflow_runs_specs import DIALECTS

CORTEX_RUNS = "/apps/{app_id}/workflows/{workflow_id}/runs"


def single_operation(*, responses: dict[str, Any], parameters: list[Any] | None = None, **extra: Any) -> Outline:
    """The outline of a document with one `GET /runs`, the given parts, and `components` from `extra`."""
    operation = {"operationId": "listRuns", "responses": responses, "parameters": parameters or []}
    return outline_document({"openapi": "3.0.3", "paths": {"/runs": {"get": operation}}, **extra})


def list_operations(outline: Outline) -> list[Operation]:
    """The outline's list operations: a GET on a `.../runs` path (the specs document one each, among others)."""
    return [
        operation for key, operation in outline.operations.items() if key.startswith("GET ") and key.endswith("/runs")
    ]


def the_operation(dialect: str) -> Operation:
    """The dialect's list operation."""
    return outline_document(load_spec(dialect)).operations[spec_of(dialect).list_runs().key]


def json_answer(schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": "ok", "content": {"application/json": {"schema": schema}}}


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_operation_of_every_dialect_is_outlined_in_the_spec_s_order(dialect: str) -> None:
    outline = outline_document(load_spec(dialect))
    assert list(outline.operations) == [operation.key for operation in spec_of(dialect).operations]
    assert len(outline.operations) > 1
    for operation in outline.operations.values():
        success = next(response for status, response in operation.responses.items() if status.startswith("2"))
        assert success.body[BODY].type in ("array", "object"), operation.key


@pytest.mark.parametrize(
    ("dialect", "key", "field"),
    [
        pytest.param("cortex-v2", "PATCH {runs}/{{run_id}}/retention", "max_age_in_seconds", id="cortex-v2-retention"),
        pytest.param("b3os", "POST /v1/workflows/{{id}}/run", "runId", id="b3os-run"),
        pytest.param("cortex-v1", "POST {runs}/{{run_id}}/replay", "stepKey", id="cortex-v1-replay"),
    ],
)
def test_the_request_bodies_of_the_writing_operations_are_outlined(dialect: str, key: str, field: str) -> None:
    operation = outline_document(load_spec(dialect)).operations[key.format(runs=CORTEX_RUNS)]
    assert operation.request_body[BODY].type == "object"
    assert field in operation.request_body


def test_fields_are_named_by_their_path_through_objects_and_arrays() -> None:
    operation = outline_document(load_spec("b3os")).operations["GET /v1/workflows/{id}/runs"]
    body = operation.responses["200"].body
    assert body["data.items[].status"].enum == ("running", "waiting", "success", "failure", "cancelled")
    assert body["data.items"].type == "array"
    assert body["data.hasMore"].type == "boolean"


def test_nullability_and_required_ness_come_from_the_referenced_schema_and_its_parent() -> None:
    body = the_operation("cortex-v1").responses["200"].body
    assert (body["[].workflow_version"].nullable, body["[].workflow_version"].required) == (True, True)
    assert (body["[].error"].nullable, body["[].error"].required) == (False, False)
    assert body["[].started_at"].format == "date-time"


def test_a_schema_that_contains_itself_is_listed_once_and_marked_recursive() -> None:
    body = the_operation("cortex-v1").responses["200"].body
    assert body["[].usage.calls[]"].recursive is False
    assert body["[].usage.calls[].calls[]"].recursive is True
    assert not [path for path in body if path.startswith("[].usage.calls[].calls[].")]


def test_map_values_are_the_star_of_their_map() -> None:
    body = the_operation("cortex-v1").responses["200"].body
    assert body["[].usage.steps.*"].type == "number"
    assert body["[].usage.steps.*"].constraints == {"minimum": 0}


def test_parameters_are_keyed_by_location_and_name_with_their_bounds() -> None:
    operation = the_operation("cortex-v1")
    take = operation.parameters["query take"]
    assert (take.shape.type, take.shape.required) == ("integer", False)
    assert take.shape.constraints == {"default": 20, "minimum": 1, "maximum": 100}
    assert operation.parameters["path app_id"].shape.required is True


def test_an_operation_parameter_overrides_the_path_level_one_of_the_same_name() -> None:
    document = {
        "openapi": "3.0.3",
        "paths": {
            "/runs": {
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "string"}}],
                "get": {
                    "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
                    "responses": {"204": {"description": "none"}},
                },
            }
        },
    }
    (operation,) = outline_document(document).operations.values()
    assert operation.parameters["query limit"].shape.type == "integer"


def test_headers_are_lower_cased_with_their_own_description_and_required_ness() -> None:
    headers = the_operation("invent").responses["429"].headers
    assert headers["retry-after"].required is True
    assert headers["retry-after"].description == "The number of seconds to wait before sending another request."


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        pytest.param({"type": "string"}, "string", id="declared"),
        pytest.param({"oneOf": [{"type": "string"}, {"type": "integer"}]}, "string | integer", id="alternatives"),
        pytest.param({"properties": {"a": {"type": "string"}}}, "object", id="properties-without-type"),
        pytest.param({"items": {"type": "string"}}, "array", id="items-without-type"),
        pytest.param({"nullable": True}, "any", id="nothing-said"),
    ],
)
def test_the_type_is_declared_or_read_from_the_schema_s_keywords(schema: dict[str, Any], expected: str) -> None:
    outline = single_operation(responses={"200": json_answer(schema)})
    assert outline.operations["GET /runs"].responses["200"].body[BODY].type == expected


def test_all_of_parts_add_their_fields_at_the_same_path() -> None:
    schema = {
        "allOf": [
            {"$ref": "#/components/schemas/Base"},
            {"type": "object", "required": ["extra"], "properties": {"extra": {"type": "integer"}}},
        ]
    }
    base = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
    outline = single_operation(responses={"200": json_answer(schema)}, components={"schemas": {"Base": base}})
    body = outline.operations["GET /runs"].responses["200"].body
    assert (body["id"].required, body["extra"].required) == (True, True)


def test_the_request_body_is_outlined_like_a_response_body() -> None:
    outline = outline_document(
        {
            "openapi": "3.0.3",
            "paths": {
                "/runs": {
                    "post": {
                        "requestBody": {"required": True, **json_answer({"type": "object", "properties": {"n": {}}})},
                        "responses": {"201": {"description": "created"}},
                    }
                }
            },
        }
    )
    operation = outline.operations["POST /runs"]
    assert operation.request_body[BODY].required is True
    assert operation.request_body["n"].required is False
    assert operation.responses["201"].body == {}


def test_references_follow_json_pointer_escapes() -> None:
    document = {"components": {"schemas": {"a/b~c": {"type": "string"}}}}
    assert resolve(document, {"$ref": "#/components/schemas/a~1b~0c"}) == {"type": "string"}
