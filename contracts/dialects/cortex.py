"""Cortex, both revisions: a bare array of runs paged by 1-based `page`/`take`, totals in `pagination-*` headers.

The revisions differ only in what their specs enumerate (v2 adds the `WEBHOOK` origin), which is read from each
spec, so they share one description.
"""

from dataclasses import replace

from contracts.dialects.base import Dialect, Filter, Lifecycle, Timeline, Writes
from contracts.paging import NumberedPaging

TIMELINE = Timeline(
    start_field="started_at",
    end_field="ended_at",
    not_started=frozenset({"PENDING"}),
    not_ended=frozenset({"PENDING", "RUNNING"}),
    ended=frozenset({"CANCELLED", "COMPLETED", "SKIPPED", "FAILED"}),
)

# What moves as a run runs: status, times, what it produced or the error it failed with, and its usage.
LIFECYCLE = Lifecycle(
    moving=frozenset({"status", "started_at", "ended_at", "updated_at", "result", "output", "error", "usage"})
)

# Replay only from a final status (409 otherwise); the writes on one run answer the run itself.
WRITES = Writes(
    trigger="runWorkflow",
    trigger_body={"input": {"source": "contract-suite"}},
    created_id=("id",),
    run_parameter="run_id",
    cancel="cancelWorkflowRun",
    cancelled_status="CANCELLED",
    replay="replayWorkflowRun",
    replay_body={},
)

CORTEX_V1 = Dialect(
    name="cortex-v1",
    runs_path=(),
    order_field="created_at",
    timeline=TIMELINE,
    lifecycle=LIFECYCLE,
    tenant_parameter="app_id",
    # `app_id` on a run is the app that triggered it; the app owning the workflow (the path's) is this one.
    tenant_field="workflow_app_id",
    workflow_parameter="workflow_id",
    workflow_field="workflow_id",
    self_alias="c",
    paging=NumberedPaging(),
    filters=(Filter("status", "status", all_value="ALL"), Filter("origin", "origin", all_value="ALL")),
    error_status_field="status",
    get_run="getWorkflowRun",
    writes=WRITES,
)

CORTEX_V2 = replace(
    CORTEX_V1,
    name="cortex-v2",
    # v2 adds a retention, which its PATCH changes at any time (and with it the due date and `updated_at`); the due
    # date is set when the run ends.
    lifecycle=Lifecycle(
        moving=LIFECYCLE.moving | {"retention_due_at"},
        settable=frozenset({"retention", "retention_due_at", "updated_at"}),
    ),
    writes=replace(
        WRITES,
        retention="updateRunDataRetentionConfiguration",
        retention_body={"max_age_in_seconds": 3600, "preserve_on_failure": True},
        retention_field="retention",
    ),
)
