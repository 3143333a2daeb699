"""The one interface every dialect implements, and the small value types it trades in.

A dialect declares a handler per operation of its spec, by operationId; a handler turns a validated request
into its vendor's reply. It also turns a `Problem` into its vendor's error body. It knows its vendor's names,
casing, envelope and enums, and nothing of Connexion. A handler reads a `StoreView` (the data at the request's
moment) and writes by submitting a `Change` value (`OperationRequest.submit`); it never holds the store::

    dialect = DIALECTS["b3os"]()        # an instance per app: it keeps renderings of its own
    view = InMemoryRepository(0, dialect.vocabulary).read(REFERENCE_TIME).view
    handler = dialect.handlers()["listWorkflowRuns"]
    reply = handler(view, OperationRequest(path={"id": view.demo.workflow_id}, query={"limit": 5, ...}))
    reply.status, reply.body["data"]["hasMore"]

Adding an operation to a spec means adding its handler to `handlers()`: the mock refuses to start while an
operation of a spec has none (`mock_server.app`).
"""

from __future__ import annotations

import abc
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from mock_server.data import writes
from mock_server.data.changes import RunChange
from mock_server.data.generate import Vocabulary
from mock_server.data.model import Run, RunState, Workflow
from mock_server.data.view import StoreView
from mock_server.data.writes import ANYWHERE, Scope
from mock_server.dialects.rendering import Renderings
from mock_server.problems import Issue, MockProblem, Problem, ProblemKind


class Changes(Protocol):
    """Where a write handler submits its change (`mock_server.web.state.Mount`): applied at the clock's now.

    A refused change raises its `writes.WriteError` (`NotFound`, `Conflict`, `Invalid`) and changes nothing.
    """

    def submit(self, change: RunChange) -> Run:
        """Apply `change`; the run it made or changed."""


@dataclass(frozen=True)
class OperationRequest:
    """A request whose parameters passed validation: typed, with the spec's defaults filled in."""

    path: Mapping[str, str]
    query: Mapping[str, Any]
    default_tenant_id: str | None = None
    """The tenant the caller's token belongs to (the demo tenant for a token that sees every tenant), for vendors
    whose path accepts an alias (`c`) for it and for runs that belong to no workflow."""
    body: Any = None
    """The JSON body, valid against the operation's schema; None when none was sent."""
    changes: Changes | None = None
    """Where a write submits its change; None for reads, which answer from the view they are given."""
    visible: Scope = ANYWHERE
    """The tenants the caller's token sees: another tenant's workflow or run is answered as one that does not
    exist."""

    def submit(self, change: RunChange) -> Run:
        """Apply `change` to the data; the run it made or changed (raises `writes.WriteError`)."""
        if self.changes is None:
            raise RuntimeError("a write was handled without the data it writes to")
        return self.changes.submit(change)


@dataclass(frozen=True)
class Reply:
    status: int
    body: Any
    headers: Mapping[str, str] = field(default_factory=dict)


OperationHandler = Callable[[StoreView, OperationRequest], Reply]
"""The reply to a valid request for one operation; raises `MockProblem` for a resource that does not exist."""


REQUEST_ID_PLACEHOLDER = "req_0000000000000000"
"""What a dialect that names each request renders as the request's id; `web/request_ids` writes each answer's own id
over it as the answer leaves."""
DEMO_KEY = "mockdemo0000000000"
"""What follows a dialect's token prefix in its demo token; other tenants' tokens have a digest there."""


