"""Invalid input: a parameter outside its documented bounds, length or enum, or a path id not of its format, gets
the documented validation error (400, or FastAPI's 422) in its documented shape.

The invalid requests are derived from the spec's parameter schemas, one per bound or enum, so they are the same
on every run; Schemathesis' negative_data_rejection explores further, with generated values.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from contracts.checks.base import Judgement, check
from contracts.checks.documented import documented_error
from contracts.outcomes import Finding, NotExercised, plural
from contracts.session import Session

__all__ = ["invalid_parameters_rejected"]

VALIDATION_STATUSES = (400, 422)
NOT_IN_ANY_ENUM = "not-a-documented-value"
NOT_A_UUID = "not-a-uuid"


@dataclass(frozen=True)
class InvalidRequest:
    why: str
    query: dict[str, str] = field(default_factory=dict)
    path: dict[str, str] = field(default_factory=dict)


def invalid_requests(session: Session) -> Iterator[InvalidRequest]:
    operation = session.operation
    for name in operation.parameter_names("query"):
        schema = operation.parameter_schema(name)
        if schema.get("type") == "integer" and "minimum" in schema:
            yield InvalidRequest(f"{name} below its minimum", {name: str(schema["minimum"] - 1)})
        if schema.get("type") == "integer" and "maximum" in schema:
            yield InvalidRequest(f"{name} above its maximum", {name: str(schema["maximum"] + 1)})
        if schema.get("type") == "string" and "enum" in schema:
            yield InvalidRequest(f"{name} not in its enum", {name: NOT_IN_ANY_ENUM})
        if schema.get("type") == "string" and "maxLength" in schema:
            yield InvalidRequest(f"{name} longer than its maximum length", {name: "x" * (schema["maxLength"] + 1)})
    for name in operation.parameter_names("path"):
        if operation.parameter_schema(name).get("format") == "uuid":
            yield InvalidRequest(f"{name} that is not a UUID", path={name: NOT_A_UUID})


@check(
    "invalid_parameters_rejected",
    "invalid input",
    "a parameter outside its documented bounds, length or enum gets the documented validation error, never runs",
)
def invalid_parameters_rejected(session: Session) -> Judgement:
    statuses = tuple(status for status in VALIDATION_STATUSES if status in session.operation.documented_statuses)
    if not statuses:
        raise NotExercised("the spec documents no validation error (400 or 422) to expect")
    # Only on a path that reaches runs is a refusal owed to the invalid parameter rather than to the path.
    session.reached()
    requests = list(invalid_requests(session))
    if not requests:
        raise NotExercised("the spec bounds no parameter, so no invalid value can be derived from it")
    findings: list[Finding] = []
    for request in requests:
        exchange = session.get(request.query, path=request.path)
        found = documented_error(session, exchange, statuses, f"for {request.why}")
        if found is not None:
            findings.append(found)
    return Judgement(findings, f"{plural(len(requests), 'invalid request')} refused")
