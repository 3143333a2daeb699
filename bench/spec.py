"""What the bench reads from the specs: the list endpoint's path, and the schema each of its responses must match."""

from __future__ import annotations

import functools
import json

from openapi_schema_validator import OAS30Validator, oas30_format_checker

from workflow_runs_specs.reader import Spec


@functools.cache
def load_spec(dialect: str) -> Spec:
    return Spec.of_dialect(dialect)


def list_path(dialect: str, params: dict[str, str]) -> str:
    return load_spec(dialect).list_runs().path.format(**params)


@functools.cache
def validator(dialect: str, status: int) -> OAS30Validator | None:
    spec = load_spec(dialect)
    schema = spec.list_runs().response_schema(status)
    if schema is None:
        return None
    root = {"components": spec.document.get("components", {}), **schema}
    return OAS30Validator(root, format_checker=oas30_format_checker)


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
