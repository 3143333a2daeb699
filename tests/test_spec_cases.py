"""Every dialect's spec against its table of cases (tests/spec_cases/): the same checks, each vendor's data.

A table holds what the vendor's pages say (operations, statuses, required fields, enums, defaults, links) and
bodies shaped as the pages show them, with near misses the spec must refuse. What only one vendor has is tested
in that dialect's own module (test_spec_<dialect>.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from tests.spec_cases import aitasker, b3os, cortex, invent
from tests.spec_cases.table import Cases, SpecTable
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

TABLES = (aitasker.TABLE, b3os.TABLE, cortex.V1, cortex.V2, invent.TABLE)
BY_DIALECT = [pytest.param(table, id=table.dialect) for table in TABLES]


def each(cases_of: Callable[[SpecTable], Cases]) -> list[Any]:
    """Every table's cases as (dialect, *values), their ids prefixed with the dialect; an id repeated is an error."""
    named = [(f"{table.dialect}-{case.id}", table.dialect, case) for table in TABLES for case in cases_of(table)]
    repeated = [name for name, count in Counter(name for name, _, _ in named).items() if count > 1]
    assert not repeated, f"ids given twice: {repeated}"
    return [pytest.param(dialect, *case.values, id=name, marks=case.marks) for name, dialect, case in named]


def each_entry(entries_of: Callable[[SpecTable], Mapping[str, Any]]) -> list[Any]:
    """Every table's mapping as (dialect, key, value), with ids `<dialect>-<key>`."""
    return each(lambda table: [pytest.param(key, value, id=key) for key, value in entries_of(table).items()])


def rejected_for_one_reason(dialect: str, schema: Document, instance: object) -> bool:
    """True when `instance` fails validation at one place only: the one thing its case changed.

    An array whose every item is wrong (a size given as strings) fails at its items, which is one place too.
    """
    validator = validator_for(dialect, schema)
    places = {tuple(error.absolute_path) for error in validator.iter_errors(instance)}
    parents = {place[:-1] for place in places}
    if len(parents) == 1 and () not in parents and all(isinstance(place[-1], int) for place in places):
        places = parents
    return len(places) == 1


def component(dialect: str, name: str) -> Document:
    schema: Document = load_spec(dialect)["components"]["schemas"][name]
    return schema


def reference(name: str) -> Document:
    return {"$ref": f"#/components/schemas/{name}"}


# --- the document's outline ------------------------------------------------------------------------------


@pytest.mark.parametrize("table", BY_DIALECT)
def test_list_operation_has_the_vendors_path_and_operation_id(table: SpecTable) -> None:
    path, found = list_operation(table.dialect)
    assert (found["operationId"], path) == table.list_operation


@pytest.mark.parametrize("table", BY_DIALECT)
def test_spec_has_exactly_the_operations_the_vendor_documents(table: SpecTable) -> None:
    found = {operation_id: (method, path) for operation_id, (path, method, _) in operations(table.dialect).items()}
    assert found == table.operations


@pytest.mark.parametrize(("dialect", "operation_id", "statuses"), each_entry(lambda table: table.statuses))
def test_operation_documents_the_vendors_statuses(dialect: str, operation_id: str, statuses: list[str]) -> None:
    assert sorted(operation(dialect, operation_id)[2]["responses"]) == statuses


@pytest.mark.parametrize(("dialect", "operation_id", "expected"), each_entry(lambda table: table.parameters))
def test_operation_takes_the_vendors_parameters(dialect: str, operation_id: str, expected: list[Any]) -> None:
    parameters = operation_parameters(dialect, operation_id).values()
    assert [(p["name"], p["in"], p.get("required", False)) for p in parameters] == list(expected)


@pytest.mark.parametrize(("dialect", "schema", "required"), each_entry(lambda table: table.required))
def test_schema_requires_exactly_what_the_reference_page_marks_required(
    dialect: str, schema: str, required: list[str]
) -> None:
    assert component(dialect, schema)["required"] == list(required)


@pytest.mark.parametrize(("dialect", "schema", "values"), each_entry(lambda table: table.enums))
def test_enum_lists_the_reference_page_values_in_its_order(dialect: str, schema: str, values: list[str]) -> None:
    assert component(dialect, schema)["enum"] == list(values)


@pytest.mark.parametrize(("dialect", "name", "default"), each_entry(lambda table: table.defaults))
def test_list_parameter_has_the_decided_default(dialect: str, name: str, default: object) -> None:
    assert resolve(dialect, parameter_schema(dialect, name))["default"] == default


@pytest.mark.parametrize(("dialect", "status", "schema"), each_entry(lambda table: table.error_schemas))
def test_list_error_answers_use_the_dialects_error_schema(dialect: str, status: str, schema: str) -> None:
    assert response_schema(dialect, status) == reference(schema)


@pytest.mark.parametrize(("dialect", "status", "name", "schema"), each(lambda table: table.headers))
def test_list_answer_declares_a_required_header(dialect: str, status: str, name: str, schema: Document) -> None:
    _, listing = list_operation(dialect)
    header = resolve(dialect, resolve(dialect, listing["responses"][status])["headers"][name])
    assert header["required"] is True
    assert header["schema"] == schema
    if "minimum" in schema:
        assert schema_errors(dialect, header["schema"], schema["minimum"]) == []
        assert schema_errors(dialect, header["schema"], schema["minimum"] - 1)
        assert schema_errors(dialect, header["schema"], str(schema["minimum"]))


