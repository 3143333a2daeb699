"""The Schemathesis checks, as run by the schema phase: one `Check` each, judged from the phase's tally."""

from __future__ import annotations

import enum
from collections.abc import Callable

from contracts.checks.base import Check, Judgement, check
from contracts.operations import split_operations
from contracts.outcomes import NotExercised, plural
from contracts.schema_phase import SCHEMATHESIS_CHECKS
from contracts.session import Session

__all__ = ["SCHEMA_CHECKS"]


class Needs(enum.Enum):
    """What the phase must have produced for a check's verdict to mean something."""

    ANY_ANSWER = "any answer"
    RUNS = "answers with runs"
    INVALID_REQUESTS = "invalid requests on a path that reaches runs"


STATEMENTS: dict[str, tuple[str, Needs]] = {
    "not_a_server_error": ("no request, valid or invalid, is answered with a 5xx", Needs.ANY_ANSWER),
    "status_code_conformance": ("every answer has a status the spec documents", Needs.ANY_ANSWER),
    "content_type_conformance": (
        "every answer has the media type the spec documents for its status",
        Needs.ANY_ANSWER,
    ),
    "response_headers_conformance": (
        "every answer carries the headers the spec requires for its status, in their documented form",
        Needs.RUNS,
    ),
    "response_schema_conformance": (
        "every answer's body matches the schema the spec documents for its status",
        Needs.RUNS,
    ),
    "negative_data_rejection": (
        "a request with parameters the spec does not allow is rejected with a 4xx",
        Needs.INVALID_REQUESTS,
    ),
    "ignored_auth": ("a request without a valid token is refused where a valid token gets runs", Needs.RUNS),
    "positive_data_acceptance": ("a request the spec allows is not refused with a 4xx", Needs.RUNS),
}


def no_runs_reason(session: Session) -> str:
    try:
        session.reached()
    except NotExercised as unreached:
        return unreached.reason
    return "no generated request was answered with runs"


def judge_from_phase(name: str, needs: Needs) -> Callable[[Session], Judgement]:
    def judge(session: Session) -> Judgement:
        result = session.schema_phase
        tally = result.tallies[name]
        if tally.findings:
            return Judgement(tally.findings)
        if result.stopped_at_failure:
            raise NotExercised("the schema phase stopped at the first failure; --continue-on-failure finishes it")
        if tally.judged == 0:
            raise NotExercised("the schema phase sent no request this check could judge")
        if needs is not Needs.ANY_ANSWER and result.successes == 0:
            raise NotExercised(no_runs_reason(session))
        if needs is Needs.INVALID_REQUESTS and result.negative_cases == 0:
            raise NotExercised("every parameter is pinned, so no invalid request could be generated")
        return Judgement([], f"{plural(tally.judged, 'answer')} judged, {plural(result.requests, 'request')} sent")

    return judge


@check("schema_phase_writes", "schema", "the schema phase sends its generated requests to every write operation")
def schema_phase_writes(session: Session) -> Judgement:
    """What the phase did with the writes: sent (and judged by the checks above), or not sent past the budget."""
    _, writes = split_operations(session.operation.document)
    if not writes:
        raise NotExercised("the spec documents no write operation", chosen=True)
    if not session.options.allow_writes:
        raise NotExercised(
            f"read-only run: the schema phase sent none of the {len(writes)} write operations", chosen=True
        )
    phase = session.schema_phase.writes
    assert phase is not None
    created = f"{plural(len(phase.created), 'run')} created"
    made_up = f"; {plural(phase.confined, 'write')} naming what this run did not make sent to made-up ids instead"
    made_up = made_up if phase.confined else ""
    if phase.refused or phase.made_up_past_share:
        limit = session.budget.limit
        reason = f"--max-writes {limit} reached ({created} by the schema phase, the rest kept for the write checks)"
        past = [f"sent to a made-up id: {by_phase(phase.made_up_past_share)}"] if phase.made_up_past_share else []
        cut = [f"not sent further: {by_phase(phase.refused)}"] if phase.refused else []
        raise NotExercised(f"{reason}: {'; '.join([*past, *cut])}{made_up}", chosen=True)
    return Judgement([], f"{plural(phase.sent, 'request')} that can create a run sent, {created}{made_up}")


def by_phase(operations: dict[str, set[str]]) -> str:
    return ", ".join(f"{name} ({', '.join(sorted(phases))})" for name, phases in sorted(operations.items()))


SCHEMA_CHECKS: tuple[Check, ...] = (
    *(
        check(name, "schema", STATEMENTS[name][0])(judge_from_phase(name, STATEMENTS[name][1]))
        for name in SCHEMATHESIS_CHECKS
    ),
    schema_phase_writes,
)
