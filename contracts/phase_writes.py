"""The schema phase's writes, at the wire: only on what this run may write on, and held to the run's budget.

Schemathesis sends every request of every phase, and the probes some checks send on their own (`ignored_auth`
resends a request without its token), through its schema's transport. `guard` gives the phase's loaded schema
(that object alone: no global hook, so no other Schemathesis run in the process is touched) a transport that
asks `PhaseWrites` before each write, and tells it each answer:

- before, every write: a path parameter naming a run this run did not create, or a tenant or workflow not pinned
  with --param, is rewritten to an id made up to name nothing (`write_scope`), so the request still exercises the
  operation's answer to an unknown id and its reproduction shows what was sent (the case itself is changed).
  The phase's requests come from the spec's examples, from generation and from links, and none of them may
  write on what the target had before the run;
- before, a request to an operation that can create a run: one whose body was generated invalid, which every
  server must refuse, is sent while the phase's share lasts; any other while its own part of it does (below).
  Past that, a case of the examples, coverage and fuzzing phases is sent with its last path parameter (the
  workflow of a trigger, the run of a retry) made up, where it has one, so it creates nothing and the invalid
  bodies after it are still sent. Otherwise, and for every request once the budget is spent, the request is not
  sent: in those phases `BudgetSpent` ends that operation's test in that phase the way Schemathesis ends one
  whose time is up: its executors catch it and keep what was judged before, reporting neither an error nor a
  failure. (Its `SkipTest` escapes the examples and coverage phases' executor as a crash.) In the stateful phase
  the scenario is rejected, as Hypothesis' `reject()` does, and its other scenarios go on, up to
  `STATEFUL_REJECTIONS` of them; then the phase ends as above;
- after: each write is listed in the `WriteLog` (method, path, status); a 2xx answer to one that can create a
  run spent one run of the budget, and the id of the run it made is logged with the write checks' own, so the
  end of the run lists it and cancels it where the dialect can, and later writes may name it.

The phase's share is what the write checks leave (`WriteBudget.reserved`); half of it is kept for the stateful
phase, which runs last, so chains of writes through the links are walked however much the others would spend,
and the rest is split evenly between the creating operations, so that each gets requests. The stateful phase
writes only on runs this run created: the links from the list and the get to the writes are left out of its
copy of the spec (`links_to_own_runs_only`).

An operation can create a run unless the dialect names it as one that cannot (cancel, retention change): an
operation the suite does not know (a newer spec's) is budgeted as creating.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hypothesis import reject
from schemathesis.core.errors import InvalidSchema
from schemathesis.core.parameters import ParameterLocation
from schemathesis.core.transport import Response
from schemathesis.engine.run.unit._case import BudgetExpired
from schemathesis.generation.case import Case
from schemathesis.specs.openapi.schemas import OpenApiSchema
from schemathesis.transport.requests import REQUESTS_TRANSPORT, RequestsTransport

from contracts.dialects.base import Dialect
from contracts.json_path import MISSING, dig
from contracts.operations import SAFE_METHODS, split_operations
from contracts.write_scope import WriteScope
from contracts.writing import WriteBudget, WriteLog
from workflow_runs_specs import reader

__all__ = ["PhaseWrites", "creating_operations", "guard", "links_to_own_runs_only"]

BODY_POINTER = "$response.body#/"
STATEFUL = "stateful"
UNIT_PHASES = ("examples", "coverage", "fuzzing")
STATEFUL_REJECTIONS = 20
"""Stateful scenarios dropped for a creating step past the budget before the phase ends: Hypothesis keeps drawing
scenarios with such steps, and each costs the time of the steps before it."""


def creating_operations(document: Mapping[str, Any], dialect: Dialect) -> dict[str, tuple[str, ...]]:
    """The spec's writes that can create a run, by operationId, each with where its 2xx answer names the run."""
    writes = dialect.writes
    cannot = {writes.cancel, writes.retention} if writes is not None else set()
    _, operations = split_operations(document)
    spec = reader.Spec(document)
    found: dict[str, tuple[str, ...]] = {}
    for operation in operations:
        if operation.operation_id is None or operation.operation_id in cannot:
            continue
        found[operation.operation_id] = id_location(spec, spec.operation(operation.operation_id), dialect)
    return found


