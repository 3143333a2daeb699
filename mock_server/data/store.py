"""The in-memory store: one data set, answered through pure queries, whose active runs move with time.

The store knows nothing of HTTP or vendors; a snapshot of it (`at`) is the `StoreView` handlers read. Runs come
back newest first (by creation time, ties broken by id descending), the order every dialect's spec documents, so
pages taken from it never overlap or skip.

Runs that are still active carry a plan of transitions (`mock_server.data.lifecycle`). `at(now)` is the data as it
stands at `now`: a snapshot in which every transition due by then has happened. Snapshots change only when a
transition passes, which `version_at(now)` counts, so answers can be cached per version.

A store may also hold `live` runs: runs started on a schedule drawn from the seed (`mock_server.data.schedule`), a
function of `now` rather than records kept, so the data goes on moving for any `now` without growing. An
explicit record with the same id as a live run replaces it (that is how a write changes a live run).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from datetime import datetime
from typing import Protocol

from mock_server.data.lifecycle import Transition, passed, remaining
from mock_server.data.model import Run, RunState, Tenant, Workflow
from mock_server.data.view import DemoRefs, Selection

SELECTIONS = 256
"""Filtered selections of runs a store keeps; past that it starts afresh."""

Evolve = Callable[[Run, Transition], Run]
"""Makes the run as it is after a transition (its times, node runs, usage, outcome)."""


Planned = tuple[Run, tuple[Transition, ...]]
"""A run as it stands at some moment, and the transitions still ahead of it."""


class Live(Protocol):
    """Runs that exist as a function of time (a schedule), not as records."""

    def version_at(self, now: datetime) -> int:
        """How many of its events (arrivals, transitions) have happened by `now`."""

    def runs_at(self, now: datetime) -> Iterable[Planned]:
        """Its runs that exist at `now`, each as it stands then, with what is still ahead of it."""


def newest_first(runs: Iterable[Run]) -> tuple[Run, ...]:
    return tuple(sorted(runs, key=lambda run: (run.created_at, run.id), reverse=True))


class Store:
    """Tenants, their workflows and the workflows' runs, indexed for the list queries; implements `StoreView`."""

    def __init__(
        self,
        tenants: Iterable[Tenant],
        workflows: Iterable[Workflow],
        runs: Iterable[Run],
        demo: DemoRefs,
        plans: Mapping[str, tuple[Transition, ...]] | None = None,
        evolve: Evolve | None = None,
        live: Live | None = None,
    ) -> None:
        self._tenants = {tenant.id: tenant for tenant in tenants}
        self._workflows = {(workflow.tenant_id, workflow.id): workflow for workflow in workflows}
        self._all_runs = tuple(runs)
        by_tenant: dict[str, list[Run]] = {tenant_id: [] for tenant_id in self._tenants}
        for run in newest_first(self._all_runs):
            by_tenant.setdefault(run.workflow_tenant_id, []).append(run)
        self._runs_by_tenant = {tenant_id: tuple(runs) for tenant_id, runs in by_tenant.items()}
        self.demo = demo
        self.plans = {run_id: plan for run_id, plan in (plans or {}).items() if plan}
        self._evolve = evolve
        self._moments = sorted(step.at for plan in self.plans.values() for step in plan)
        self.live = live
        self._by_id: dict[str, Run] | None = None
        self._workflows_by_id: dict[str, Workflow] | None = None
        self._snapshot: tuple[int, Store] | None = None
        self._selections: dict[Hashable, Selection[Run]] = {}

    @property
    def tenants(self) -> tuple[Tenant, ...]:
        return tuple(self._tenants.values())

    @property
    def workflows(self) -> tuple[Workflow, ...]:
        return tuple(self._workflows.values())

    @property
    def all_runs(self) -> tuple[Run, ...]:
        return self._all_runs

    @property
    def evolve(self) -> Evolve | None:
        return self._evolve

    def tenant(self, tenant_id: str) -> Tenant | None:
        return self._tenants.get(tenant_id)

    def workflow(self, tenant_id: str, workflow_id: str) -> Workflow | None:
        return self._workflows.get((tenant_id, workflow_id))

    def workflow_by_id(self, workflow_id: str) -> Workflow | None:
        """The workflow of this id whatever its tenant (the first one where tenants share an id)."""
        if self._workflows_by_id is None:
            self._workflows_by_id = {workflow.id: workflow for workflow in reversed(self.workflows)}
        return self._workflows_by_id.get(workflow_id)

    def run(self, run_id: str) -> Run | None:
        """The run with this id, whatever its tenant or workflow (of this store's records; see `at`)."""
        if self._by_id is None:
            self._by_id = {run.id: run for run in self._all_runs}
        return self._by_id.get(run_id)

    def runs(
        self,
        tenant_id: str,
        workflow_id: str | None = None,
        states: Collection[RunState] | None = None,
        origins: Collection[str] | None = None,
    ) -> Selection[Run]:
        """The tenant's runs (of one workflow when given) matching every filter given, newest first."""
        # Every page of a list filters the same runs: the selection is kept (the store never changes), a bounded
        # number of them, so paging through thousands of runs does not scan them all on each page.
        key = (
            tenant_id,
            workflow_id,
            None if states is None else frozenset(states),
            None if origins is None else frozenset(origins),
        )
        found = self._selections.get(key)
        if found is None:
            found = Selection(
                run
                for run in self._runs_by_tenant.get(tenant_id, ())
                if (workflow_id is None or run.workflow_id == workflow_id)
                and (states is None or run.state in states)
                and (origins is None or run.origin in origins)
            )
            if len(self._selections) >= SELECTIONS:
                self._selections.clear()
            self._selections[key] = found
        return found

    # --- time ----------------------------------------------------------------------------------------------
    def version_at(self, now: datetime) -> int:
        """How many planned transitions and live events have happened by `now`: the data changes only when this
        does."""
        live = self.live.version_at(now) if self.live is not None else 0
        return bisect_right(self._moments, now) + live

    def at(self, now: datetime) -> Store:
        """The data as it stands at `now` (a store without plans); the last snapshot is reused."""
        return self.moment(now)[1]

    def moment(self, now: datetime) -> tuple[int, Store]:
        """`version_at(now)` and `at(now)`, the version worked out once (a read asks for both)."""
        version = self.version_at(now)
        if (not self.plans or self._evolve is None) and self.live is None:
            return version, self
        if self._snapshot is not None and self._snapshot[0] == version:
            return version, self._snapshot[1]
        runs = [run for run, _ in self.planned_at(now)]
        snapshot = Store(self.tenants, self.workflows, runs, self.demo)
        self._snapshot = (version, snapshot)
        return version, snapshot

    def planned_at(self, now: datetime) -> list[Planned]:
        """Every run as it stands at `now`, with the transitions still ahead of it."""
        planned: list[Planned] = []
        for run in self._all_runs:
            plan = self.plans.get(run.id, ())
            if self._evolve is not None:
                # Step by step, so each transition builds on the one before (a start time stays put).
                for step in passed(plan, now):
                    run = self._evolve(run, step)
            planned.append((run, remaining(plan, now)))
        if self.live is not None:
            mine = {run.id for run in self._all_runs}
            planned.extend(item for item in self.live.runs_at(now) if item[0].id not in mine)
        return planned

    def current(self, run_id: str, now: datetime) -> Planned | None:
        """The run `run_id` as it stands at `now`, with the transitions still ahead of it."""
        return next((item for item in self.planned_at(now) if item[0].id == run_id), None)

    # --- changes -------------------------------------------------------------------------------------------
    def with_runs(self, runs: Iterable[Run], plans: Mapping[str, tuple[Transition, ...]]) -> Store:
        """A store holding these runs too, with their plans."""
        return Store(
            self.tenants,
            self.workflows,
            (*self._all_runs, *runs),
            self.demo,
            {**self.plans, **plans},
            self._evolve,
            self.live,
        )

    def with_workflow(self, workflow: Workflow) -> Store:
        """A store where `workflow` replaces the workflow of its tenant and id, or is added."""
        workflows = {**self._workflows, (workflow.tenant_id, workflow.id): workflow}
        return Store(self.tenants, workflows.values(), self._all_runs, self.demo, self.plans, self._evolve, self.live)

    def with_live(self, live: Live | None) -> Store:
        """The same records, with `live` runs (or none)."""
        return Store(self.tenants, self.workflows, self._all_runs, self.demo, self.plans, self._evolve, live)

    def replacing(self, run: Run, plan: tuple[Transition, ...] = ()) -> Store:
        """A store where `run` (as it stands now, `plan` ahead of it) replaces the record or live run of its id."""
        runs = [kept for kept in self._all_runs if kept.id != run.id]
        plans = {run_id: steps for run_id, steps in self.plans.items() if run_id != run.id}
        return Store(
            self.tenants, self.workflows, (*runs, run), self.demo, {**plans, run.id: plan}, self._evolve, self.live
        )
