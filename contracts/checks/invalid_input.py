"""Invalid input: a parameter outside its documented bounds, length or enum, or a path id not of its format, gets
the documented validation error (400, or FastAPI's 422) in its documented shape; a query parameter the operation
does not declare is ignored or refused, as the spec's `x-unknown-query-parameters` states.

The invalid requests are derived from the spec's parameter schemas, one per bound or enum, so they are the same
on every run; Schemathesis' negative_data_rejection explores further, with generated values. Enum values in
another case (`completed` where only `COMPLETED` is documented) and the other dialects' spellings (`CANCELED` for
`CANCELLED`) are the mistakes a client ported from another vendor makes; a server that accepts them breaks its
own rule, `enum_spellings_rejected`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from contracts.checks.base import Judgement, check, finding
from contracts.checks.documented import documented_error
from contracts.core.outcomes import Finding, NotExercised, plural
from contracts.dialects import DIALECTS, Dialect
from contracts.reading.drift import Drift
from contracts.session import Session
from contracts.spec.document import load_operation
from workflow_runs_specs import spec_path

__all__ = ["enum_spellings_rejected", "invalid_parameters_rejected", "unknown_query_parameter_as_documented"]

VALIDATION_STATUSES = (400, 422)
NOT_IN_ANY_ENUM = "not-a-documented-value"
NOT_A_UUID = "not-a-uuid"
UNKNOWN_QUERY_KEY = "x-unknown-query-parameters"
UNKNOWN_PARAMETER = "not_a_documented_parameter"


@dataclass(frozen=True)
class InvalidRequest:
    why: str
    query: dict[str, str] = field(default_factory=dict)
    path: dict[str, str] = field(default_factory=dict)


def invalid_requests(session: Session) -> Iterator[InvalidRequest]:
    operation = session.context.operation
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
    return all_refused(
        session,
        invalid_requests,
        "invalid request",
        "the spec bounds no parameter, so no invalid value can be derived from it",
    )


def validation_statuses(session: Session) -> tuple[int, ...]:
    """The validation errors the operation documents: what a request it refuses must get."""
    documented = session.context.operation.documented_statuses
    return tuple(status for status in VALIDATION_STATUSES if status in documented)


def all_refused(
    session: Session, derive: Callable[[Session], Iterator[InvalidRequest]], noun: str, none_derived: str
) -> Judgement:
    """Send every request `derive` makes of the operation; each must get a documented validation error."""
    statuses = validation_statuses(session)
    if not statuses:
        raise NotExercised("the spec documents no validation error (400 or 422) to expect")
    # Only on a path that reaches runs is a refusal owed to the invalid request rather than to the path.
    session.lists.reached()
    requests = list(derive(session))
    if not requests:
        raise NotExercised(none_derived)
    findings: list[Finding] = []
    for request in requests:
        exchange = session.context.get(request.query, path=request.path)
        found = documented_error(session.context, exchange, statuses, f"for {request.why}")
        if found is not None:
            findings.append(found)
    return Judgement(findings, f"{plural(len(requests), noun)} refused")


@functools.cache
def spellings_elsewhere(dialect: str, parameter: str) -> tuple[str, ...]:
    """The values the other dialects' specs enumerate for a query parameter of the same name."""
    values: list[str] = []
    for other in DIALECTS:
        if other == dialect:
            continue
        operation = load_operation(spec_path(other))
        if parameter in operation.parameter_names("query"):
            values += [value for value in operation.enum_values(parameter) if value not in values]
    return tuple(values)


def case_variant(value: str, documented: tuple[str, ...]) -> str | None:
    """The value in another case (lower case, else upper case, else capitalised), when that is not documented."""
    for variant in (value.lower(), value.upper(), value.capitalize(), value.swapcase()):
        if variant != value and variant not in documented:
            return variant
    return None


def misspelled_requests(session: Session) -> Iterator[InvalidRequest]:
    """Per enum query parameter: each documented value in another case, and the other dialects' spellings."""
    operation = session.context.operation
    for name in operation.parameter_names("query"):
        documented = operation.enum_values(name)
        if not documented:
            continue
        sent: set[str] = set()
        for value in documented:
            variant = case_variant(value, documented)
            if variant is not None and variant not in sent:
                sent.add(variant)
                yield InvalidRequest(f"{name}={variant}, {value} in another case", {name: variant})
        for value in spellings_elsewhere(session.context.dialect.name, name):
            if value not in documented and value not in sent:
                sent.add(value)
                yield InvalidRequest(f"{name}={value}, another dialect's spelling", {name: value})


def has_filters(dialect: Dialect) -> str | None:
    # The enumerated query parameters of these endpoints are their filters.
    return None if dialect.filters else f"the {dialect.name} endpoint has no enumerated query parameter"


@check(
    "enum_spellings_rejected",
    "invalid input",
    "an enum parameter given in another case, or in another dialect's spelling, gets the documented validation "
    "error, never runs",
    applies=has_filters,
)
def enum_spellings_rejected(session: Session) -> Judgement:
    return all_refused(
        session, misspelled_requests, "misspelled value", "the spec enumerates the values of no query parameter"
    )


@check(
    "unknown_query_parameter_as_documented",
    "invalid input",
    "a query parameter the operation does not declare is ignored or refused, as the spec states",
)
def unknown_query_parameter_as_documented(session: Session) -> Judgement:
    policy = session.context.operation.document.get(UNKNOWN_QUERY_KEY)
    if policy not in ("ignored", "rejected"):
        raise NotExercised(f"the spec does not state what happens to an unknown query parameter ({UNKNOWN_QUERY_KEY})")
    plain = session.lists.reached()
    probe = {UNKNOWN_PARAMETER: "1"}
    if policy == "rejected":
        statuses = validation_statuses(session)
        if not statuses:
            raise NotExercised("the spec refuses unknown query parameters but documents no 400 or 422 to expect")
        exchange = session.context.get(probe)
        found = documented_error(
            session.context, exchange, statuses, f"for the unknown query parameter {UNKNOWN_PARAMETER}"
        )
        return Judgement([found] if found else [], f"{UNKNOWN_PARAMETER} refused")
    # Ignored: the answer is the plain request's, judged against a plain request made just before it, on the runs
    # that were in (or out of) the first page the whole time.
    reference, (before, ignored), after = session.lists.bracketed(
        lambda _: (session.lists.lister.page({}), session.lists.lister.page(probe))
    )
    drift = Drift.of(reference, after)
    first = drift.settled(0, session.context.default_page or max(len(before.runs), 1))
    if not first and not drift.still:
        raise NotExercised("runs arrived faster than the list could be read: no run held its place on the first page")
    if (set(ignored.ids) ^ set(before.ids)) & first or (drift.still and ignored.ids != before.ids):
        what = f"runs {ignored.ids[:3]}..., not {before.ids[:3]}..."
        return Judgement([finding("the same runs as without the parameter", ignored.exchange, what)], "")
    return Judgement([], f"{UNKNOWN_PARAMETER} ignored, the same {plural(len(plain.runs), 'run')}")
