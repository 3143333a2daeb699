"""Properties every dialect's spec must have, whatever its vendor."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from openapi_spec_validator import validate

from tests.spec_support import Document, list_operation, load_spec, resolve, schema_errors
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
