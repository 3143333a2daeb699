"""What the spec says of a write's body, read by the faults that treat bodies (independently of `contracts`)."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from tests.faulty.router import Request
from workflow_runs_specs import reader


@functools.cache
def spec_of(dialect: str) -> reader.Spec:
    return reader.Spec.of_dialect(dialect)


def json_object(request: Request) -> dict[str, Any] | None:
    """The request's body when it is a JSON object."""
    try:
        body = json.loads(request.body) if request.body else None
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def body_fields(dialect: str, request: Request) -> set[str] | None:
    """The fields the spec defines for the body of the write `request` is, or None for another request."""
    spec = spec_of(dialect)
    path = "/" + request.path.split("/", 2)[2]  # the request's path without the dialect's mount
    for operation in spec.operations:
        template = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(operation.path))
        if operation.method.upper() == request.method and re.fullmatch(template, path):
            content = spec.resolve(operation.definition.get("requestBody", {})).get("content", {})
            schema = spec.resolve(content.get("application/json", {}).get("schema", {}))
            return set(schema.get("properties", {}))
    return None


def has_unknown_fields(request: Request, dialect: str) -> bool:
    """Whether the request's body names a field its spec does not define (which the mock refuses)."""
    body, fields = json_object(request), body_fields(dialect, request)
    return body is not None and fields is not None and not set(body) <= fields