def id_location(spec: reader.Spec, operation: reader.Operation, dialect: Dialect) -> tuple[str, ...]:
    """Where the run's id is in the operation's 2xx answer: as its links pass it on to the run parameter (the
    spec's word), else where the dialect keeps a new run's id."""
    writes = dialect.writes
    run_parameter = writes.run_parameter if writes is not None else "id"
    for status, answer in operation.responses.items():
        if not status.startswith("2"):
            continue
        for link in answer.get("links", {}).values():
            expression = spec.resolve(link).get("parameters", {}).get(run_parameter)
            if isinstance(expression, str) and expression.startswith(BODY_POINTER):
                return tuple(expression.removeprefix(BODY_POINTER).split("/"))
    return writes.created_id if writes is not None else ("id",)


def links_to_own_runs_only(document: dict[str, Any]) -> None:
    """Leave out of `document` (the phase's own copy) the links from a read to a write: from the list or a get
    they name runs the target already had, which the stateful phase would cancel, retry or replay. The links out
    of a write (a trigger's new run to get, cancel, retry ...) stay: the runs they name are this run's own."""
    spec = reader.Spec(document)
    writes = {operation.operation_id for operation in split_operations(document)[1]}
    for operation in spec.operations:
        if operation.method.upper() not in SAFE_METHODS:
            continue
        for answer in operation.definition.get("responses", {}).values():
            links = spec.resolve(answer).get("links", {})
            for name in [name for name, link in links.items() if spec.resolve(link).get("operationId") in writes]:
                del links[name]


class BudgetSpent(BudgetExpired):
    """A request not sent: the run's budget of runs is spent."""


