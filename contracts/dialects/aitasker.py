"""AITasker: every run of a workflow in one bare array (no paging, no filters), each with its node runs."""

from contracts.dialects.base import Dialect, Lifecycle, NodeRuns, Timeline, Writes

# The spec's prose: `started_at` is null while pending; `completed_at` is null until the run has finished
# (completed, failed or cancelled). Statuses are not enumerated, so unknown ones are held to no timeline rule.
RUN_TIMELINE = Timeline(
    start_field="started_at",
    end_field="completed_at",
    not_started=frozenset({"pending"}),
    not_ended=frozenset({"pending", "running"}),
    ended=frozenset({"completed", "failed", "cancelled"}),
)

# Node runs follow the same rules, and a skipped node run never starts: both timestamps are null.
NODE_RUN_TIMELINE = Timeline(
    start_field="started_at",
    end_field="completed_at",
    not_started=frozenset({"pending", "skipped"}),
    not_ended=frozenset({"pending", "running", "skipped"}),
    ended=frozenset({"completed", "failed", "cancelled"}),
)

# What moves as a run runs: its status and times, the error of a failed run, the cost its nodes incur, its node runs.
LIFECYCLE = Lifecycle(
    moving=frozenset({"status", "started_at", "completed_at", "error_message", "total_cost_cents", "node_runs"})
)

AITASKER = Dialect(
    name="aitasker",
    runs_path=(),
    order_field="created_at",
    timeline=RUN_TIMELINE,
    lifecycle=LIFECYCLE,
    tenant_parameter="workspace_id",
    workflow_parameter="workflow_id",
    workflow_field="workflow_id",
    node_runs=NodeRuns(field="node_runs", parent_field="workflow_run_id", timeline=NODE_RUN_TIMELINE),
    get_run="getRun",
    writes=Writes(
        trigger="triggerWorkspaceWorkflow",
        trigger_body={"trigger_payload": {"source": "contract-suite"}},
        created_id=("id",),
        run_parameter="run_id",
    ),
)
