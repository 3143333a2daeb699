"""The spec as the contract suite reads it: its list operation, and answers judged against documented ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from contracts.core.errors import SpecError
from contracts.http.client import Exchange
from contracts.spec.document import load_operation
from workflow_runs_specs import DIALECTS, spec_path


def answer(status: int, body: Any, headers: dict[str, str] | None = None) -> Exchange:
    merged = {"content-type": "application/json", **(headers or {})}
    return Exchange("http://x", {}, status, httpx.Headers(merged), json.dumps(body).encode())


@pytest.mark.parametrize("dialect", [pytest.param(name, id=name) for name in DIALECTS])
def test_every_dialect_spec_has_one_list_operation_with_path_parameters(dialect: str) -> None:
    operation = load_operation(spec_path(dialect))

    assert operation.operation["operationId"]
    assert all("{" + name + "}" in operation.path for name in operation.parameter_names("path"))
    assert {401, 404} <= operation.documented_statuses


def test_parameters_are_resolved_with_their_schemas_enums_and_examples() -> None:
    operation = load_operation(spec_path("cortex-v2"))

    assert operation.parameter_names("path") == ("app_id", "workflow_id")
    assert operation.parameter_schema("take")["maximum"] == 100
    assert "WEBHOOK" in operation.enum_values("origin")
    assert operation.parameter_examples("app_id")[0] == "c"
    assert operation.parameter_schema("nope") == {}


def test_a_documented_error_answer_has_no_problem() -> None:
    operation = load_operation(spec_path("b3os"))
    body = {"code": 404, "message": "workflow not found", "requestId": "req_1", "data": None}

    assert operation.response_problems(answer(404, body), 404) == []


@pytest.mark.parametrize(
    ("exchange", "problem"),
    [
        pytest.param(answer(200, []), "status 200, not 404", id="status"),
        pytest.param(answer(404, {"code": 404}, {"content-type": "text/plain"}), "media type text/plain", id="media"),
        pytest.param(answer(404, {"error": "gone"}), "'code' is a required property", id="shape"),
    ],
)
def test_an_undocumented_error_answer_is_explained(exchange: Exchange, problem: str) -> None:
    problems = load_operation(spec_path("b3os")).response_problems(exchange, 404)

    assert any(problem in found for found in problems), problems


def test_a_required_header_of_an_error_answer_is_checked() -> None:
    operation = load_operation(spec_path("aitasker"))
    body = {"detail": "Not authenticated"}

    assert operation.response_problems(answer(401, body, {"www-authenticate": "Bearer"}), 401) == []
    assert operation.response_problems(answer(401, body), 401) == ["the required WWW-Authenticate header is missing"]
    assert "header WWW-Authenticate: 'Basic' is not one of ['Bearer']" in operation.response_problems(
        answer(401, body, {"www-authenticate": "Basic"}), 401
    )


def test_a_spec_without_exactly_one_get_is_refused(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n", encoding="utf-8")

    with pytest.raises(SpecError, match="must describe exactly one GET operation"):
        load_operation(spec)


def test_a_spec_with_a_dangling_reference_is_refused(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    document = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/runs": {"get": {"responses": {"200": {"$ref": "#/components/responses/Gone"}}}}},
    }
    spec.write_text(json.dumps(document), encoding="utf-8")

    with pytest.raises(SpecError, match="is not valid OpenAPI"):
        load_operation(spec)
