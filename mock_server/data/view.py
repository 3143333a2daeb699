"""What a dialect's handlers read: the data as it stands at one moment, through `StoreView`, never written.

A repository (`mock_server.data.repository`) gives a view with the data's version; the concrete store
(`mock_server.data.store.Store`) implements it, and nothing a handler holds lets it change the data: writes are
`Change` values (`mock_server.data.changes`) submitted to the repository.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from mock_server.data.model import Run, RunState, Tenant, Workflow

T = TypeVar("T", covariant=True)


@dataclass(frozen=True)
class DemoRefs:
    """Where the demo data lives: the tenant and workflow with the most runs."""

    tenant_id: str
    workflow_id: str


class Selection(tuple[T, ...]):
    """Runs a view selected, newest first; `memo` keeps what a reader derives from them (a page's encoded runs)
    for as long as the view keeps the selection, which is as long as the data is unchanged."""

    memo: dict[Hashable, Any]

    def __new__(cls, items: Iterable[T]) -> Selection[T]:
        selection = super().__new__(cls, items)
        selection.memo = {}
        return selection


class StoreView(Protocol):
    """The data at one moment: tenants, their workflows and the workflows' runs, read only."""

    @property
    def demo(self) -> DemoRefs:
        """The tenant and workflow the fixtures point at."""

    @property
    def tenants(self) -> tuple[Tenant, ...]: ...

    @property
    def workflows(self) -> tuple[Workflow, ...]: ...

    def tenant(self, tenant_id: str) -> Tenant | None: ...

    def workflow(self, tenant_id: str, workflow_id: str) -> Workflow | None: ...

    def workflow_by_id(self, workflow_id: str) -> Workflow | None:
        """The workflow of this id whatever its tenant (the first one where tenants share an id)."""

    def run(self, run_id: str) -> Run | None:
        """The run with this id, whatever its tenant or workflow."""

    def runs(
        self,
        tenant_id: str,
        workflow_id: str | None = None,
        states: Collection[RunState] | None = None,
        origins: Collection[str] | None = None,
    ) -> Selection[Run]:
        """The tenant's runs (of one workflow when given) matching every filter given, newest first; the same
        filters give the same selection while the view lasts."""
