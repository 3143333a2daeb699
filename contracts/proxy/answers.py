"""What one answer shows broken: its status, media type, headers and body against what its operation documents,
what it says to a request the spec refuses, and the suite's per-response rules on the list and the get.

Each problem is named by the rule the contract suite gives it: a 5xx is `not_a_server_error`, an undocumented
status `status_code_conformance`, a body off its schema `response_schema_conformance`; a 401 or 404 off its
documented shape breaks the rule of that answer (`missing_token_gets_401`, `unknown_run_gets_404`, ...), and a
write's answer `write_operations`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from contracts.core.json_path import MISSING
from contracts.dialects.base import Dialect
from contracts.proxy.exchange import Exchange
from contracts.proxy.requests import RequestVerdict
from contracts.proxy.rules import STATEMENTS
from contracts.proxy.schemas import Schemas
from contracts.rules.response_rules import RULES, Answer, Judged
from workflow_runs_specs.reader import Operation, Spec

__all__ = ["AnswerJudge", "Problem", "loaded", "parsed_body"]

REFUSED = {
    "missing_token": "missing_token_gets_401",
    "malformed_token": "malformed_authorization_gets_401",
    "enum_spelling": "enum_spellings_rejected",
    "unknown_parameter": "unknown_query_parameter_as_documented",
    "invalid": "invalid_parameters_rejected",
    "unknown_field": "unknown_body_field_refused",
}
"""The rule a 2xx to a refused request breaks, by the kind of the request's first issue."""


OF_THE_GET = {"runs_belong_to_path": "run_outside_its_path_gets_404"}
"""A per-response rule as the suite names it for the get: a run answered through another owner's path."""


@dataclass(frozen=True)
class Problem:
    rule: str
    expected: str
    actual: str


def parsed_body(exchange: Exchange) -> Any:
    """The answer's body as JSON; `MISSING` when it is empty, not kept or not JSON."""
    return loaded(exchange.decoded_body())


def loaded(body: bytes | None) -> Any:
    """`body` parsed as JSON; `MISSING` when it is empty, not kept or not JSON."""
    if not body:
        return MISSING
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        return MISSING


class AnswerJudge:
    def __init__(self, spec: Spec, schemas: Schemas, judged: Judged, list_id: str | None) -> None:
        self.spec, self.schemas, self.judged = spec, schemas, judged
        self.kinds = {list_id: "list", judged.dialect.get_run: "get"}

    def kind(self, operation: Operation) -> str:
        """`list`, `get`, `write` (any other method than GET) or `read`."""
        found = self.kinds.get(operation.operation_id)
        return found or ("read" if operation.method == "get" else "write")

    def shape_rule(self, kind: str, status: int, generic: str) -> str:
        dialect: Dialect = self.judged.dialect
        if status == 401:
            return "missing_token_gets_401"
        if status == 404 and kind == "list":
            return "unknown_tenant_gets_404" if dialect.tenant_parameter else "unknown_workflow_gets_404"
        if status == 404 and kind == "get":
            return "unknown_run_gets_404"
        return "write_operations" if kind == "write" else generic

    def documented(self, operation: Operation, exchange: Exchange, body: Any) -> list[Problem]:
        """Status, media type, headers and body against the operation's documented answers."""
        status = exchange.status
        if status >= 500 and str(status) not in operation.responses:
            return [Problem("not_a_server_error", "no server error", f"status {status}")]
        response = operation.response(status) or operation.response("default")
        if response is None:
            documented = ", ".join(operation.responses)
            return [Problem("status_code_conformance", f"one of the documented statuses: {documented}", str(status))]
        kind = self.kind(operation)
        problems = self.header_problems(
            response, exchange, self.shape_rule(kind, status, "response_headers_conformance")
        )
        content = response.get("content", {})
        if not content or not exchange.decoded_body():
            return problems
        media_type = exchange.media_type
        if media_type not in content:
            rule = self.shape_rule(kind, status, "content_type_conformance")
            return [*problems, Problem(rule, f"media type {' or '.join(content)}", media_type or "(none)")]
        schema = content[media_type].get("schema")
        if schema is None:
            return problems
        rule = self.shape_rule(kind, status, "response_schema_conformance")
        if body is MISSING:
            return [*problems, Problem(rule, f"a {media_type} body", "a body that is not JSON")]
        found = self.schemas.problems(schema, body)
        return [*problems, *(Problem(rule, f"the documented {status} body", problem) for problem in found[:1])]

    def header_problems(self, response: Mapping[str, Any], exchange: Exchange, rule: str) -> list[Problem]:
        problems = []
        for name, header in response.get("headers", {}).items():
            header = self.spec.resolve(header)
            value = exchange.header(name.lower())
            if value is None:
                if header.get("required"):
                    problems.append(Problem(rule, f"the required {name} header", "no such header"))
                continue
            schema = self.spec.resolve(header.get("schema", {}))
            typed: Any = int(value) if schema.get("type") == "integer" and value.lstrip("-").isdigit() else value
            problems += [
                Problem(rule, f"header {name} as documented", found)
                for found in self.schemas.problems(schema, typed)[:1]
            ]
        return problems

    def to_request(self, verdict: RequestVerdict, exchange: Exchange) -> list[Problem]:
        """What the answer says to what was asked: a 2xx to a refused request, a refusal of an ignored parameter."""
        status = exchange.status
        if verdict.issues and 200 <= status < 300:
            issue = verdict.issues[0]
            return [
                Problem(
                    REFUSED[issue.kind], "a refusal (4xx) of a request the spec refuses", f"{status} to {issue.detail}"
                )
            ]
        if verdict.ignored and not verdict.issues and status in (400, 422):
            names = ", ".join(verdict.ignored)
            return [
                Problem(
                    "unknown_query_parameter_as_documented", f"{names} ignored, as the spec states", f"status {status}"
                )
            ]
        return []

    def per_response(
        self, operation: Operation, path: Mapping[str, str], exchange: Exchange, body: Any
    ) -> list[Problem]:
        """The suite's per-response rules, on a 200 answer to the list or the get."""
        kind = self.kind(operation)
        if kind not in ("list", "get") or exchange.status != 200 or body is MISSING:
            return []
        answer = Answer(
            kind,
            path=dict(path),
            query=dict(reversed(exchange.query_pairs)),  # the first value of each parameter
            status=exchange.status,
            headers=dict(reversed(exchange.response_headers)),
            body=body,
        )
        return [
            Problem(named, STATEMENTS[named], found)
            for name, rule in RULES.items()
            for found in rule(self.judged, answer)[:1]
            for named in [OF_THE_GET.get(name, name) if kind == "get" else name]
        ]
