"""What the bench reads from the specs: the list endpoint's path, and the schema each of its responses must match."""

from __future__ import annotations

import functools
import json
from typing import Any

from openapi_schema_validator import OAS30Validator, oas30_format_checker

from mock_server import spec_reading
from mock_server.spec_reading import list_operation, list_template, resolve


@functools.cache
def load_spec(dialect: str) -> dict[str, Any]:
    return spec_reading.load_spec(dialect)


def list_path(dialect: str, params: dict[str, str]) -> str:
    return list_template(load_spec(dialect)).format(**params)


@functools.cache
def validator(dialect: str, status: int) -> OAS30Validator | None:
    spec = load_spec(dialect)
    operation = list_operation(spec)
    response = operation["responses"].get(str(status))
    if response is None:
        return None
    schema = resolve(spec, response)["content"]["application/json"]["schema"]
    return OAS30Validator({"components": spec.get("components", {}), **schema}, format_checker=oas30_format_checker)


def violations(dialect: str, status: int, body: bytes) -> list[str]:
    """Every way `body` fails its schema; a status the spec does not document is a violation itself."""
    checker = validator(dialect, status)
    if checker is None:
        return [f"{status} is not a documented response"]
    try:
        instance = json.loads(body)
    except ValueError as error:
        return [f"not JSON: {error}"]
    return [error.message for error in checker.iter_errors(instance)]
