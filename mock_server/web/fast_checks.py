"""Plain-Python checks of one parameter value: a raw string coerced to its schema's type, and a fast test of the
coerced value against a schema's simple keywords, which accepts only what jsonschema accepts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from jsonschema import FormatChecker

INTEGER = re.compile(r"-?[0-9]{1,40}")
NUMBER = re.compile(r"-?[0-9]{1,40}(\.[0-9]{1,40})?")
"""Forty digits exceed every bound in the specs, so a longer number is reported as malformed, never parsed."""


class CoercionError(ValueError):
    pass


Accepts = Callable[[Any], bool]
PLAIN_KEYWORDS = frozenset(
    {"type", "minLength", "maxLength", "minimum", "maximum", "enum", "items", "format"}
    | {"default", "description", "example"}
)
"""Schema keywords a parameter's fast check understands; any other (pattern, ...) leaves it to jsonschema."""
FORMATS = FormatChecker()
"""The format checks jsonschema runs (each parameter's validator has its own `FormatChecker()` of the same ones)."""
PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "number": (int, float),
    "array": (list,),
}


def anything(value: Any) -> bool:
    return True


def fast_check(schema: Mapping[str, Any]) -> Accepts | None:
    """A plain-Python test of a coerced value against `schema`, or None when the schema needs jsonschema.

    It answers True only for values jsonschema accepts; a False sends the value to jsonschema, which finds the
    issues. Valid requests, the common case, so skip jsonschema's per-keyword dispatch.
    """
    if not schema.keys() <= PLAIN_KEYWORDS:
        return None
    items = fast_check(schema["items"]) if "items" in schema else anything
    enum = schema.get("enum")
    if items is None or (enum is not None and not all(isinstance(option, str) for option in enum)):
        return None
    kinds = PYTHON_TYPES.get(schema.get("type", ""), (object,))
    low, high = schema.get("minimum"), schema.get("maximum")
    shortest, longest = schema.get("minLength"), schema.get("maxLength")
    options = frozenset(enum) if enum is not None else None
    form = schema.get("format")

    def accepts(value: Any) -> bool:
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            return False
        if form is not None and not FORMATS.conforms(value, form):  # the very check jsonschema's `format` makes
            return False
        if isinstance(value, list):
            return all(map(items, value))
        if isinstance(value, str):
            if options is not None and value not in options:
                return False
            return (shortest is None or len(value) >= shortest) and (longest is None or len(value) <= longest)
        if options is not None:
            return False
        if isinstance(value, int | float):
            return (low is None or value >= low) and (high is None or value <= high)
        return True

    return accepts


def coerce_scalar(raw: str, kind: str) -> Any:
    """Turn a raw parameter string into the JSON value its schema type names."""
    if kind == "integer":
        if not INTEGER.fullmatch(raw):
            raise CoercionError(raw)
        return int(raw)
    if kind == "number":
        if not NUMBER.fullmatch(raw):
            raise CoercionError(raw)
        return float(raw)
    if kind == "boolean":
        if raw not in ("true", "false"):
            raise CoercionError(raw)
        return raw == "true"
    return raw
