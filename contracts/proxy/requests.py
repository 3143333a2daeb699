"""Whether the spec accepts a request: its path and query parameters, its Authorization header and its body.

A query value is a string on the wire; it is read as its schema's type (an integer, a boolean) before the
schema judges it, as the mock and any OpenAPI server do. Each way a request breaks the spec is an `Issue` of a
kind, so an answer can be judged by what the request was (a 2xx to an enum value in another case breaks
`enum_spellings_rejected`, to a value out of bounds `invalid_parameters_rejected`)::

    verdict = RequestJudge(spec, schemas).judge(matched, exchange)
    verdict.issues       # (Issue("invalid", "query limit: 0 is less than the minimum of 1"),)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from contracts.coverage.routes import Matched
from contracts.proxy.exchange import Exchange
from contracts.proxy.schemas import Schemas
from workflow_runs_specs.reader import Operation, Spec

__all__ = ["Issue", "RequestJudge", "RequestVerdict"]

INTEGER = re.compile(r"-?\d+")
NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")
UNKNOWN_QUERY_KEY = "x-unknown-query-parameters"


@dataclass(frozen=True)
class Issue:
    kind: str
    """`invalid`, `enum_spelling`, `unknown_parameter`, `unknown_field` (of a body), `missing_token` or
    `malformed_token`."""
    detail: str


@dataclass(frozen=True)
class RequestVerdict:
    issues: tuple[Issue, ...] = ()
    ignored: tuple[str, ...] = ()
    """Undeclared query parameters the spec says the server ignores."""


def typed(value: str, schema: Mapping[str, Any]) -> Any:
    """A query or path value read as its schema's type; left a string when it is not of that type."""
    kind = schema.get("type")
    if kind == "integer" and INTEGER.fullmatch(value):
        return int(value)
    if kind == "number" and NUMBER.fullmatch(value):
        return float(value)
    if kind == "boolean" and value in ("true", "false"):
        return value == "true"
    return value


def other_case(value: Any, schema: Mapping[str, Any]) -> bool:
    """Whether `value` is a documented enum value spelled in another case."""
    if not isinstance(value, str):
        return False
    documented = [str(option) for option in schema.get("enum", ())]
    return value not in documented and value.casefold() in {option.casefold() for option in documented}


def bearer_required(spec: Spec, operation: Operation) -> bool:
    requirements = operation.definition.get("security", spec.document.get("security", []))
    schemes = spec.document.get("components", {}).get("securitySchemes", {})
    names = {name for requirement in requirements for name in requirement}
    # An empty requirement ({}) makes authentication optional.
    optional = any(not requirement for requirement in requirements)
    return not optional and any(
        str(spec.resolve(schemes.get(name, {})).get("scheme", "")).lower() == "bearer" for name in names
    )


class RequestJudge:
    def __init__(self, spec: Spec, schemas: Schemas) -> None:
        self.spec, self.schemas = spec, schemas
        self.unknown_query = str(spec.document.get(UNKNOWN_QUERY_KEY, "rejected"))

    def judge(self, matched: Matched, exchange: Exchange) -> RequestVerdict:
        operation = matched.operation
        issues = self.authorization(operation, exchange)
        given: dict[str, list[str]] = {}
        for name, value in exchange.query_pairs:
            given.setdefault(name, []).append(value)
        declared = operation.parameter_names("query")
        for parameter in operation.parameter_list:
            if parameter["in"] == "path":
                issues += self.value(parameter, matched.path.get(parameter["name"]))
            elif parameter["in"] == "query":
                values = given.get(parameter["name"])
                schema = self.spec.resolve(parameter.get("schema", {}))
                if schema.get("type") == "array":
                    issues += self.value(parameter, values)
                    continue
                if values is not None and len(values) > 1:
                    issues.append(Issue("invalid", f"query {parameter['name']} is given {len(values)} times"))
                issues += self.value(parameter, None if values is None else values[0])
        unknown = tuple(name for name in given if name not in declared)
        ignored: tuple[str, ...] = ()
        if unknown and self.unknown_query == "ignored":
            ignored = unknown
        elif unknown:
            issues += [
                Issue("unknown_parameter", f"query {name} is not a parameter of the operation") for name in unknown
            ]
        issues += self.body(operation, exchange)
        return RequestVerdict(tuple(issues), ignored)

    def authorization(self, operation: Operation, exchange: Exchange) -> list[Issue]:
        if not bearer_required(self.spec, operation):
            return []
        values = [value for name, value in exchange.request_headers if name == "authorization"]
        if not values:
            return [Issue("missing_token", "no Authorization header, which the operation requires")]
        scheme, _, credential = values[0].strip().partition(" ")
        if len(values) > 1 or scheme.lower() != "bearer" or not credential.strip():
            return [Issue("malformed_token", "the Authorization header is not one 'Bearer <token>'")]
        return []

    def value(self, parameter: Mapping[str, Any], raw: str | list[str] | None) -> list[Issue]:
        """A scalar parameter's value, or every value of an array's (a query's exploded form: `verbose=all`)."""
        where = f"{parameter['in']} {parameter['name']}"
        if raw is None:
            return [Issue("invalid", f"{where} is required")] if parameter.get("required") else []
        schema = self.spec.resolve(parameter.get("schema", {}))
        items = self.spec.resolve(schema.get("items", {}))
        values = [typed(one, items) for one in raw] if isinstance(raw, list) else [typed(raw, schema)]
        value = values if isinstance(raw, list) else values[0]
        problems = self.schemas.problems(schema, value)
        if not problems:
            return []
        spelled = any(other_case(one, items if isinstance(raw, list) else schema) for one in values)
        kind = "enum_spelling" if spelled else "invalid"
        shown = ",".join(raw) if isinstance(raw, list) else raw
        return [Issue(kind, f"{where}={shown!r}: {problems[0].partition(': ')[2]}")]

    def body(self, operation: Operation, exchange: Exchange) -> list[Issue]:
        body = exchange.request_body or b""
        described = operation.definition.get("requestBody")
        if described is None:
            return [Issue("invalid", "a body, which the operation does not take")] if body else []
        described = self.spec.resolve(described)
        if not body:
            return [Issue("invalid", "no body, which the operation requires")] if described.get("required") else []
        media_type = (exchange.header("content-type", exchange.request_headers) or "").split(";")[0].strip().lower()
        content = described.get("content", {})
        if media_type not in content:
            return [Issue("invalid", f"a body of media type {media_type or '(none)'}, not {' or '.join(content)}")]
        schema = content[media_type].get("schema")
        try:
            document = orjson.loads(body)
        except orjson.JSONDecodeError:
            return [Issue("invalid", "a body that is not JSON")]
        if schema is None:
            return []
        kind = "unknown_field" if self.schemas.only_unknown_fields(schema, document) else "invalid"
        return [Issue(kind, f"body {problem}") for problem in self.schemas.problems(schema, document)[:1]]
