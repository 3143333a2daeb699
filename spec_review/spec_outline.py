"""What an OpenAPI document promises, flattened: each operation's parameters, and each response's headers and fields.

Diffing two specs, comparing dialects and linting all need one view of a document: `$ref`s followed, every
body field named by its path, and for each thing what a client can rely on (type, format, nullability,
whether it is required, enum values, bounds and default)::

    outline = outline_document(read_document(spec_path("b3os")))
    operation = outline.operations["GET /v1/workflows/{id}/runs"]
    operation.responses["200"].body["data.items[].status"].enum   # ('running', 'waiting', ...)

Field paths join property names with dots, mark array items with `[]` and the values of a map
(`additionalProperties`) with `*`: `data.items[].status`, `usage.steps.*`. The body itself is the path `""`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from workflow_runs_specs.reader import HTTP_METHODS, Spec

__all__ = [
    "BODY",
    "Operation",
    "Outline",
    "Parameter",
    "Response",
    "Shape",
    "child_path",
    "outline_document",
    "resolve",
]

Document = Mapping[str, Any]

BODY = ""
"""The path of a body itself, as opposed to one of its fields."""

CONSTRAINT_KEYWORDS = (
    "default",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
)
"""The schema keywords, besides type, format, nullable and enum, that change which values are valid or assumed."""


@dataclass(frozen=True)
class Shape:
    """What a schema allows at one place: a parameter, a header, a body or one of its fields."""

    type: str
    """A JSON type, `any` when the schema does not say, or alternatives such as `string | integer`."""
    format: str | None = None
    nullable: bool = False
    required: bool = True
    """Whether the thing must be present: a required parameter, header or property (a body and array items are)."""
    enum: tuple[Any, ...] | None = None
    """The allowed values, or None when the schema does not enumerate them."""
    constraints: Mapping[str, Any] = field(default_factory=dict)
    """The bounds, pattern and default the schema states, by keyword (see `CONSTRAINT_KEYWORDS`)."""
    recursive: bool = False
    """The schema is one of its own ancestors: its fields are listed once, at the ancestor."""
    description: str = ""


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str
    shape: Shape
    description: str = ""

    @property
    def key(self) -> str:
        """How the parameter is told apart from the operation's others, e.g. `query status`."""
        return f"{self.location} {self.name}"


@dataclass(frozen=True)
class Response:
    status: str
    description: str
    headers: Mapping[str, Shape]
    """Header name (lower case, as HTTP compares them) to its shape; `required` says whether it is always sent."""
    media_types: tuple[str, ...]
    body: Mapping[str, Shape]
    """Field path to shape for the first JSON media type (empty when the response has no JSON body)."""


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    operation_id: str | None
    summary: str | None
    parameters: Mapping[str, Parameter]
    """By `Parameter.key`, in the order the spec lists them."""
    request_body: Mapping[str, Shape]
    responses: Mapping[str, Response]

    @property
    def key(self) -> str:
        """e.g. `GET /v1/workflows/{id}/runs`."""
        return f"{self.method.upper()} {self.path}"


@dataclass(frozen=True)
class Outline:
    title: str
    version: str
    operations: Mapping[str, Operation]
    """By `Operation.key`, in the order the spec lists them."""


def resolve(document: Document, node: Any) -> Any:
    """Follow `$ref`s (`#/components/...`) from `node` until a concrete object is reached."""
    return reader_of(document).resolve(node)


_READERS: dict[int, Spec] = {}


def reader_of(document: Document) -> Spec:
    """The reader of `document`, kept for the few documents a review reads (it holds the document, so the id of
    a cached one is never reused for another)."""
    spec = _READERS.get(id(document))
    if spec is None or spec.document is not document:
        if len(_READERS) >= 32:
            del _READERS[next(iter(_READERS))]
        spec = _READERS[id(document)] = Spec(document)
    return spec


def child_path(parent: str, name: str) -> str:
    """The path of property `name` of the object at `parent` (`data` + `items` -> `data.items`)."""
    return f"{parent}.{name}" if parent else name


def outline_document(document: Document) -> Outline:
    """The outline of a parsed OpenAPI 3.0 document (assumed valid: see `spec_review.errors.read_document`)."""
    info = document.get("info", {})
    operations = {}
    for path, item in document.get("paths", {}).items():
        item = resolve(document, item)
        shared = [resolve(document, parameter) for parameter in item.get("parameters", [])]
        for method in HTTP_METHODS:
            if method in item:
                operation = outline_operation(document, method, path, item[method], shared)
                operations[operation.key] = operation
    return Outline(str(info.get("title", "")), str(info.get("version", "")), operations)


