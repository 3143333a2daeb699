"""The in-memory store: one generated data set, answered through pure queries.

The store knows nothing of HTTP or vendors. Runs come back newest first (by creation time, ties broken by id
descending), the order every dialect's spec documents, so pages taken from it never overlap or skip.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from mock_server.model import Run, RunState, Tenant, Workflow


@dataclass(frozen=True)
class DemoRefs:
    """Where the demo data lives: the tenant and workflow with the most runs."""

    tenant_id: str
    workflow_id: str


def newest_first(runs: Iterable[Run]) -> tuple[Run, ...]:
    return tuple(sorted(runs, key=lambda run: (run.created_at, run.id), reverse=True))


class Store:
    """Tenants, their workflows and the workflows' runs, indexed for the list queries."""

    def __init__(
        self, tenants: Iterable[Tenant], workflows: Iterable[Workflow], runs: Iterable[Run], demo: DemoRefs
    ) -> None:
        self._tenants = {tenant.id: tenant for tenant in tenants}
        self._workflows = {(workflow.tenant_id, workflow.id): workflow for workflow in workflows}
        self._runs_by_tenant: dict[str, tuple[Run, ...]] = {}
        for tenant_id in self._tenants:
            self._runs_by_tenant[tenant_id] = newest_first(run for run in runs if run.workflow_tenant_id == tenant_id)
        self.demo = demo

    @property
    def tenants(self) -> tuple[Tenant, ...]:
        return tuple(self._tenants.values())

    @property
    def workflows(self) -> tuple[Workflow, ...]:
        return tuple(self._workflows.values())

    def tenant(self, tenant_id: str) -> Tenant | None:
        return self._tenants.get(tenant_id)

    def workflow(self, tenant_id: str, workflow_id: str) -> Workflow | None:
        return self._workflows.get((tenant_id, workflow_id))

    def runs(
        self,
        tenant_id: str,
        workflow_id: str | None = None,
        states: Collection[RunState] | None = None,
        origins: Collection[str] | None = None,
    ) -> tuple[Run, ...]:
        """The tenant's runs (of one workflow when given) matching every filter given, newest first."""
        return tuple(
            run
            for run in self._runs_by_tenant.get(tenant_id, ())
            if (workflow_id is None or run.workflow_id == workflow_id)
            and (states is None or run.state in states)
            and (origins is None or run.origin in origins)
        )
