"""B3OS: runs inside the `{code, message, requestId, data}` envelope, paged by `limit`/`offset` with `hasMore`."""

from contracts.dialects.base import Dialect, EphemeralRun, Filter, Lifecycle, Timeline, Writes
from contracts.paging import OffsetPaging

# Every B3OS run has started (there is no pending state); `finishedAt` is null while running or waiting.
TIMELINE = Timeline(
    start_field="startedAt",
    end_field="finishedAt",
    not_started=frozenset(),
    not_ended=frozenset({"running", "waiting"}),
    ended=frozenset({"success", "failure", "cancelled"}),
)

# A run starts when it is created (`startedAt` never moves); its status, end and the compute units it has consumed
# so far move until it finishes.
LIFECYCLE = Lifecycle(moving=frozenset({"status", "finishedAt", "totalCu"}))

# `POST /v1/runs` runs an inline definition (its root node `manual`) once: the spec records the run with
# `workflowId` "", in no workflow's list, `workflowVersion` 1 and `triggerSource` `manual`, with the `propValues`
# it was started with; a `runId` the client sends is the new run's id.
EPHEMERAL = EphemeralRun(
    operation="createEphemeralRun",
    body={
        "definition": {"nodes": {"root": {"type": "manual"}}},
        "payload": {"source": "contract-suite"},
        "propValues": {"source": "contract-suite"},
    },
    created_id=("data", "runId"),
    run_id_field="runId",
    run_id_prefix="run_",
    reads={"workflowId": "", "workflowVersion": 1, "triggerSource": "manual"},
    echoed=("propValues",),
)

B3OS = Dialect(
    name="b3os",
    runs_path=("data", "items"),
    order_field="startedAt",
    timeline=TIMELINE,
    lifecycle=LIFECYCLE,
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
        ephemeral=EPHEMERAL,
    ),
)
