"""Data composed on top of (or instead of) the generated set: scenarios and runs added by admin calls.

What is asked is given as specs (`TenantSpec`, `WorkflowSpec`, `RunSpec`: what a scenario pins, anything else left
to the data). New records are drawn like the generated ones (realistic node runs, usage, versions), from a source
of their own, and then given what the spec pins. Runs that are still active get a lifecycle plan from `now`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from mock_server.data.generate import WORKFLOW_BLUEPRINTS, Generator, Origin
from mock_server.data.model import Run, RunState, Tenant, User, Workflow
from mock_server.data.store import Store
from mock_server.data.view import DemoRefs
from mock_server.data.writes import Invalid


@dataclass(frozen=True)
class RunSpec:
    state: RunState
    origin: str | None = None
    created_at: datetime | None = None
    id: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class WorkflowSpec:
    id: str | None = None
    name: str | None = None
    runs: tuple[RunSpec, ...] = ()
    archived: bool | None = None
    """None leaves an existing workflow as it is (a new one is not archived)."""


@dataclass(frozen=True)
class TenantSpec:
    id: str | None = None
    name: str | None = None
    workflows: tuple[WorkflowSpec, ...] = ()


class ScenarioConflict(Invalid):
    """The scenario asks for something the data cannot hold (a duplicate id, a run created in the future)."""


def people(workflows: list[Workflow], generator: Generator) -> list[User]:
    found = {version.created_by.id: version.created_by for w in workflows for version in w.versions}
    return list(found.values()) or [generator.user("Scenario Author")]


class Composer:
    """Applies tenant specs to a store, drawing new records from `generator`, at the clock's `now`."""

    def __init__(self, store: Store, generator: Generator, now: datetime, replace_all: bool) -> None:
        self.generator = generator
        self.now = now
        self.tenants = {} if replace_all else {tenant.id: tenant for tenant in store.tenants}
        self.workflows = {} if replace_all else {(w.tenant_id, w.id): w for w in store.workflows}
        self.runs: list[Run] = [] if replace_all else list(store.all_runs)
        self.plans = {} if replace_all else dict(store.plans)
        self.demo = None if replace_all else store.demo
        self.evolve = store.evolve
        self.live = None if replace_all else store.live
        """A scenario that replaces the data is the whole data set: no runs start by themselves."""
        self.added: list[Run] = []
        """The runs added, in the order of the specs."""
        self.run_ids = {run.id for run in self.runs}
        if self.live is not None:
            self.run_ids |= {run.id for run, _ in self.live.runs_at(now)}

    def apply(self, tenants: tuple[TenantSpec, ...]) -> Store:
        for tenant_spec in tenants:
            tenant = self.tenant(tenant_spec)
            for workflow_spec in tenant_spec.workflows:
                workflow = self.workflow(tenant, workflow_spec)
                self.demo = self.demo or DemoRefs(tenant.id, workflow.id)
                for index, run_spec in enumerate(workflow_spec.runs):
                    self.add_run(workflow, run_spec, index)
        if self.demo is None:
            raise ScenarioConflict("a scenario that replaces the data needs at least one tenant with a workflow")
        return Store(
            self.tenants.values(), self.workflows.values(), self.runs, self.demo, self.plans, self.evolve, self.live
        )

    def tenant(self, spec: TenantSpec) -> Tenant:
        existing = self.tenants.get(spec.id or "")
        if existing is not None:
            if spec.name is not None:
                existing = self.tenants[existing.id] = replace(existing, name=spec.name)
            return existing
        tenant = Tenant(
            spec.id or self.generator.new_id(self.generator.vocabulary.tenant_prefix),
            spec.name or f"Scenario tenant {len(self.tenants) + 1}",
        )
        self.tenants[tenant.id] = tenant
        return tenant

    def workflow(self, tenant: Tenant, spec: WorkflowSpec) -> Workflow:
        existing = self.workflows.get((tenant.id, spec.id or ""))
        if existing is not None:
            if spec.archived is not None:
                existing = self.workflows[(tenant.id, existing.id)] = replace(existing, archived=spec.archived)
            return existing
        if spec.id is not None and any(key[1] == spec.id for key in self.workflows):
            raise ScenarioConflict(f"workflow id {spec.id} already belongs to another tenant")
        blueprint = WORKFLOW_BLUEPRINTS[len(self.workflows) % len(WORKFLOW_BLUEPRINTS)]
        key, name, steps = blueprint
        drawn = self.generator.workflow(
            tenant, (key, spec.name or name, steps), people(list(self.workflows.values()), self.generator)
        )
        if spec.id is not None:
            versions = tuple(replace(version, workflow_id=spec.id) for version in drawn.versions)
            drawn = replace(drawn, id=spec.id, versions=versions)
        drawn = replace(drawn, archived=bool(spec.archived))
        self.workflows[(tenant.id, drawn.id)] = drawn
        return drawn

    def add_run(self, workflow: Workflow, spec: RunSpec, index: int) -> Run:
        created = spec.created_at or self.now - timedelta(minutes=2 * index, seconds=30)
        if created > self.now:
            raise ScenarioConflict(f"a run cannot be created in the future ({created.isoformat()})")
        if spec.id is not None and spec.id in self.run_ids:
            raise ScenarioConflict(f"run id {spec.id} is already taken")
        vocabulary = self.generator.vocabulary
        origin = next((o for o in vocabulary.origins if o.label == spec.origin), vocabulary.origins[0])
        users = people([workflow], self.generator)
        run = self.generator.run(
            workflow, users, spec.state, Origin(origin.label, origin.by_user, origin.from_record), created, now=self.now
        )
        run = replace(run, id=spec.id or run.id, error=spec.error or run.error)
        run = replace(run, node_runs=tuple(replace(node, run_id=run.id) for node in run.node_runs))
        self.runs.append(run)
        self.added.append(run)
        self.run_ids.add(run.id)
        self.plans.update(self.generator.plans([run], self.now))
        return run


def compose(
    store: Store, generator: Generator, tenants: tuple[TenantSpec, ...], now: datetime, replace_all: bool = False
) -> Store:
    """`store` with `tenants` applied (or only `tenants`, when `replace_all`)."""
    return Composer(store, generator, now, replace_all).apply(tenants)
