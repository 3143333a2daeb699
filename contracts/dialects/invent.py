"""Invent: the runs of every workflow of an org, as a bare array paged like Cortex (same platform)."""

from contracts.dialects.base import Dialect, Filter, Lifecycle, Timeline, Writes
from contracts.paging import NumberedPaging

# `CANCELED` with one L; a run that never started (canceled or skipped while pending) has no start.
TIMELINE = Timeline(
    start_field="started_at",
    end_field="ended_at",
    not_started=frozenset({"PENDING"}),
    not_ended=frozenset({"PENDING", "RUNNING"}),
    ended=frozenset({"COMPLETED", "FAILED", "CANCELED", "SKIPPED"}),
)

# As cortex's, with `outputs` for `output`.
LIFECYCLE = Lifecycle(
    moving=frozenset({"status", "started_at", "ended_at", "updated_at", "result", "outputs", "error", "usage"})
)

INVENT = Dialect(
    name="invent",
    runs_path=(),
    order_field="created_at",
    timeline=TIMELINE,
    lifecycle=LIFECYCLE,
    tenant_parameter="org_id",
    tenant_field="org_id",
    self_alias="c",
    paging=NumberedPaging(),
    filters=(Filter("status", "status", all_value="ALL"), Filter("origin", "origin", all_value="ALL")),
    error_status_field="status",
    # The org's list names no workflow: the trigger's is the one pinned with --param workflow_id=...
    writes=Writes(
        trigger="runWorkflow",
        trigger_body={},
        created_id=("id",),
        run_parameter="run_id",
        workflow_parameter="workflow_id",
    ),
)
