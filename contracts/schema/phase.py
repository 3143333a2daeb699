"""The schema phase: Schemathesis 4 generates requests from the spec and judges every answer with its checks.

Its engine runs the examples, coverage and fuzzing phases (Hypothesis draws the data, seeded) over the spec's
operations, and its stateful phase along the spec's links between them (list, trigger, get, cancel, retry, ...),
against the base URL with the token and the pinned path parameters; this module turns its events into a tally
per check. A read-only run leaves the write operations out of the schema; a run that allows writes keeps every
operation, its requests that could create a run held to the run's budget at the wire (`write_guard`). Either
way the coverage phase probes paths for undocumented methods only with safe ones.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import StopReason, events, from_schema
from schemathesis.engine.recorder import CheckNode, ScenarioRecorder

from contracts.core.errors import RunAbortedError
from contracts.core.outcomes import Finding, Request
from contracts.core.redaction import Secret
from contracts.coverage.record import Exercised
from contracts.dialects.base import also_pinned
from contracts.http.waiting import Waiter
from contracts.rules.response_rules import Facts
from contracts.schema.hypothesis_home import hypothesis_home_elsewhere
from contracts.schema.phase_coverage import record_scenario
from contracts.schema.rate_limit_waits import wait_out_rate_limits
from contracts.schema.rule_checks import EXPECTATIONS as RULE_EXPECTATIONS
from contracts.schema.rule_checks import PHASE_RULES, mark
from contracts.schema.write_guard import PhaseWrites, guard, links_to_own_runs_only
from contracts.spec.operations import SAFE_METHODS, SAFE_PROBE_METHODS, pinnable
from contracts.target.inputs import Options, Target
from workflow_runs_specs import reader

__all__ = ["SCHEMATHESIS_CHECKS", "RuleScope", "SchemaPhaseResult", "Tally", "run_schema_phase"]

# The Schemathesis checks the phase runs, each sound on a conforming server of these specs:
# - negative_data_rejection: every spec documents that values out of bounds, too long or not in the enum answer
#   400 (or FastAPI's 422), and Schemathesis excuses unknown extra query parameters, which servers often ignore.
# - positive_data_acceptance: every spec bounds what its endpoint accepts in the schema itself (`page`/`offset`
#   maxima, `next` with `maxLength: 0`), so no schema-valid request is one a conforming server refuses. A spec
#   whose prose refused what its schema allows would make this check false-alarm, and every write body does: it
#   names things of the target's state a schema cannot (a version the workflow has, a run id not yet in use, a
#   step of the run), so the check is off for the writes that take a body, and for the reads the dialect names
#   (`Dialect.refused_by_state`). A write's 409 (a run in the wrong state) is among the statuses it accepts.
# The resource checks are left out, as none could judge anything here (a check that judges nothing must not count
# as passed): ensure_resource_availability would be sound (every spec says a new run is gettable at once, and no
# spec has a DELETE to excuse a 404), but it judges a read only when its path extends the creating POST's and
# every one of its parameters came from the link, and no get here is both (b3os' and aitasker's paths do not
# extend the trigger's; cortex's get has `verbose`, which no link sets): triggered_run_heads_list and
# replay_makes_new_run judge that rule on the suite's own writes. use_after_free judges reads after a DELETE,
# which no spec has; object_level_authorization needs a second user's credentials.
SCHEMATHESIS_CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "ignored_auth",
    "positive_data_acceptance",
)
EXPECTATIONS = {
    "not_a_server_error": "no 5xx answer",
    "status_code_conformance": "a status the spec documents",
    "content_type_conformance": "the media type the spec documents for the status",
    "response_headers_conformance": "the headers the spec requires for the status",
    "response_schema_conformance": "a body matching the schema the spec documents for the status",
    "negative_data_rejection": "a 4xx for a request the spec does not allow",
    "ignored_auth": "a refusal (401 or 403) without a valid token",
    "positive_data_acceptance": "no 4xx for a request the spec allows",
}
EXPECTATIONS.update(RULE_EXPECTATIONS)
REQUEST_TIMEOUT_SECONDS = 15
PHASE_NAMES = {"examples", "coverage", "fuzzing", "stateful"}
SHOWN_MESSAGE_LINES = 12
"""Schemathesis explains a schema violation with the schema and the value; their first lines are enough."""


@dataclass
class Tally:
    """How one Schemathesis check fared: how many answers it judged, and what it found."""

    judged: int = 0
    findings: list[Finding] = field(default_factory=list)


@dataclass
class SchemaPhaseResult:
    tallies: dict[str, Tally] = field(
        default_factory=lambda: {name: Tally() for name in (*SCHEMATHESIS_CHECKS, *PHASE_RULES)}
    )
    """Schemathesis' checks, and the per-response rules (`rule_checks`) by the name of their semantic check."""
    requests: int = 0
    successes: int = 0
    """Generated requests answered with a 2xx: proof that requests reached runs."""
    negative_cases: int = 0
    """Requests generated to be invalid."""
    writes: PhaseWrites | None = None
    """What the phase's requests did to the budget of runs, when it allowed writes."""
    stopped_at_failure: bool = False


