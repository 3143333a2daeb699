"""What the bench reads from the specs: the list endpoint's path, and the schema each of its responses must match."""

from __future__ import annotations

import functools
import json
from typing import Any

import yaml
from openapi_schema_validator import OAS30Validator, oas30_format_checker

from specs import spec_path


@functools.cache
def load_spec(dialect: str) -> dict[str, Any]:
    with spec_path(dialect).open(encoding="utf-8") as handle:
        document: dict[str, Any] = yaml.safe_load(handle)
    return document


@functools.cache
def list_template(dialect: str) -> str:
    """The path template of the dialect's list endpoint: the only GET of its spec."""
    template: str = next(path for path, item in load_spec(dialect)["paths"].items() if "get" in item)
    return template


def list_path(dialect: str, params: dict[str, str]) -> str:
    return list_template(dialect).format(**params)


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


@functools.cache
def validator(dialect: str, status: int) -> OAS30Validator | None:
    spec = load_spec(dialect)
    operation = spec["paths"][list_template(dialect)]["get"]
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
