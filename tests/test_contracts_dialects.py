"""Each dialect's description agrees with its spec: every name it uses is one the spec defines."""

from __future__ import annotations

from typing import Any

import pytest

from contracts.dialects import DIALECTS, Dialect
from contracts.dialects.base import ShapeError
from contracts.spec import ListOperation, load_operation
from workflow_runs_specs import DIALECTS as SPECIFIED
from workflow_runs_specs import spec_path

CASES = [pytest.param(DIALECTS[name], id=name) for name in SPECIFIED]


def run_schema(operation: ListOperation, dialect: Dialect) -> dict[str, Any]:
    response = operation.response(200)
    assert response is not None
    schema = operation.resolve(response["content"]["application/json"]["schema"])
    for key in dialect.runs_path:
        schema = operation.resolve(schema["properties"][key])
    resolved: dict[str, Any] = operation.resolve(schema["items"])
    return resolved


def test_there_is_one_description_per_specified_dialect() -> None:
    assert tuple(DIALECTS) == SPECIFIED


@pytest.mark.parametrize("dialect", CASES)
def test_the_path_and_query_parameters_named_exist_in_the_spec(dialect: Dialect) -> None:
    operation = load_operation(spec_path(dialect.name))
    path, query = operation.parameter_names("path"), operation.parameter_names("query")

    assert {dialect.tenant_parameter, dialect.workflow_parameter} - {None} <= set(path)
    assert all(item.parameter in query and operation.enum_values(item.parameter) for item in dialect.filters)
    if dialect.paging is not None:
        assert {dialect.paging.size_parameter, dialect.paging.position_parameter} <= set(query)


@pytest.mark.parametrize("dialect", CASES)
def test_the_run_fields_named_exist_in_the_run_schema(dialect: Dialect) -> None:
    operation = load_operation(spec_path(dialect.name))
    properties = run_schema(operation, dialect)["properties"]
    named = {dialect.order_field, dialect.timeline.start_field, dialect.timeline.end_field, "id", "status"}
    named |= {field for field in (dialect.tenant_field, dialect.workflow_field) if field}
    named |= {item.field for item in dialect.filters}

    assert named <= set(properties)


@pytest.mark.parametrize("dialect", CASES)
def test_the_fields_that_move_are_run_fields_and_the_identity_is_kept_for_life(dialect: Dialect) -> None:
    operation = load_operation(spec_path(dialect.name))
    properties = set(run_schema(operation, dialect)["properties"])
    lifecycle = dialect.lifecycle

    assert lifecycle.moving | lifecycle.settable <= properties
    assert {dialect.timeline.end_field, "status"} <= lifecycle.moving
    kept = {"id", dialect.order_field, *(field for field in (dialect.tenant_field, dialect.workflow_field) if field)}
    assert not kept & (lifecycle.moving | lifecycle.settable)


@pytest.mark.parametrize("dialect", CASES)
def test_timeline_statuses_are_statuses_the_spec_enumerates(dialect: Dialect) -> None:
    operation = load_operation(spec_path(dialect.name))
    status = operation.resolve(run_schema(operation, dialect)["properties"]["status"])
    timeline = dialect.timeline
    named = timeline.not_started | timeline.not_ended | timeline.ended

    assert not timeline.ended & timeline.not_ended
    if "enum" in status:
        assert named <= set(status["enum"])
    else:
        # aitasker does not enumerate statuses; the values it is known to use are listed in the description.
        assert all(f"`{value}`" in status["description"] for value in named)


def test_runs_are_read_where_the_dialect_keeps_them() -> None:
    assert DIALECTS["b3os"].runs_in({"data": {"items": [{"id": "run_1"}]}}) == [{"id": "run_1"}]
    assert DIALECTS["invent"].runs_in([{"id": "run_1"}]) == [{"id": "run_1"}]
    with pytest.raises(ShapeError, match=r"data\.items is not a list of runs"):
        DIALECTS["b3os"].runs_in([{"id": "run_1"}])
    with pytest.raises(ShapeError, match=r"\(the body\) is not a list of runs"):
        DIALECTS["invent"].runs_in({"items": []})


def test_node_runs_are_read_only_when_they_are_a_list_of_objects() -> None:
    node_runs = DIALECTS["aitasker"].node_runs
    assert node_runs is not None

    assert node_runs.of({"node_runs": [{"id": "n1"}, "stray"]}) == [{"id": "n1"}]
    assert node_runs.of({"node_runs": "n1"}) == []
    assert node_runs.of({}) == []
