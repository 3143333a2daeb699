"""Request bodies of the writes: read within the documented size, parsed as JSON, checked against the spec.

Connexion's own body validator reports one string as problem+json, and answers a wrong content type with a 415
no spec documents; this module reports every `Issue` (located under `body`) so each dialect answers in its
vendor's shape and status. Operations that document no body refuse a non-empty one, as their specs say.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from jsonschema import Draft4Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError
from starlette.types import Receive, Scope

from mock_server.problems import Issue, IssueCode, MockProblem, Problem, ProblemKind
from mock_server.web.request_headers import first_header
from mock_server.web.validation import FORMAT_NAMES, echo

MAX_BODY_BYTES = 1 << 20
"""1 MiB: the limit every spec documents for a write's body (413 beyond)."""
JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer", float: "number"}
NO_BODY = object()
"""What an empty body parses to, so an absent body and a JSON `null` are told apart."""


def nullable_type(validator: Any, types: Any, instance: Any, schema: Mapping[str, Any]) -> Iterator[ValidationError]:
    """OpenAPI 3.0's `type` with `nullable: true`, which JSON Schema draft 4 does not know."""
    if instance is None and schema.get("nullable"):
        return
    yield from validators.Draft4Validator.VALIDATORS["type"](validator, types, instance, schema)


OpenApiValidator = validators.extend(Draft4Validator, {"type": nullable_type})  # type: ignore[no-untyped-call]


def json_type(value: Any) -> str:
    return "null" if value is None else JSON_TYPES.get(type(value), "value")


def invalid(message: str, issues: tuple[Issue, ...]) -> MockProblem:
    return MockProblem(Problem(ProblemKind.INVALID_REQUEST, message, issues))


def issue(name: str, code: IssueCode, message: str, value: Any = None, expected: Any = None) -> Issue:
    shown = None if value is None else echo(value if isinstance(value, str) else orjson.dumps(value).decode())
    return Issue("body", name, code, message, shown, expected)


async def read_body(scope: Scope, receive: Receive, limit: int = MAX_BODY_BYTES) -> bytes:
    """The request's body, or raise the 413 problem as soon as it is known to exceed `limit`."""
    too_large = MockProblem(Problem(ProblemKind.PAYLOAD_TOO_LARGE, f"Request body too large: at most {limit} bytes"))
    for name, value in scope["headers"]:
        if name == b"content-length" and value.isdigit() and int(value) > limit:
            raise too_large
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def media_type(scope: Scope) -> str | None:
    value = first_header(scope, b"content-type")
    return None if value is None else value.decode("latin-1").split(";", 1)[0].strip().lower()


@dataclass(frozen=True)
class BodyRule:
    """What one operation accepts as its body: nothing, or JSON of a schema (required or not)."""

    schema: Mapping[str, Any] | None
    required: bool
    validator: Any = None

    @classmethod
    def of(cls, operation: Mapping[str, Any], document: Mapping[str, Any], resolve: Any) -> BodyRule:
        request_body = resolve(operation.get("requestBody"))
        if not request_body:
            return cls(None, False)
        schema = request_body.get("content", {}).get("application/json", {}).get("schema", {})
        # `$ref`s point into the document's components; keeping them beside the schema resolves them.
        rooted = {**schema, "components": document.get("components", {})}
        return cls(schema, bool(request_body.get("required")), OpenApiValidator(rooted, format_checker=FormatChecker()))

    def parse(self, scope: Scope, raw: bytes) -> Any:
        """The body as JSON (`NO_BODY` when empty and allowed), or raise a `MockProblem` listing every issue."""
        # Only an empty body is no body: one of whitespace alone is not JSON, as a JSON parser says.
        if self.schema is None:
            if raw:
                found = issue("", IssueCode.UNSUPPORTED, "this operation takes no request body")
                raise invalid("Invalid request: this operation takes no request body", (found,))
            return NO_BODY
        if not raw:
            if self.required:
                raise invalid(
                    "Invalid request: a JSON request body is required",
                    (issue("", IssueCode.MISSING, "Field required"),),
                )
            return NO_BODY
        kind = media_type(scope)
        if kind != "application/json":
            message = f"the request body must be sent as application/json, not {kind or 'without a Content-Type'}"
            raise invalid(f"Invalid request: {message}", (issue("", IssueCode.UNSUPPORTED, message),))
        try:
            body = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            message = f"the request body is not valid JSON: {error}"
            raise invalid(f"Invalid request: {message}", (issue("", IssueCode.MALFORMED, message),)) from None
        issues = tuple(self.explain(error) for error in self.validator.iter_errors(body))
        if issues:
            raise invalid("Invalid request: " + "; ".join(item.message for item in issues), issues)
        return body

    def explain(self, error: ValidationError) -> Issue:
        keyword = str(error.validator)
        instance: Any = error.instance
        required: Any = error.validator_value
        where = ".".join(str(part) for part in error.absolute_path)
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        named = where or "the body"
        if keyword == "required":
            missing = next(str(key) for key in required if key not in instance)
            name = f"{where}.{missing}" if where else missing
            return issue(name, IssueCode.MISSING, f"{name} is required")
        if keyword == "additionalProperties":
            extras = sorted(set(instance) - set(schema.get("properties", {})))
            name = ".".join(filter(None, (where, extras[0] if extras else "")))
            return issue(
                name, IssueCode.UNKNOWN_PARAMETER, f"unknown field {name}", None, tuple(schema.get("properties", {}))
            )
        if keyword == "type":
            wanted = str(error.validator_value)
            message = f"{named} must be of type {wanted}, not {json_type(error.instance)}"
            return issue(where, IssueCode.INVALID_TYPE, message, error.instance, wanted)
        if keyword == "enum":
            options = tuple(
                str(option).lower() if isinstance(option, bool) else str(option) for option in schema["enum"]
            )
            return issue(
                where, IssueCode.INVALID_ENUM, f"{named} must be one of: {', '.join(options)}", error.instance, options
            )
        if keyword in ("minimum", "minLength", "minItems", "minProperties"):
            bound = schema[keyword]
            return issue(
                where,
                IssueCode.TOO_SMALL,
                f"{named} must be at least {bound}{' long' if keyword != 'minimum' else ''}",
                error.instance,
                bound,
            )
        if keyword in ("maximum", "maxLength", "maxItems"):
            bound = schema[keyword]
            return issue(
                where,
                IssueCode.TOO_BIG,
                f"{named} must be at most {bound}{' long' if keyword != 'maximum' else ''}",
                error.instance,
                bound,
            )
        if keyword in ("pattern", "format"):
            expected = str(schema.get("format", "pattern"))
            message = f"{named} must be a valid {FORMAT_NAMES.get(expected, expected)}"
            if keyword == "pattern":
                message = f"{named} must match {schema['pattern']}"
            return issue(where, IssueCode.INVALID_FORMAT, message, error.instance, expected)
        if keyword == "not":
            reason = str(schema.get("not", {}).get("description") or "a combination of fields that is not allowed")
            return issue(where, IssueCode.MALFORMED, f"{named} is invalid: {reason}", None)
        return issue(where, IssueCode.MALFORMED, f"{named} is invalid: {error.message}", None)
