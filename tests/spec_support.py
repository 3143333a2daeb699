"""Helpers the tests share for reading the specs and validating instances against their schemas."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from openapi_schema_validator import OAS30Validator, oas30_format_checker

from workflow_runs_specs.reader import Spec

Document = dict[str, Any]

HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


@functools.cache
def spec_of(dialect: str) -> Spec:
    """The reader of `dialect`'s spec (cached; do not mutate its document)."""
    return Spec.of_dialect(dialect)


def load_spec(dialect: str) -> Document:
    """The parsed OpenAPI document of `dialect` (cached; do not mutate)."""
    return dict(spec_of(dialect).document)


def list_operation(dialect: str) -> tuple[str, Document]:
    """The path template and operation object of the dialect's list-runs endpoint."""
    operation = spec_of(dialect).list_runs()
    return operation.path, dict(operation.definition)


def operations(dialect: str) -> dict[str, tuple[str, str, Document]]:
    """Every operation of the spec by operationId: (path template, method, operation object)."""
    spec = load_spec(dialect)
    found: dict[str, tuple[str, str, Document]] = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                assert operation["operationId"] not in found, f"{dialect}: duplicate {operation['operationId']}"
                found[operation["operationId"]] = (path, method, operation)
    return found


def operation(dialect: str, operation_id: str) -> tuple[str, str, Document]:
    """The path template, method and operation object of `operation_id`."""
    return operations(dialect)[operation_id]


def operation_response_schema(dialect: str, operation_id: str, status: str = "200") -> Document:
    """The JSON schema of `operation_id`'s response for `status`."""
    response = resolve(dialect, operation(dialect, operation_id)[2]["responses"][status])
    schema: Document = response["content"]["application/json"]["schema"]
    return schema


def request_body_schema(dialect: str, operation_id: str) -> Document:
    """The JSON schema of `operation_id`'s request body."""
    body = resolve(dialect, operation(dialect, operation_id)[2]["requestBody"])
    schema: Document = body["content"]["application/json"]["schema"]
    return schema


def operation_parameters(dialect: str, operation_id: str) -> dict[str, Document]:
    """The resolved parameters of `operation_id` by name."""
    parameters = operation(dialect, operation_id)[2].get("parameters", [])
    return {resolved["name"]: resolved for resolved in (resolve(dialect, parameter) for parameter in parameters)}


def resolve(dialect: str, node: Document) -> Document:
    """Follow `$ref`s until a concrete object is reached."""
    found: Document = spec_of(dialect).resolve(node)
    return found


def validator_for(dialect: str, schema: Document) -> OAS30Validator:
    """An OpenAPI 3.0 validator (with `nullable` and formats) for `schema`, resolving refs in the spec."""
    root = {"components": load_spec(dialect).get("components", {}), **schema}
    return OAS30Validator(root, format_checker=oas30_format_checker)


def response_schema(dialect: str, status: str = "200") -> Document:
    """The JSON schema of the list operation's response for `status`."""
    _, operation = list_operation(dialect)
    response = resolve(dialect, operation["responses"][status])
    schema: Document = response["content"]["application/json"]["schema"]
    return schema


def parameter_schema(dialect: str, name: str) -> Document:
    """The schema of the list operation's parameter `name` (path or query)."""
    _, operation = list_operation(dialect)
    for parameter in operation.get("parameters", []):
        parameter = resolve(dialect, parameter)
        if parameter["name"] == name:
            schema: Document = parameter["schema"]
            return schema
    raise KeyError(f"{dialect}: no parameter {name!r}")


def schema_errors(dialect: str, schema: Document, instance: object) -> list[str]:
    """Every validation error of `instance` against `schema`, as readable messages."""
    return [error.message for error in validator_for(dialect, schema).iter_errors(instance)]


def moment(value: str) -> datetime:
    """A spec's date-time (RFC 3339, `Z` or an offset) as an aware datetime."""
    return datetime.fromisoformat(value)
