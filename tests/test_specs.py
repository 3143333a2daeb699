"""Properties every dialect's spec must have, whatever its vendor."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from openapi_spec_validator import validate

from tests.spec_support import (
    Document,
    list_operation,
    load_spec,
    operation,
    operation_parameters,
    operations,
    resolve,
    schema_errors,
)
from workflow_runs_specs import DIALECTS, spec_path

PLACEHOLDERS = ("<string>", "<any>", "<unknown>", "YOUR_API_TOKEN")


def named_examples(dialect: str) -> Iterator[tuple[str, Document, Any]]:
    """Every named example of the list operation: (where it is, its schema, its value)."""
    path, operation = list_operation(dialect)
    for parameter in operation.get("parameters", []):
        parameter = resolve(dialect, parameter)
        for name, example in parameter.get("examples", {}).items():
            yield f"parameter {parameter['name']} example {name}", parameter["schema"], example["value"]
    for status, response in operation["responses"].items():
        response = resolve(dialect, response)
        for media_type, content in response.get("content", {}).items():
            for name, example in content.get("examples", {}).items():
                example = resolve(dialect, example)
                yield f"{path} {status} {media_type} example {name}", content["schema"], example["value"]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_spec_is_a_valid_openapi_3_0_3_document(dialect: str) -> None:
    spec = load_spec(dialect)
    assert spec["openapi"] == "3.0.3"
    validate(spec, base_uri=spec_path(dialect).as_uri())


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_named_example_validates_against_its_schema(dialect: str) -> None:
    examples = list(named_examples(dialect))
    assert examples, f"{dialect}: the list operation has no named examples"
    failures = {where: errors for where, schema, value in examples if (errors := schema_errors(dialect, schema, value))}
    assert not failures


@pytest.mark.parametrize("dialect", DIALECTS)
def test_examples_hold_no_placeholder_values(dialect: str) -> None:
    text = spec_path(dialect).read_text(encoding="utf-8")
    assert not [placeholder for placeholder in PLACEHOLDERS if placeholder in text]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_response_of_the_list_operation_has_a_named_example(dialect: str) -> None:
    _, operation = list_operation(dialect)
    missing = [
        status
        for status, response in operation["responses"].items()
        if not any(content.get("examples") for content in resolve(dialect, response).get("content", {}).values())
    ]
    assert not missing


@pytest.mark.parametrize("dialect", DIALECTS)
def test_list_operation_requires_bearer_auth(dialect: str) -> None:
    spec = load_spec(dialect)
    _, operation = list_operation(dialect)
    requirement = operation.get("security", spec.get("security"))
    assert requirement, f"{dialect}: no security requirement"
    (scheme_name,) = requirement[0]
    scheme = spec["components"]["securitySchemes"][scheme_name]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert "401" in operation["responses"]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_list_operation_is_documented_for_reviewers(dialect: str) -> None:
    spec = load_spec(dialect)
    _, operation = list_operation(dialect)
    assert operation["operationId"]
    assert operation["summary"]
    assert operation["description"]
    assert spec["servers"][0]["url"].startswith("https://")


# FastAPI ignores query parameters an endpoint does not declare; the other vendors' frameworks are not known,
# so their specs decide to refuse them.
UNKNOWN_QUERY_POLICY = {
    "aitasker": "ignored",
    "b3os": "rejected",
    "cortex-v1": "rejected",
    "cortex-v2": "rejected",
    "invent": "rejected",
}


@pytest.mark.parametrize("dialect", DIALECTS)
def test_spec_states_what_happens_to_an_unknown_query_parameter(dialect: str) -> None:
    document = load_spec(dialect)
    policy = UNKNOWN_QUERY_POLICY[dialect]
    assert document["x-unknown-query-parameters"] == policy
    _, operation = list_operation(dialect)
    words = "ignored" if policy == "ignored" else "answers 400 naming it (decided"
    assert words in " ".join(operation["description"].split())
    assert "Unknown query parameters" in document["info"]["description"]


def every_operation(dialect: str) -> Iterator[tuple[str, str, str, Document]]:
    """(operationId, path, method, operation) of every operation of the spec."""
    for operation_id, (path, method, found) in operations(dialect).items():
        yield operation_id, path, method, found


def operation_examples(dialect: str) -> Iterator[tuple[str, Document, Any]]:
    """Every named example of every operation: parameters, request bodies and responses."""
    for operation_id, _, _, found in every_operation(dialect):
        for parameter in found.get("parameters", []):
            parameter = resolve(dialect, parameter)
            for name, example in parameter.get("examples", {}).items():
                yield f"{operation_id} parameter {parameter['name']} {name}", parameter["schema"], example["value"]
        body = resolve(dialect, found.get("requestBody", {}))
        for media_type, content in body.get("content", {}).items():
            for name, example in content.get("examples", {}).items():
                where = f"{operation_id} request {media_type} {name}"
                yield where, content["schema"], resolve(dialect, example)["value"]
        for status, response in found["responses"].items():
            for media_type, content in resolve(dialect, response).get("content", {}).items():
                for name, example in content.get("examples", {}).items():
                    where = f"{operation_id} {status} {media_type} {name}"
                    yield where, content["schema"], resolve(dialect, example)["value"]


def walk(node: object, where: str = "#") -> Iterator[tuple[str, Document]]:
    """Every mapping inside `node`, with its JSON pointer."""
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            yield from walk(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{where}/{index}")


def pointer_value(document: object, pointer: str) -> object:
    """The value at a JSON pointer (`/0/id`) in `document`; KeyError or IndexError when absent."""
    target: Any = document
    for part in pointer.removeprefix("/").split("/"):
        target = target[int(part)] if isinstance(target, list) else target[part]
    return target


def response_links(dialect: str) -> Iterator[tuple[str, str, Document, Document]]:
    """(source operationId, status, source response, link) for every link of every response."""
    for operation_id, _, _, found in every_operation(dialect):
        for status, response in found["responses"].items():
            response = resolve(dialect, response)
            for link in response.get("links", {}).values():
                yield operation_id, status, response, resolve(dialect, link)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_named_example_of_every_operation_validates_against_its_schema(dialect: str) -> None:
    examples = list(operation_examples(dialect))
    assert len(examples) > len(list(named_examples(dialect)))
    failures = {where: errors for where, schema, value in examples if (errors := schema_errors(dialect, schema, value))}
    assert not failures


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_response_of_every_operation_has_a_named_example(dialect: str) -> None:
    missing = [
        f"{operation_id} {status}"
        for operation_id, _, _, found in every_operation(dialect)
        for status, response in found["responses"].items()
        if not any(content.get("examples") for content in resolve(dialect, response).get("content", {}).values())
    ]
    assert not missing


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_request_body_is_json_with_a_named_example(dialect: str) -> None:
    bodies = {
        operation_id: resolve(dialect, found["requestBody"])
        for operation_id, _, _, found in every_operation(dialect)
        if "requestBody" in found
    }
    assert bodies, f"{dialect}: no operation takes a body"
    assert {operation_id: list(body["content"]) for operation_id, body in bodies.items()} == {
        operation_id: ["application/json"] for operation_id in bodies
    }
    assert all(body["content"]["application/json"].get("examples") for body in bodies.values())


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_operation_is_documented_tagged_and_requires_bearer_auth(dialect: str) -> None:
    spec = load_spec(dialect)
    tags = {tag["name"] for tag in spec["tags"]}
    for operation_id, _, _, found in every_operation(dialect):
        assert found["summary"], operation_id
        assert found["description"], operation_id
        assert found["tags"], operation_id
        assert set(found["tags"]) <= tags, operation_id
        assert found["security"] == [{"bearerAuth": []}], operation_id
        assert {"401", "429"} <= set(found["responses"]), operation_id
        # b3os' ephemeral run names no resource in its path, so nothing in it can be not found.
        if "{" in operation(dialect, operation_id)[0]:
            assert "404" in found["responses"], operation_id
        assert any(status.startswith("2") for status in found["responses"]), operation_id


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_write_documents_bad_input_and_oversize_bodies(dialect: str) -> None:
    bad_input = "422" if dialect == "aitasker" else "400"
    writes = [(operation_id, found) for operation_id, _, method, found in every_operation(dialect) if method != "get"]
    assert writes, f"{dialect}: no write operation"
    for operation_id, found in writes:
        assert bad_input in found["responses"], operation_id
        if "requestBody" in found:
            assert "413" in found["responses"], operation_id
            assert "1 MiB" in resolve(dialect, found["responses"]["413"])["description"], operation_id


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_error_response_uses_the_dialects_error_shape(dialect: str) -> None:
    _, listing = list_operation(dialect)
    error_schemas = {
        json.dumps(resolve(dialect, listing["responses"][status])["content"]["application/json"]["schema"])
        for status in listing["responses"]
        if int(status) >= 400
    }
    odd = {}
    for operation_id, _, _, found in every_operation(dialect):
        for status, response in found["responses"].items():
            if int(status) < 400:
                continue
            schema = resolve(dialect, response)["content"]["application/json"]["schema"]
            error = resolve(dialect, schema)
            # b3os' detailed 400 codes are its envelope with a wider `code`; the fields are the envelope's.
            if json.dumps(schema) not in error_schemas and set(error["required"]) != {"code", "message", "requestId"}:
                odd[f"{operation_id} {status}"] = schema
    assert not odd


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_link_names_a_real_operation_and_exactly_its_path_parameters(dialect: str) -> None:
    links = list(response_links(dialect))
    if dialect == "invent":
        assert not links  # Invent documents no operation on one run to link to.
        return
    assert links
    for source_id, status, _, link in links:
        target_path = operation(dialect, link["operationId"])[0]
        wanted = {
            name
            for name, parameter in operation_parameters(dialect, link["operationId"]).items()
            if parameter["in"] == "path"
        }
        assert set(link["parameters"]) == wanted, f"{source_id} {status} -> {link['operationId']}"
        assert all(f"{{{name}}}" in target_path for name in link["parameters"])
        source_path = operation(dialect, source_id)[0]
        for expression in link["parameters"].values():
            assert expression.startswith(("$response.body#/", "$request.path.")), expression
            if expression.startswith("$request.path."):
                assert f"{{{expression.removeprefix('$request.path.')}}}" in source_path, expression


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_link_expression_finds_its_value_in_the_documented_example(dialect: str) -> None:
    unresolved = []
    for source_id, status, response, link in response_links(dialect):
        examples = [
            resolve(dialect, example)["value"]
            for example in response["content"]["application/json"]["examples"].values()
        ]
        for name, expression in link["parameters"].items():
            if not expression.startswith("$response.body#"):
                continue
            pointer = expression.removeprefix("$response.body#")
            found = []
            for value in examples:
                try:
                    found.append(pointer_value(value, pointer))
                except (KeyError, IndexError):
                    continue
            if not any(isinstance(value, str) and value for value in found):
                unresolved.append(f"{source_id} {status} {link['operationId']} {name}={expression}")
    assert not unresolved


@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_list_links_to_every_operation_on_one_run(dialect: str) -> None:
    _, listing = list_operation(dialect)
    linked = {resolve(dialect, link)["operationId"] for link in listing["responses"]["200"].get("links", {}).values()}
    on_one_run = {
        operation_id
        for operation_id, path, _, _ in every_operation(dialect)
        if path.endswith(("}", "/cancel", "/retry", "/replay", "/retention")) and not path.endswith("/runs")
    }
    assert linked == on_one_run


@pytest.mark.parametrize("dialect", DIALECTS)
def test_specs_hold_no_jinja_markers_connexion_would_render(dialect: str) -> None:
    text = spec_path(dialect).read_text(encoding="utf-8")
    assert not [marker for marker in ("{{", "{%", "{#") if marker in text]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_no_schema_is_nullable_without_a_type(dialect: str) -> None:
    spec = load_spec(dialect)
    untyped = [where for where, node in walk(spec["components"]) if node.get("nullable") is True and "type" not in node]
    untyped += [where for where, node in walk(spec["paths"]) if node.get("nullable") is True and "type" not in node]
    assert not untyped