def config_for(
    target: Target, options: Options, rules: tuple[str, ...] = (), document: Mapping[str, Any] | None = None
) -> SchemathesisConfig:
    stop = {} if options.continue_on_failure else {"max-failures": 1}
    return SchemathesisConfig.from_dict(
        {
            **stop,
            "seed": options.seed,
            "continue-on-failure": options.continue_on_failure,
            "base-url": target.base_url.rstrip("/"),
            "headers": {**target.headers, **({"Authorization": f"Bearer {target.token}"} if target.token else {})},
            "request-timeout": REQUEST_TIMEOUT_SECONDS,
            "checks": {"enabled": False, **{name: {"enabled": True} for name in (*SCHEMATHESIS_CHECKS, *rules)}},
            "operations": operation_settings(document, target, options.allow_writes) if document is not None else [],
            # The stateful phase follows the spec's links (the list's first run to get, a new run to get, cancel,
            # retry ...). Probes for undocumented methods use safe ones only, writes allowed or not: a server that
            # ignored the method would act on a POST or DELETE, outside the budget. Error feedback stays off: it
            # reshapes generation after the bounds a server's 400 messages state, so a server stricter than its
            # spec would teach Schemathesis to stop sending the valid requests it refuses. The contract is the
            # spec alone.
            "phases": {
                "coverage": {"unexpected-methods": list(SAFE_PROBE_METHODS)},
                "fuzzing": {"error-feedback": {"enabled": False}},
            },
            # No persistent cache: Schemathesis would otherwise keep requests in .schemathesis/ of the working
            # directory and replay them on the next run, before any phase, write operations of an earlier spec
            # included. No example database: a failure found once must not steer later runs, or the same seed
            # would not send the same requests.
            "cache": {"enabled": False},
            "generation": {"max-examples": options.max_examples, "database": "none", "mode": "all"},
            # Reproduction commands are rewritten to read the token from its environment variable (finding_from),
            # which works when pasted; Schemathesis' own sanitizing would replace it with a placeholder.
            "output": {"sanitization": {"enabled": False}},
        }
    )


def operation_settings(document: Mapping[str, Any], target: Target, writes: bool) -> list[dict[str, Any]]:
    """Per operation: the pinned path parameters it shares with the list, and positive_data_acceptance off for
    the writes that take a body and the reads the dialect names (see SCHEMATHESIS_CHECKS). In a read-only run
    every write is disabled here too: an operation this list names is enabled, whatever `include` left out."""
    params = target.params
    dialect = target.describe_dialect()
    refused_by_state = dialect.refused_by_state
    spec = reader.Spec(document)
    list_path = spec.list_runs().path
    settings: list[dict[str, Any]] = []
    for operation in spec.operations:
        if operation.operation_id is None or (operation.method.upper() not in SAFE_METHODS and not writes):
            continue
        setting: dict[str, Any] = {}
        names = pinnable(list_path, operation.path, operation.parameter_names("path"), also_pinned(dialect))
        pinned = {f"path.{name}": params[name] for name in names if name in params}
        if pinned:
            setting["parameters"] = pinned
        write_with_body = operation.method.upper() not in SAFE_METHODS and "requestBody" in operation.definition
        if write_with_body or operation.operation_id in refused_by_state:
            setting["checks"] = {"positive_data_acceptance": {"enabled": False}}
        if setting:
            settings.append({"include-operation-id": operation.operation_id, **setting})
    if not writes:
        settings.append({"exclude-method": list(SAFE_METHODS), "enabled": False})
    return settings


@dataclass(frozen=True)
class RuleScope:
    """What the per-response rules judge: the list and get operations of the spec, and its paging facts."""

    list_id: str
    get_id: str | None
    facts: Facts
    names: tuple[str, ...] = PHASE_RULES
    """The rules the run judges (a run of a few checks judges only theirs)."""


