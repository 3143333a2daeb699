"""The specs as Connexion gets them: each checked once against the OpenAPI 3.0 schema, then not again by Connexion.

Connexion's `add_api` checks a spec against the OpenAPI 3.0 schema with jsonschema in pure Python, which took a
fifth of the CPU time of a start serving all five dialects (cProfile of `create_app`). `check` runs the same
schema (the one Connexion ships) compiled by jsonschema-rs, and Connexion's second check, that every `default`
is valid against the schema object it sits in, with Connexion's own validator; `add_checked_api` then hands the
checked spec to Connexion as its `add_api` would, less the second check. A spec that fails stops the start with
one line saying where.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import Any

import jsonschema_rs
from connexion import AsyncApp
from connexion.json_schema import NullableTypeValidator
from connexion.middleware.main import API
from connexion.spec import OpenAPISpecification
from jsonschema import Draft4Validator
from jsonschema.validators import extend

# Where the value of a key is a map of named things (a schema's properties, the components of a kind, ...):
# the map itself is no object of the spec, so a thing named `default` in it is no default value.
MAPS = frozenset(
    {
        "callbacks",
        "content",
        "encoding",
        "examples",
        "headers",
        "links",
        "mapping",
        "parameters",
        "paths",
        "properties",
        "requestBodies",
        "responses",
        "schemas",
        "scopes",
        "securitySchemes",
        "variables",
    }
)
# Values the OpenAPI schema does not look into: examples, defaults and enums are data, `x-` keys anything.
DATA = frozenset({"default", "enum", "example", "examples"})
LONGEST_MESSAGE = 300


class SpecificationError(ValueError):
    """A spec that is not a valid OpenAPI 3.0 document; the message says which and where, in one line."""


class CheckedSpecification(OpenAPISpecification):  # type: ignore[misc]  # Connexion is untyped
    """A spec `check` accepted: Connexion builds everything from it as usual, but does not check it again."""

    @classmethod
    def _validate_spec(cls, spec: Any) -> None:
        """Checked by `check` already (the same schema)."""


@functools.cache
def openapi_validator() -> jsonschema_rs.Draft4Validator:
    # Formats are not asserted, as Connexion's Draft4Validator does not assert them either.
    return jsonschema_rs.Draft4Validator(OpenAPISpecification.openapi_schema, validate_formats=False)


def check(document: dict[str, Any], source: str) -> CheckedSpecification:
    """`document` as Connexion's specification, or raise `SpecificationError` saying what is wrong with it."""
    document = string_keys(document)  # YAML allows `200:`, JSON (and Connexion) want "200"
    error = next(openapi_validator().iter_errors(document), None)
    if error is not None:
        where = pointer(error.instance_path)
        raise SpecificationError(f"{source} is not a valid OpenAPI 3.0 document at {where}: {short(error.message)}")
    validator = defaults_validator()(document)  # `$ref`s in a schema resolve in the document
    for path, node in schema_objects(document, ()):
        wrong = next(validator.evolve(schema=node).iter_errors(node["default"]), None)
        if wrong is not None:
            where = pointer((*path, "default"))
            raise SpecificationError(
                f"{source}: the default at {where} does not match its schema: {short(wrong.message)}"
            )
    return CheckedSpecification(document)


@functools.cache
def defaults_validator() -> Any:
    """Connexion's validator of a default against its schema: Draft 4, where `nullable: true` admits null."""
    return extend(Draft4Validator, {"type": NullableTypeValidator})  # type: ignore[no-untyped-call]


def add_checked_api(
    app: AsyncApp, specification: CheckedSpecification, *, base_path: str, name: str, **options: Any
) -> None:
    """`app.add_api(...)` for a checked spec: what Connexion's `ConnexionMiddleware.add_api` does after loading it.

    `options` are `add_api`'s (resolver, security_map, validator_map, ...), over the app's own as there.
    """
    middleware = app.middleware
    if middleware.middleware_stack is not None:
        raise RuntimeError("Cannot add api after an application has started")
    settings = middleware.options.replace(**options)
    middleware.apis.append(API(specification, base_path=base_path, name=name, **settings.__dict__))


Path = tuple[str | int, ...]


def schema_objects(node: Any, path: Path, in_map: bool = False) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Every object of the spec that has a `default`, with where it is, as Connexion's check finds them."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from schema_objects(item, (*path, index))
    elif isinstance(node, dict):
        if not in_map and "default" in node:
            yield path, node
        for key, value in node.items():
            if in_map:
                yield from schema_objects(value, (*path, key))
            elif key not in DATA and not key.startswith("x-"):
                yield from schema_objects(value, (*path, key), in_map=key in MAPS)


def string_keys(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(key): string_keys(value) for key, value in node.items()}
    if isinstance(node, list):
        return [string_keys(item) for item in node]
    return node


def pointer(path: Sequence[str | int]) -> str:
    """A JSON pointer (`/paths/~1v1~1runs/get`), or `the top level`."""
    parts = [str(part).replace("~", "~0").replace("/", "~1") for part in path]
    return "/" + "/".join(parts) if parts else "the top level"


def short(message: str) -> str:
    """One line of at most `LONGEST_MESSAGE` characters: jsonschema-rs quotes the whole failing value."""
    line = " ".join(message.split())
    return line if len(line) <= LONGEST_MESSAGE else line[: LONGEST_MESSAGE - 1] + "…"
