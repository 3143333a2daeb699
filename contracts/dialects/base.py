"""What the contract suite must know about a dialect beyond what its spec states in machine-readable form.

A dialect is a description, not code: where the runs sit in a 200 body, which path parameter names the tenant
and which the workflow (and which run fields must match them), how it pages, which filters it has, which
field orders the list, and which statuses have started or ended. What the spec's schemas already say
(parameter bounds, enums, error bodies) is read from the spec, never repeated here::

    dialect = DIALECTS["b3os"]
    dialect.runs_in({"code": 0, "data": {"items": [...]}})   # the list of runs
    dialect.paging.query(index=1, size=10)                    # {"limit": "10", "offset": "10"}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from contracts.json_path import dig, shown
from contracts.paging import PagingStyle

__all__ = [
    "Dialect",
    "EphemeralRun",
    "Filter",
    "Lifecycle",
    "NodeRuns",
    "Run",
    "ShapeError",
    "Timeline",
    "Writes",
    "also_pinned",
]

Run = Mapping[str, Any]


class ShapeError(ValueError):
    """A 200 body without the list of runs where the dialect keeps it."""


@dataclass(frozen=True)
class Filter:
    """A query parameter that keeps only the runs whose `field` equals its value."""

    parameter: str
    field: str
    all_value: str | None = None
    """The value that means "no filter", for dialects that have one."""


@dataclass(frozen=True)
class Timeline:
    """Which timestamps a run (or node run) must and must not have, by status, as the spec describes."""

    start_field: str
    end_field: str
    not_started: frozenset[str]
    """Statuses whose start is null (queued, or never run)."""
    not_ended: frozenset[str]
    """Statuses whose end is null (not finished yet, or never run)."""
    ended: frozenset[str]
    """Statuses whose end is set (finished)."""


@dataclass(frozen=True)
class Lifecycle:
    """Which fields of a run move, as the spec describes them; every other field is the run's for life (its id,
    workflow, tenant, created time, trigger, version, input)."""

    moving: frozenset[str]
    """Fields that change as the run runs (its status, times, usage, results) and never once it has finished."""
    settable: frozenset[str] = frozenset()
    """Fields a documented write changes at any time, the run finished or not (cortex-v2's retention)."""


@dataclass(frozen=True)
class NodeRuns:
    """Runs that list the runs of their nodes, each pointing back at the run."""

    field: str
    parent_field: str
    timeline: Timeline

    def of(self, run: Run) -> list[Run]:
        """The node runs `run` lists (none when the field is absent or not a list of objects)."""
        nodes = run.get(self.field)
        return [node for node in nodes if isinstance(node, Mapping)] if isinstance(nodes, list) else []


@dataclass(frozen=True)
class EphemeralRun:
    """An operation that runs a definition given in its body once, saving no workflow (b3os' ephemeral run)."""

    operation: str
    body: Mapping[str, Any]
    """The smallest body the spec accepts, with the values the run must read back (see `echoed`)."""
    created_id: tuple[str, ...]
    """Where the new run's id is in the answer."""
    run_id_field: str
    """The body field of a run id the client chooses, which the answer must name."""
    run_id_prefix: str
    reads: Mapping[str, Any]
    """Fields of such a run, through get, and the values the spec states for every one of them."""
    echoed: tuple[str, ...] = ()
    """Body fields the run reads back through get as they were sent."""


@dataclass(frozen=True)
class Writes:
    """The spec's writes on runs, by operationId, and what a run that allows writes sends them and reads back.

    Bodies are the smallest the spec accepts; `*_from` are the statuses the spec says a write accepts.
    """

    trigger: str
    trigger_body: Mapping[str, Any] | None
    created_id: tuple[str, ...]
    """Where the new run's id is in the trigger's answer."""
    run_parameter: str
    """The path parameter naming one run in the get and the writes on one run."""
    run_path: tuple[str, ...] = ()
    """Where the run is in the answer of a write on one run (cancel, retry, replay, retention)."""
    workflow_parameter: str | None = None
    """The trigger's path parameter naming its workflow, where the list's path names none (invent): pinned with
    `--param` like the list's, as a run triggers only on the workflow the user named."""
    cancel: str | None = None
    cancelled_status: str | None = None
    retry: str | None = None
    source_field: str | None = None
    """The field of a retried run naming the run it retries."""
    replay: str | None = None
    replay_body: Mapping[str, Any] | None = None
    retention: str | None = None
    retention_body: Mapping[str, Any] | None = None
    retention_field: str | None = None
    ephemeral: EphemeralRun | None = None
    conflict_status: int = 409
    """What cancelling a finished run (or retrying or replaying a run in the wrong state) answers."""


@dataclass(frozen=True)
class Dialect:
    name: str
    runs_path: tuple[str, ...]
    """Where the runs are in a 200 body; empty when the body is the array itself."""
    order_field: str
    """The timestamp the list is ordered by, newest first (ties broken by `id` descending)."""
    timeline: Timeline
    lifecycle: Lifecycle
    tenant_parameter: str | None = None
    tenant_field: str | None = None
    """The run field that must equal the tenant of the path."""
    workflow_parameter: str | None = None
    workflow_field: str | None = None
    """The run field that must equal the workflow of the path."""
    self_alias: str | None = None
    """A tenant path value meaning "the tenant of the token", whose real id the runs carry."""
    paging: PagingStyle | None = None
    filters: tuple[Filter, ...] = ()
    node_runs: NodeRuns | None = None
    error_status_field: str | None = None
    """The field of an error body that repeats the HTTP status, for dialects whose spec says so."""
    get_run: str | None = None
    """The operationId that reads one run (the list links to it), for dialects whose spec documents one."""
    one_run_path: tuple[str, ...] = ()
    """Where the run is in the answer about one run; empty when the body is the run itself."""
    get_names_owner: bool = True
    """Whether the get's path names the run's tenant or workflow (b3os' `/v1/runs/{id}` names neither)."""
    writes: Writes | None = None
    refused_by_state: tuple[str, ...] = ()
    """Reads (by operationId) whose schema-valid query the spec lets a server refuse for what the target holds
    (b3os' `nodeIds` must name nodes the run has): Schemathesis' positive_data_acceptance does not judge them."""

    def runs_in(self, body: Any) -> list[Run]:
        """The runs of a 200 body; raises `ShapeError` when they are not where the dialect keeps them."""
        runs = dig(body, self.runs_path)
        if not isinstance(runs, list) or not all(isinstance(run, Mapping) for run in runs):
            raise ShapeError(f"{shown(self.runs_path)} is not a list of runs")
        return runs


def also_pinned(dialect: Dialect) -> tuple[str, ...]:
    """The path parameters `--param` pins besides the list's (invent's trigger workflow)."""
    workflow = dialect.writes.workflow_parameter if dialect.writes is not None else None
    return (workflow,) if workflow is not None else ()
