"""OpenAPI 3.0 schemas compiled once into jsonschema-rs validators, so judging a page costs microseconds.

OpenAPI 3.0's `nullable` is not JSON Schema: a nullable schema is rewritten to also accept null (a `null` type
and enum value where the schema names a type, else `anyOf` with `null`), the spec's components travel in the
root so `#/components/...` references resolve, and `uuid` is checked as the OpenAPI validators check it::

    compiled = Schemas(spec.document)
    compiled.problems({"$ref": "#/components/schemas/Run"}, {"id": 1})   # ['at id: 1 is not of type "string"']
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

import jsonschema_rs

__all__ = ["Schemas"]

SHOWN_PROBLEMS = 3
COMPOSITIONS = ("allOf", "anyOf", "oneOf")
NESTED = ("items", "additionalProperties", "not")


def is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def draft4(node: Any) -> Any:
    """`node` (an OpenAPI 3.0 schema) as a Draft 4 schema: `nullable` spelled as JSON Schema spells it."""
    if isinstance(node, list):
        return [draft4(item) for item in node]
    if not isinstance(node, Mapping):
        return node
    converted: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties" and isinstance(value, Mapping):
            converted[key] = {name: draft4(schema) for name, schema in value.items()}
        elif key in COMPOSITIONS or key in NESTED:
            converted[key] = draft4(value)
        elif key != "nullable":
            converted[key] = value
    if node.get("nullable") is not True or "$ref" in node:
        return converted
    if isinstance(converted.get("type"), str) and not any(key in converted for key in COMPOSITIONS):
        converted["type"] = [converted["type"], "null"]
        if "enum" in converted and None not in converted["enum"]:
            converted["enum"] = [*converted["enum"], None]
        return converted
    return {"anyOf": [{"type": "null"}, converted]}


class Schemas:
    """The validators of one spec's schemas, each compiled on first use."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        components = dict(document.get("components", {}))
        components["schemas"] = {name: draft4(schema) for name, schema in components.get("schemas", {}).items()}
        self.components = components
        self.compiled: dict[int, tuple[Any, jsonschema_rs.Draft4Validator]] = {}

    def validator(self, schema: Mapping[str, Any]) -> jsonschema_rs.Draft4Validator:
        # Keyed by the schema object's identity, which the spec keeps alive (the object is kept with it).
        found = self.compiled.get(id(schema))
        if found is None:
            root = {"components": self.components, **draft4(schema)}
            found = (schema, jsonschema_rs.Draft4Validator(root, validate_formats=True, formats={"uuid": is_uuid}))
            self.compiled[id(schema)] = found
        return found[1]

    def problems(self, schema: Mapping[str, Any], instance: Any) -> list[str]:
        """How `instance` breaks `schema` (the first few ways), empty when it conforms."""
        validator = self.validator(schema)
        if validator.is_valid(instance):
            return []
        found = []
        for error in validator.iter_errors(instance):
            where = "/".join(str(part) for part in error.instance_path) or "(root)"
            found.append(f"at {where}: {error.message}")
            if len(found) == SHOWN_PROBLEMS:
                break
        return found

    def only_unknown_fields(self, schema: Mapping[str, Any], instance: Any) -> bool:
        """Whether `instance` breaks `schema` only by properties the schema does not allow."""
        errors = list(self.validator(schema).iter_errors(instance))
        return bool(errors) and all(
            isinstance(error.kind, jsonschema_rs.ValidationErrorKind.AdditionalProperties) for error in errors
        )