class Dialect(abc.ABC):
    """One vendor's workflow-runs API over the canonical data; an app makes an instance of its own, which keeps its
    renderings (`dialects/rendering.py`)."""

    name: str
    vocabulary: Vocabulary
    token_prefix: str
    """How the vendor's keys start."""
    statuses: Mapping[str, RunState]
    """The vendor's spelling of each run state it knows (what scenarios and admin calls are written in)."""
    request_id_field: str | None = None
    """The field of every body that names the request, where the vendor has one (`REQUEST_ID_PLACEHOLDER`)."""

    def __init__(self) -> None:
        self.renderings = Renderings()

    def documented(self, body: Any) -> Any:
        """A documented example's body as the mock sends it: its request id, if any, is the request's own."""
        field = self.request_id_field
        if field is not None and isinstance(body, dict) and field in body:
            return {**body, field: REQUEST_ID_PLACEHOLDER}
        return body

    @property
    def demo_token(self) -> str:
        """A token of the vendor's form that the mock accepts by default: the demo tenant's."""
        return self.token_prefix + DEMO_KEY

    def tenant_token(self, seed: int, tenant_id: str) -> str:
        """The token of a tenant other than the demo one: of the vendor's form, the same for the same seed."""
        digest = hashlib.sha256(f"workflow-runs-mock:{seed}:{self.name}:token:{tenant_id}".encode()).hexdigest()
        return self.token_prefix + digest[: len(DEMO_KEY)]

    def state_name(self, state: RunState) -> str:
        """The vendor's spelling of a run state."""
        return next((name for name, known in self.statuses.items() if known is state), state.value)

    @abc.abstractmethod
    def fixture_params(self, tenant_id: str, workflow_id: str | None) -> dict[str, str]:
        """The path parameters that reach a tenant's data: its workflow `workflow_id` (None: it has none)."""

    @abc.abstractmethod
    def handlers(self) -> Mapping[str, OperationHandler]:
        """The handler of each operation this dialect implements, by the operationId its spec gives it."""

    @abc.abstractmethod
    def render_error(self, problem: Problem, status: int) -> Any:
        """The vendor's error body for `problem`, sent with `status`."""

    def status_for(self, kind: ProblemKind) -> int:
        """The HTTP status the vendor uses for `kind` (most use the usual one)."""
        return kind.value

    def error(self, problem: Problem) -> Reply:
        status = self.status_for(problem.kind)
        return Reply(status, self.render_error(problem, status), dict(problem.headers))

    def write_problem(self, error: writes.WriteError, not_found_message: str | None = None) -> MockProblem:
        """A refused write as the problem the vendor answers: 404, 409 (naming the run's state as the vendor
        does), or 400 for a value the data cannot take."""
        kind = WRITE_KINDS.get(type(error), ProblemKind.INVALID_REQUEST)
        if kind is ProblemKind.NOT_FOUND and not_found_message is not None:
            return problem(kind, not_found_message)
        if isinstance(error, writes.WrongState):
            return problem(kind, error.worded(self.state_name(error.state)))
        return problem(kind, str(error))


def iso(moment: datetime | None) -> str | None:
    """RFC 3339 in UTC with a `Z`, always to the millisecond, so every timestamp has the same shape."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def without_none(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Drop the optional, non-nullable fields a record does not have (the spec has them absent, not null)."""
    return {key: value for key, value in fields.items() if value is not None}


def choice_filter(value: str | None, vocabulary: Mapping[str, Any]) -> set[Any] | None:
    """The canonical values a filter parameter selects; None (no filter) for `ALL` or no value."""
    if value is None or value == "ALL":
        return None
    return {vocabulary[value]}


def not_found(message: str) -> MockProblem:
    return MockProblem(Problem(ProblemKind.NOT_FOUND, message))


def problem(kind: ProblemKind, message: str, *issues: Issue) -> MockProblem:
    return MockProblem(Problem(kind, message, tuple(issues)))


WRITE_KINDS = {
    writes.NotFound: ProblemKind.NOT_FOUND,
    writes.Conflict: ProblemKind.CONFLICT,
    writes.WrongState: ProblemKind.CONFLICT,
}


def in_scope(view: StoreView, run_id: str, scope: Scope) -> Run | None:
    """Run `run_id` of `view` when `scope` holds it; None otherwise."""
    run = view.run(run_id)
    return run if run is not None and scope.holds(run) else None


def visible_workflow(view: StoreView, request: OperationRequest, workflow_id: str) -> Workflow | None:
    """The workflow of this id that the caller's token sees (for vendors whose path names no tenant), or None."""
    tenant_id = request.visible.tenant_id
    if tenant_id is not None:
        return view.workflow(tenant_id, workflow_id)
    return view.workflow_by_id(workflow_id)