def outline_operation(
    document: Document, method: str, path: str, operation: Document, shared: list[Document]
) -> Operation:
    parameters: dict[str, Parameter] = {}
    # Operation-level parameters override path-level ones with the same name and location.
    for parameter in [*shared, *(resolve(document, p) for p in operation.get("parameters", []))]:
        found = outline_parameter(document, parameter)
        parameters[found.key] = found
    request_body = resolve(document, operation.get("requestBody", {}))
    request_fields = fields_of(document, json_schema(request_body), required=bool(request_body.get("required")))
    responses = {
        str(status): outline_response(document, str(status), resolve(document, response))
        for status, response in operation.get("responses", {}).items()
    }
    return Operation(
        method, path, operation.get("operationId"), operation.get("summary"), parameters, request_fields, responses
    )


def outline_parameter(document: Document, parameter: Document) -> Parameter:
    required = bool(parameter.get("required", False))
    shape = shape_of(document, parameter.get("schema", {}), required=required, seen=frozenset())
    return Parameter(parameter["name"], parameter["in"], shape, str(parameter.get("description", "")))


def outline_response(document: Document, status: str, response: Document) -> Response:
    headers = {}
    for name, header in response.get("headers", {}).items():
        header = resolve(document, header)
        shape = shape_of(document, header.get("schema", {}), required=bool(header.get("required")), seen=frozenset())
        headers[name.lower()] = replace(shape, description=str(header.get("description", shape.description)))
    content = response.get("content", {})
    return Response(
        status,
        str(response.get("description", "")),
        headers,
        tuple(content),
        fields_of(document, json_schema(response), required=True),
    )


def json_schema(message: Document) -> Document | None:
    """The schema of the first JSON media type of a request body or response, if any."""
    for media_type, content in message.get("content", {}).items():
        if media_type == "application/json" or media_type.endswith("+json"):
            schema: Document | None = content.get("schema")
            return schema
    return None


def fields_of(document: Document, schema: Document | None, *, required: bool) -> dict[str, Shape]:
    """Every field of a body by path, the body itself (`BODY`) first; empty when there is no schema."""
    if schema is None:
        return {}
    return dict(walk(document, schema, BODY, required=required, seen=frozenset()))


def walk(
    document: Document, node: Document, path: str, *, required: bool, seen: frozenset[str]
) -> Iterator[tuple[str, Shape]]:
    ref = node.get("$ref") if isinstance(node, Mapping) else None
    shape = shape_of(document, node, required=required, seen=seen)
    yield path, shape
    if shape.recursive:
        return
    if ref is not None:
        seen = seen | {ref}
    schema = resolve(document, node)
    for part in schema.get("allOf", []):
        # allOf parts add their fields to the object being described, at the same path.
        for part_path, part_shape in walk(document, part, path, required=required, seen=seen):
            if part_path != path:
                yield part_path, part_shape
    required_names = set(schema.get("required", []))
    for name, child in schema.get("properties", {}).items():
        yield from walk(document, child, child_path(path, name), required=name in required_names, seen=seen)
    extra = schema.get("additionalProperties")
    if isinstance(extra, Mapping) and extra:
        yield from walk(document, extra, f"{path}.*" if path else "*", required=False, seen=seen)
    if "items" in schema:
        yield from walk(document, schema["items"], f"{path}[]", required=True, seen=seen)


def shape_of(document: Document, node: Document, *, required: bool, seen: frozenset[str]) -> Shape:
    ref = node.get("$ref") if isinstance(node, Mapping) else None
    schema = resolve(document, node)
    enum = schema.get("enum")
    kind = type_of(document, schema)
    return Shape(
        type=kind,
        format=schema.get("format"),
        # A schema without a type allows every value, null included.
        nullable=bool(schema.get("nullable", False)) or kind == "any",
        required=required,
        enum=tuple(enum) if enum is not None else None,
        constraints={keyword: schema[keyword] for keyword in CONSTRAINT_KEYWORDS if keyword in schema},
        recursive=ref is not None and ref in seen,
        description=str(schema.get("description", "")),
    )


def type_of(document: Document, schema: Document) -> str:
    if "type" in schema:
        return str(schema["type"])
    alternatives = schema.get("oneOf") or schema.get("anyOf")
    if alternatives:
        return " | ".join(type_of(document, resolve(document, alternative)) for alternative in alternatives)
    if "properties" in schema or "additionalProperties" in schema or "allOf" in schema:
        return "object"
    if "items" in schema:
        return "array"
    return "any"
