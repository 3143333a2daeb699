"""Where each dialect keeps what the faults break: written from the specs, independently of `contracts`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    dialect: str
    runs_path: tuple[str, ...]
    timestamp: str
    start: str
    end: str
    running: str
    finished: str
    pending: str | None
    bad_status: str | None
    """A status outside the spec's enum; None where statuses are not enumerated."""
    workflow_field: str | None
    tenant_field: str | None
    foreign_id: str
    """An id of the dialect's form that is neither the demo workflow's nor the demo tenant's."""
    paging: str | None
    """"offset" (limit/offset, hasMore) or "numbered" (page/take, pagination-* headers); None without paging."""
    filters: tuple[str, ...] = ()
    has_all_value: bool = False
    node_runs: bool = False

    @property
    def size_parameter(self) -> str:
        return "limit" if self.paging == "offset" else "take"

    @property
    def workflow_parameter(self) -> str:
        """The path parameter naming the workflow (b3os' `id`, which names a run after `runs/`)."""
        return "id" if self.dialect == "b3os" else "workflow_id"

    @property
    def tenant_parameter(self) -> str | None:
        return {"aitasker": "workspace_id", "cortex-v1": "app_id", "cortex-v2": "app_id", "invent": "org_id"}.get(
            self.dialect
        )


def platform(
    dialect: str, *, bad_status: str, workflow_field: str | None, tenant_field: str, foreign_id: str
) -> Layout:
    """Cortex and invent: one platform, so one layout but for names."""
    return Layout(
        dialect=dialect,
        runs_path=(),
        timestamp="created_at",
        start="started_at",
        end="ended_at",
        running="RUNNING",
        finished="COMPLETED",
        pending="PENDING",
        bad_status=bad_status,
        workflow_field=workflow_field,
        tenant_field=tenant_field,
        foreign_id=foreign_id,
        paging="numbered",
        filters=("status", "origin"),
        has_all_value=True,
    )


LAYOUTS = {
    "aitasker": Layout(
        dialect="aitasker",
        runs_path=(),
        timestamp="created_at",
        start="started_at",
        end="completed_at",
        running="running",
        finished="completed",
        pending="pending",
        bad_status=None,
        workflow_field="workflow_id",
        tenant_field=None,
        foreign_id="0b5e8a56-3c1f-4d8e-9a7b-2f6c1d0e9a31",
        paging=None,
        node_runs=True,
    ),
    "b3os": Layout(
        dialect="b3os",
        runs_path=("data", "items"),
        timestamp="startedAt",
        start="startedAt",
        end="finishedAt",
        running="running",
        finished="success",
        pending=None,
        bad_status="completed",
        workflow_field="workflowId",
        tenant_field=None,
        foreign_id="wf_someoneElse01",
        paging="offset",
        filters=("status",),
    ),
    "cortex-v1": platform(
        "cortex-v1",
        bad_status="CANCELED",
        workflow_field="workflow_id",
        tenant_field="workflow_app_id",
        foreign_id="app_someoneElse01",
    ),
    "cortex-v2": platform(
        "cortex-v2",
        bad_status="CANCELED",
        workflow_field="workflow_id",
        tenant_field="workflow_app_id",
        foreign_id="app_someoneElse01",
    ),
    "invent": platform(
        "invent", bad_status="CANCELLED", workflow_field=None, tenant_field="org_id", foreign_id="org_someoneElse01"
    ),
}