@pytest.mark.parametrize("table", BY_DIALECT)
def test_every_schema_property_has_a_description(table: SpecTable) -> None:
    schemas = load_spec(table.dialect)["components"]["schemas"]
    undescribed = [
        f"{name}.{prop}"
        for name, schema in schemas.items()
        for prop, definition in schema.get("properties", {}).items()
        if "description" not in resolve(table.dialect, definition)
    ]
    assert undescribed == []


# --- the list's 200 body ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("dialect", "body"), each(lambda table: table.pages_accepted))
def test_spec_accepts_a_page_as_the_vendor_sends_it(dialect: str, body: object) -> None:
    assert schema_errors(dialect, response_schema(dialect), body) == []


@pytest.mark.parametrize(("dialect", "body"), each(lambda table: table.pages_rejected))
def test_spec_rejects_a_near_miss_of_a_page_for_its_one_reason(dialect: str, body: object) -> None:
    assert rejected_for_one_reason(dialect, response_schema(dialect), body)


# --- the list's error bodies -----------------------------------------------------------------------------


@pytest.mark.parametrize(("dialect", "status", "body"), each(lambda table: table.errors_accepted))
def test_spec_accepts_the_vendors_error_body(dialect: str, status: str, body: object) -> None:
    assert schema_errors(dialect, response_schema(dialect, status), body) == []


@pytest.mark.parametrize(("dialect", "status", "body"), each(lambda table: table.errors_rejected))
def test_spec_rejects_an_error_body_of_another_shape(dialect: str, status: str, body: object) -> None:
    assert rejected_for_one_reason(dialect, response_schema(dialect, status), body)


# --- the list's parameters -------------------------------------------------------------------------------


@pytest.mark.parametrize(("dialect", "name", "value"), each(lambda table: table.parameters_accepted))
def test_list_parameter_accepts_the_vendors_value(dialect: str, name: str, value: object) -> None:
    assert schema_errors(dialect, parameter_schema(dialect, name), value) == []


@pytest.mark.parametrize(("dialect", "name", "value"), each(lambda table: table.parameters_rejected))
def test_list_parameter_rejects_what_the_vendor_rejects(dialect: str, name: str, value: object) -> None:
    assert schema_errors(dialect, parameter_schema(dialect, name), value)


# --- the operations on one run ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dialect", "operation_id", "run_schema"),
    each(lambda table: [pytest.param(op, table.run_schema, id=op) for op in table.answering_a_run]),
)
def test_operation_answers_the_lists_run_object(dialect: str, operation_id: str, run_schema: str) -> None:
    item = resolve(dialect, response_schema(dialect))["items"]
    assert operation_response_schema(dialect, operation_id) == item == reference(run_schema)


@pytest.mark.parametrize(("dialect", "operation_id", "required"), each_entry(lambda table: table.request_bodies))
def test_operation_takes_the_vendors_json_body_or_none(dialect: str, operation_id: str, required: bool | None) -> None:
    found = operation(dialect, operation_id)[2]
    if required is None:
        assert "requestBody" not in found
        return
    body = resolve(dialect, found["requestBody"])
    assert body["required"] is required
    assert list(body["content"]) == ["application/json"]


@pytest.mark.parametrize(("dialect", "operation_id", "body"), each(lambda table: table.bodies_accepted))
def test_operation_accepts_the_vendors_request_body(dialect: str, operation_id: str, body: object) -> None:
    assert schema_errors(dialect, request_body_schema(dialect, operation_id), body) == []


@pytest.mark.parametrize(("dialect", "operation_id", "body"), each(lambda table: table.bodies_rejected))
def test_operation_rejects_a_request_body_the_document_does_not_describe(
    dialect: str, operation_id: str, body: object
) -> None:
    assert schema_errors(dialect, request_body_schema(dialect, operation_id), body) != []


@pytest.mark.parametrize(("dialect", "operation_id", "status", "body"), each(lambda table: table.answers_accepted))
def test_operation_answer_is_accepted(dialect: str, operation_id: str, status: str, body: object) -> None:
    assert schema_errors(dialect, operation_response_schema(dialect, operation_id, status), body) == []


@pytest.mark.parametrize(("dialect", "operation_id", "status", "body"), each(lambda table: table.answers_rejected))
def test_operation_answer_near_miss_is_rejected(dialect: str, operation_id: str, status: str, body: object) -> None:
    assert schema_errors(dialect, operation_response_schema(dialect, operation_id, status), body) != []


@pytest.mark.parametrize(("dialect", "operation_id", "links"), each_entry(lambda table: table.links))
def test_operation_answer_links_the_runs_it_holds(
    dialect: str, operation_id: str, links: dict[str, Any] | None
) -> None:
    response = resolve(dialect, operation(dialect, operation_id)[2]["responses"]["200"])
    if links is None:
        assert "links" not in response
        return
    found = {name: resolve(dialect, link) for name, link in response["links"].items()}
    assert {name: (link["operationId"], link["parameters"]) for name, link in found.items()} == links


# --- the spec's own examples -----------------------------------------------------------------------------


def page_examples(table: SpecTable) -> list[Any]:
    """Each 200 example of the list operation: its runs, and the key they must be in descending order of."""
    _, listing = list_operation(table.dialect)
    examples = listing["responses"]["200"]["content"]["application/json"]["examples"]
    return [
        pytest.param(table.example_runs(resolve(table.dialect, example)["value"]), table.newest_first, id=name)
        for name, example in examples.items()
    ]


@pytest.mark.parametrize(("dialect", "runs", "newest_first"), each(page_examples))
def test_page_example_is_newest_first(
    dialect: str, runs: list[Document], newest_first: Callable[[Document], tuple[Any, ...]]
) -> None:
    keys = [newest_first(run) for run in runs]
    assert keys == sorted(keys, reverse=True)