@dataclass
class PhaseWrites:
    """The schema phase's side of the run's budget: what it may send, what it created, what it did not send."""

    budget: WriteBudget
    log: WriteLog
    creating: Mapping[str, tuple[str, ...]]
    scope: WriteScope
    created: list[str] = field(default_factory=list)
    """Runs the phase's requests created, by id ("(no id)" where a 2xx answer named none)."""
    refused: dict[str, set[str]] = field(default_factory=dict)
    """Operations whose requests were not sent once the budget was spent, with the phases they were cut in."""
    made_up_past_share: dict[str, set[str]] = field(default_factory=dict)
    """Operations whose valid requests past their share were sent to a made-up id, with the phases."""
    sent: int = 0
    """Requests sent to operations that can create a run."""
    stateful_spent: int = 0
    spent_by: dict[str, int] = field(default_factory=dict)
    """Runs each operation made outside the stateful phase."""
    rejected: int = 0
    """Stateful scenarios dropped for a step the budget refused."""
    confined: int = 0
    """Writes sent to a made-up id instead of a run this run did not create or a tenant or workflow not pinned."""

    @property
    def stateful_share(self) -> int:
        """Runs kept for the stateful phase, which comes last: half the phase's share, so that chains of writes
        through the links (trigger, get, cancel ...) are walked however much the other phases would spend."""
        return (self.budget.limit - self.budget.reserved) // 2

    @property
    def operation_share(self) -> int:
        """Runs each creating operation may make in the other phases, so that the first in the spec does not
        spend them all: their share split evenly (one at least)."""
        share = self.budget.limit - self.budget.reserved - self.stateful_share
        return max(1, -(-share // max(1, len(self.creating))))

    def left(self, phase: str, operation_id: str = "") -> int:
        if phase == STATEFUL:
            return self.budget.left(phase=True)
        kept = max(0, self.stateful_share - self.stateful_spent)
        own = self.operation_share - self.spent_by.get(operation_id, 0)
        return max(0, min(self.budget.left(phase=True) - kept, own))

    def before(self, case: Case[Any]) -> None:
        if case.method.upper() in SAFE_METHODS:
            return
        confined = self.scope.confine(case.method, case.path, case.path_parameters)
        self.confined += bool(confined)
        case.path_parameters.update(confined)
        operation_id = operation_id_of(case)
        if operation_id not in self.creating:
            return
        phase = phase_of(case)
        within = self.budget.spent < self.budget.limit
        # An invalid body creates nothing on a conforming server: it needs no share of its own, only what the
        # phase has left (an accepted one spends it, and the write checks' share is kept whatever happens).
        if within and (self.left(phase, operation_id) > 0 or (invalid_body(case) and self.budget.left(phase=True))):
            self.sent += 1
            return
        made_up = self.scope.instead(case.method, case.path) if within and phase in UNIT_PHASES else {}
        if made_up:
            case.path_parameters.update(made_up)
            self.made_up_past_share.setdefault(operation_id, set()).add(phase)
            self.sent += 1
            return
        self.refused.setdefault(operation_id, set()).add(phase)
        if phase == STATEFUL and self.rejected < STATEFUL_REJECTIONS:
            # Only this scenario is dropped, as the engine drops a step to an operation that stopped
            # answering: the scenarios of reads (and of writes that create nothing) go on, for a while.
            self.rejected += 1
            reject()
        raise BudgetSpent(f"--max-writes {self.budget.limit} reached: {operation_id} not sent")

    def after(self, case: Case[Any], response: Response | None) -> None:
        """Note the answer to `case` (None: no answer came)."""
        if case.method.upper() in SAFE_METHODS:
            return
        request = response.request if response is not None else None
        url = request.url if request is not None and request.url else None
        status = response.status_code if response is not None else None
        self.log.record(case.method, url or sent_path(case), status, phase_of(case))
        if response is None:
            return
        operation_id = operation_id_of(case)
        if operation_id not in self.creating or not 200 <= response.status_code < 300:
            return
        self.budget.spent += 1
        if phase_of(case) == STATEFUL:
            self.stateful_spent += 1
        else:
            self.spent_by[operation_id] = self.spent_by.get(operation_id, 0) + 1
        run_id = created_id(response, self.creating[operation_id])
        self.created.append(run_id or "(no id)")
        if run_id is not None and run_id not in self.log.created:
            self.log.created.append(run_id)


def invalid_body(case: Case[Any]) -> bool:
    """Whether `case` was generated with a body its spec refuses (a negative case may be negative only in a
    parameter the run pins, and then is sent valid; or in a query parameter a server may ignore)."""
    body = case.meta.components.get(ParameterLocation.BODY) if case.meta is not None else None
    return body is not None and body.mode.is_negative


def phase_of(case: Case[Any]) -> str:
    return case.meta.phase.name.value if case.meta is not None else "a check's probe"


def operation_id_of(case: Case[Any]) -> str:
    return str(case.operation.definition.raw.get("operationId", ""))


def sent_path(case: Case[Any]) -> str:
    """The path `case` is sent to (its template when a parameter is missing, as in a hand-made case)."""
    try:
        return case.formatted_path
    except InvalidSchema:
        return case.path


def created_id(response: Response, where: tuple[str, ...]) -> str | None:
    try:
        body: Any = json.loads(response.content) if response.content else MISSING
    except ValueError:
        return None
    found = dig(body, where)
    if found is MISSING or isinstance(found, bool) or not isinstance(found, str | int):
        return None
    return str(found)


class GuardedTransport(RequestsTransport):
    """Schemathesis' HTTP transport, asking `PhaseWrites` before each request and telling it each answer."""

    def __init__(self, writes: PhaseWrites) -> None:
        super().__init__()
        self._copy_serializers_from(REQUESTS_TRANSPORT)
        self.writes = writes

    def send(self, case: Case[Any], *, session: Any = None, **kwargs: Any) -> Response:
        self.writes.before(case)
        try:
            response = super().send(case, session=session, **kwargs)
        except OSError:  # what `requests` raises when no answer came (a timeout, a refused connection)
            self.writes.after(case, None)
            raise
        self.writes.after(case, response)
        return response


class GuardedSchema(OpenApiSchema):
    """The loaded spec, sending through its own guarded transport (set by `guard`)."""

    guarded_transport: GuardedTransport

    @property
    def transport(self) -> GuardedTransport:
        return self.guarded_transport


def guard(schema: OpenApiSchema, writes: PhaseWrites) -> OpenApiSchema:
    """`schema`, every request of whose operations (and their checks' probes) goes through `writes`' guard."""
    schema.__class__ = GuardedSchema
    assert isinstance(schema, GuardedSchema)
    schema.guarded_transport = GuardedTransport(writes)
    return schema
