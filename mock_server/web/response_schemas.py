"""An OpenAPI 3.0 response schema, as Connexion resolved it, turned into a self-contained JSON Schema Draft 4.

Connexion hands a response validator the operation's schema with every `$ref` replaced by the object it names;
the spec's recursive schemas (the usage calls) make that a cyclic graph of dicts, which a compiled validator
cannot take. `draft4` writes the graph out as a tree, each schema that contains itself named once under
`definitions` and referred to by `$ref`, and states in Draft 4's words what Connexion's validator
(`Draft4ResponseValidator`) adds to Draft 4: `nullable: true` lets null through `type` and `enum` (and nothing
else), and a schema marked `writeOnly` accepts nothing in a response.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DRAFT4 = "http://json-schema.org/draft-04/schema#"

CHECKED_FORMATS = frozenset({"date-time", "email", "idn-email", "ipv4", "ipv6", "regex"})
"""The formats Connexion's validator checks (jsonschema's Draft 4 checker); any other `format` (`uuid`, `int64`)
is a note for readers there, so it is dropped here rather than checked by a stricter library."""

# Keywords whose value is one schema, a list of schemas, or a mapping of names to schemas; every other keyword's
# value is data (`enum`, `example`, `default`, `required`) and is copied as it is.
ONE_SCHEMA = frozenset({"not", "additionalProperties", "additionalItems", "items"})
SCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "items"})
SCHEMA_MAPS = frozenset({"properties", "patternProperties", "definitions"})
WRITE_ONLY = ("writeOnly", "x-writeOnly")
ATTACHED = "components"
"""Connexion attaches the spec's components to the root of each response schema; their `$ref`s are resolved."""


class UnsupportedSchema(ValueError):
    """The schema holds something `draft4` cannot express (a `$ref` Connexion left unresolved)."""


def draft4(schema: Mapping[str, Any]) -> dict[str, Any]:
    """The Draft 4 document validating what Connexion's validator of `schema` validates."""
    return Writer(schema).document()


class Writer:
    """Writes one schema graph out; a schema reached again while inside itself becomes a definition."""

    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        self.recursive = recursive_nodes(root)
        self.names: dict[int, str] = {}
        self.definitions: dict[str, Any] = {}

    def document(self) -> dict[str, Any]:
        body = self.body(self.root)
        if not isinstance(body, dict):
            body = {"allOf": [body]}
        if self.definitions:
            body["definitions"] = self.definitions
        return {"$schema": DRAFT4, **body}

    def schema(self, node: Any) -> Any:
        if not isinstance(node, Mapping):
            return node  # `additionalProperties: false` and the like
        if id(node) not in self.recursive:
            return self.body(node)
        name = self.names.get(id(node))
        if name is None:
            name = self.names[id(node)] = f"s{len(self.names)}"
            self.definitions[name] = {}  # named before its body is written, so the body can refer to itself
            self.definitions[name] = self.body(node)
        return {"$ref": f"#/definitions/{name}"}

    def body(self, node: Mapping[str, Any]) -> Any:
        if "$ref" in node:
            raise UnsupportedSchema(f"an unresolved $ref: {node['$ref']}")
        if any(key in node for key in WRITE_ONLY):
            return {"not": {}}  # Connexion refuses any value of a write-only schema in a response
        written: dict[str, Any] = {}
        for key, value in node.items():
            if (key == ATTACHED and node is self.root) or key == "$schema":
                continue
            if key == "format" and value not in CHECKED_FORMATS:
                continue
            if key in SCHEMA_LISTS and isinstance(value, list):
                written[key] = [self.schema(child) for child in value]
            elif key in ONE_SCHEMA:
                written[key] = self.schema(value)
            elif key in SCHEMA_MAPS and isinstance(value, Mapping):
                written[key] = {name: self.schema(child) for name, child in value.items()}
            else:
                written[key] = value
        if node.get("nullable") or node.get("x-nullable") is True:  # as Connexion's `allow_nullable` reads them
            allow_null(written)
        return written


def allow_null(schema: dict[str, Any]) -> None:
    """Let null through `type` and `enum`, as Connexion's nullable-aware keywords do."""
    kind = schema.get("type")
    if isinstance(kind, str) and kind != "null":
        schema["type"] = [kind, "null"]
    elif isinstance(kind, list) and "null" not in kind:
        schema["type"] = [*kind, "null"]
    enum = schema.get("enum")
    if isinstance(enum, list) and None not in enum:
        schema["enum"] = [*enum, None]


def recursive_nodes(root: Mapping[str, Any]) -> set[int]:
    """The ids of the schemas reached again from inside themselves (depth-first, along schema keywords)."""
    found: set[int] = set()
    on_path: set[int] = set()
    done: set[int] = set()

    def visit(node: Any, is_root: bool = False) -> None:
        if not isinstance(node, Mapping):
            return
        if id(node) in on_path:
            found.add(id(node))
            return
        if id(node) in done:
            return
        on_path.add(id(node))
        for key, value in node.items():
            if is_root and key == ATTACHED:
                continue
            if key in SCHEMA_LISTS and isinstance(value, list):
                for child in value:
                    visit(child)
            elif key in ONE_SCHEMA:
                visit(value)
            elif key in SCHEMA_MAPS and isinstance(value, Mapping):
                for child in value.values():
                    visit(child)
        on_path.discard(id(node))
        done.add(id(node))

    visit(root, is_root=True)
    return found