def run_schema_phase(
    document: Mapping[str, Any],
    target: Target,
    options: Options,
    waiter: Waiter,
    rules: RuleScope | None = None,
    writes: PhaseWrites | None = None,
    exercised: Exercised | None = None,
) -> SchemaPhaseResult:
    """Run Schemathesis against `target` with the spec `document`, and the per-response rules on the answers of
    `rules`' operations; raises `RunAbortedError` if it cannot finish, `KeyboardInterrupt` if interrupted.
    Read-only unless given `writes`, which holds every request that could create a run to the run's budget. Its
    phases are told through `waiter.note`, its 429s waited out by `waiter`, and what it exercised to `exercised`."""
    raw = copy.deepcopy(dict(document))
    if writes is not None:
        links_to_own_runs_only(raw)
    if rules is not None:
        mark(raw, target.dialect, rules.list_id, rules.get_id, rules.facts)
    names = rules.names if rules is not None else ()
    loaded = schemathesis.openapi.from_dict(raw, config=config_for(target, options, names, raw))
    # A read-only run: no write operation is ever generated; otherwise every one, its runs held to the budget.
    schema = loaded.include(method=list(SAFE_METHODS)) if writes is None else guard(loaded, writes)
    transport = wait_out_rate_limits(schema, waiter)
    result = SchemaPhaseResult(writes=writes)
    with hypothesis_home_elsewhere():
        stream = from_schema(schema).execute()
        transport.stop = stream.stop_event
        try:
            for event in stream:
                follow(event, result, waiter.note, target.secret)
                if exercised is not None and isinstance(event, events.ScenarioFinished):
                    record_scenario(event.recorder, exercised)
        finally:
            stream.stop()  # ends at once any wait of its workers, when the loop ends early (Ctrl-C, an error)
    return result


def follow(event: events.EngineEvent, result: SchemaPhaseResult, note: Callable[[str], None], secret: Secret) -> None:
    """Tally a finished scenario, say which phase starts, and end the phase on an error or an interruption."""
    if isinstance(event, events.PhaseStarted) and event.phase.name.value in PHASE_NAMES:
        note(f"schema phase: {event.phase.name.value}")
    elif isinstance(event, events.ScenarioFinished):
        tally_scenario(event.recorder, result, secret)
    elif isinstance(event, events.NonFatalError):
        raise RunAbortedError(f"the schema phase could not finish: {one_line(str(event.value))}")
    elif isinstance(event, events.FatalError):
        raise RunAbortedError(f"the schema phase could not start: {one_line(str(event.exception))}")
    elif isinstance(event, events.EngineFinished):
        if event.stop_reason is StopReason.SERVER_UNAVAILABLE:
            raise RunAbortedError("the schema phase could not finish: the server stopped answering")
        if event.stop_reason is StopReason.INTERRUPTED:
            raise KeyboardInterrupt  # Ctrl-C, which Schemathesis caught to stop its workers
        result.stopped_at_failure = event.stop_reason is StopReason.FAILURE_LIMIT


def tally_scenario(recorder: ScenarioRecorder, result: SchemaPhaseResult, secret: Secret) -> None:
    for case_id, node in recorder.cases.items():
        interaction = recorder.interactions.get(case_id)
        if interaction is None or interaction.response is None:
            continue
        result.requests += 1
        meta = node.value.meta
        negative = meta is not None and meta.generation.mode.is_negative
        result.negative_cases += negative
        result.successes += not negative and 200 <= interaction.response.status_code < 300
    for case_id, checks in recorder.checks.items():
        for check in checks:
            tally = result.tallies.get(check.name)
            if tally is None:
                continue
            tally.judged += 1
            finding = finding_from(check, recorder, case_id, secret)
            if finding is not None and finding not in tally.findings:
                tally.findings.append(finding)


def finding_from(check: CheckNode, recorder: ScenarioRecorder, case_id: str, secret: Secret) -> Finding | None:
    info = check.failure_info
    if info is None:
        return None
    failure = info.failure
    lines = [line for line in failure.message.splitlines() if line.strip()]
    if len(lines) > SHOWN_MESSAGE_LINES:
        lines = [*lines[:SHOWN_MESSAGE_LINES], "..."]
    interaction = recorder.interactions.get(case_id)
    response = interaction.response if interaction is not None else None
    if response is not None:
        body = response.content.decode("utf-8", errors="replace") if response.content else "(empty body)"
        media_type = response.headers.get("content-type", ["(no content type)"])[0]
        lines.append(f"the answer: {response.status_code} {media_type} {body[:300]}")
    # A failure's message may describe the request, headers included, and a server may echo the token.
    actual = secret.redact("\n".join([failure.title, *lines]))
    expected = EXPECTATIONS.get(check.name, failure.title)
    # Schemathesis' curl prints the body alone: asked to show the status too, as the suite's own commands do.
    code = secret.shell_line(re.sub(r"^curl (?!-sS -i )", "curl -sS -i ", info.code_sample))
    if response is None or interaction is None:
        return Finding(expected, actual, code)
    sent = interaction.request
    request = Request(sent.method, sent.uri, {name: values[0] for name, values in sent.headers.items()}, sent.body)
    return Finding(expected, actual, code, response.status_code, request)


def one_line(text: str) -> str:
    lines: Iterator[str] = (line.strip() for line in text.splitlines())
    return next((line for line in lines if line), "unknown error")
