"""The one interface every dialect implements, and the small value types it trades in.

A dialect declares a handler per operation of its spec, by operationId; a handler turns a validated request
into its vendor's reply. It also turns a `Problem` into its vendor's error body. It knows its vendor's names,
casing, envelope and enums, and nothing of Connexion::

    dialect = DIALECTS["b3os"]
    store = generate_store(seed=0, vocabulary=dialect.vocabulary)
    handler = dialect.handlers()["listWorkflowRuns"]
    reply = handler(store, OperationRequest(path={"id": store.demo.workflow_id}, query={"limit": 5, ...}))
    reply.status, reply.body["data"]["hasMore"]

Adding an operation to a spec means adding its handler to `handlers()`: the mock refuses to start while an
operation of a spec has none (`mock_server.app`).
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from mock_server.data.generate import Vocabulary
from mock_server.data.model import RunState
from mock_server.data.store import Store
from mock_server.problems import MockProblem, Problem, ProblemKind


@dataclass(frozen=True)
class OperationRequest:
    """A request whose parameters passed validation: typed, with the spec's defaults filled in."""

    path: Mapping[str, str]
    query: Mapping[str, Any]
    default_tenant_id: str | None = None
    """The tenant the caller's token belongs to, for vendors whose path accepts an alias (`c`) for it."""


@dataclass(frozen=True)
class Reply:
    status: int
    body: Any
    headers: Mapping[str, str] = field(default_factory=dict)


OperationHandler = Callable[[Store, OperationRequest], Reply]
"""The reply to a valid request for one operation; raises `MockProblem` for a resource that does not exist."""


class Dialect(abc.ABC):
    """One vendor's workflow-runs API over the canonical store."""

    name: str
    vocabulary: Vocabulary
    demo_token: str
    """A token of the vendor's form that the mock accepts by default."""
    statuses: Mapping[str, RunState]
    """The vendor's spelling of each run state it knows (what scenarios and admin calls are written in)."""

    @abc.abstractmethod
    def fixture_params(self, store: Store) -> dict[str, str]:
        """The path parameters that reach the demo data."""

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
