"""B3OS: runs inside the `{code, message, requestId, data}` envelope, paged by `limit`/`offset` with `hasMore`."""

from contracts.dialects.base import Dialect, Filter, Timeline, Writes
from contracts.paging import OffsetPaging

# Every B3OS run has started (there is no pending state); `finishedAt` is null while running or waiting.
TIMELINE = Timeline(
    start_field="startedAt",
    end_field="finishedAt",
    not_started=frozenset(),
    not_ended=frozenset({"running", "waiting"}),
    ended=frozenset({"success", "failure", "cancelled"}),
)

B3OS = Dialect(
    name="b3os",
    runs_path=("data", "items"),
    order_field="startedAt",
    timeline=TIMELINE,
    workflow_parameter="id",
    workflow_field="workflowId",
    paging=OffsetPaging(),
    filters=(Filter(parameter="status", field="status"),),
    error_status_field="code",
    # Get Run answers the run in the envelope's `data`, with `summary` and `nodeIds` besides the list's fields.
    get_run="getRun",
    one_run_path=("data",),
    get_names_owner=False,
    refused_by_state=("getRun",),
    # Retry is allowed on failure and cancelled runs (409 otherwise); the retried run names its source.
    writes=Writes(
        trigger="runWorkflow",
        trigger_body={"payload": {"source": "contract-suite"}},
        created_id=("data", "runId"),
        run_parameter="id",
        run_path=("data",),
        cancel="cancelRun",
        cancelled_status="cancelled",
        retry="retryRun",
        source_field="sourceRunId",
    ),
)
