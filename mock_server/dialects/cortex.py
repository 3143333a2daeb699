"""Cortex, both revisions: a workflow's runs (`/apps/{app_id}/workflows/{workflow_id}/runs`), one run, run a
workflow, cancel, replay; v2 also a run's retention (`dialects/cortex_writes.py` holds the writes).

v2 adds the `WEBHOOK` origin, a run's `retention` and `retention_due_at`, and a step's `display`.
`verbose=all` fills `workflow_version_draft` and `workflow_version` and adds `usage.calls`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orjson import Fragment

from mock_server.data.generate import Origin, Vocabulary
from mock_server.data.model import Run, RunState, Step, UsageCall, Workflow, WorkflowVersion
from mock_server.data.view import StoreView
from mock_server.data.writes import Scope
from mock_server.dialects.base import (
    Dialect,
    OperationHandler,
    OperationRequest,
    Reply,
    choice_filter,
    in_scope,
    iso,
    not_found,
    without_none,
)
from mock_server.dialects.cortex_writes import RUN_NOT_FOUND, CortexWrites
from mock_server.dialects.platform import error_body, numbered_page, tenant_of
from mock_server.dialects.rendering import encoded_items, encoded_once, rendered_once
from mock_server.problems import Problem

STATUSES = {
    "PENDING": RunState.PENDING,
    "RUNNING": RunState.RUNNING,
    "CANCELLED": RunState.CANCELLED,
    "COMPLETED": RunState.SUCCEEDED,
    "SKIPPED": RunState.SKIPPED,
    "FAILED": RunState.FAILED,
}
STATUS_NAMES = {state: name for name, state in STATUSES.items()}
V1_ORIGINS = (
    Origin("WORKFLOW", by_user=True),
    Origin("TRIGGER"),
    Origin("RECORD", from_record=True),
    Origin("TEST", by_user=True),
    Origin("ENDPOINT"),
)
INPUT_OPTIONS = {"display": {"field": "inline", "container": "grid", "hidden": False}}


class Cortex(Dialect):
    statuses = STATUSES
    token_prefix = "ctx_sk_test_"

    def __init__(self, name: str, origins: tuple[Origin, ...], with_retention: bool) -> None:
        super().__init__()
        self.name = name
        self.with_retention = with_retention
        self.vocabulary = Vocabulary(name, tuple(STATUSES.values()), origins, "prefixed", "app")
        self.origins = {origin.label: origin.label for origin in origins}
        """The origin filter's values, each the run origin it keeps."""

    def fixture_params(self, tenant_id: str, workflow_id: str | None) -> dict[str, str]:
        return {"app_id": tenant_id} | ({} if workflow_id is None else {"workflow_id": workflow_id})

    def handlers(self) -> Mapping[str, OperationHandler]:
        writes = CortexWrites(self)
        handlers: dict[str, OperationHandler] = {
            "getWorkflowRuns": self.list_runs,
            "getWorkflowRun": self.get_run,
            "runWorkflow": writes.run_workflow,
            "cancelWorkflowRun": writes.cancel,
            "replayWorkflowRun": writes.replay,
        }
        if self.with_retention:
            handlers["updateRunDataRetentionConfiguration"] = writes.update_retention
        return handlers

    def where(self, view: StoreView, request: OperationRequest) -> tuple[Workflow, Scope]:
        """The workflow the path names and the scope of its runs, or raise the platform's 404."""
        app_id = tenant_of(view, request, "app_id", "App not found")
        workflow = view.workflow(app_id, request.path["workflow_id"])
        if workflow is None:
            raise not_found("Workflow not found")
        return workflow, Scope(tenant_id=app_id, workflow_id=workflow.id)

    def get_run(self, view: StoreView, request: OperationRequest) -> Reply:
        workflow, scope = self.where(view, request)
        run = in_scope(view, request.path["run_id"], scope)
        if run is None:
            raise not_found(RUN_NOT_FOUND)
        return Reply(200, Fragment(self.encoded_run(run, workflow, self.verbose(request))))

    @staticmethod
    def verbose(request: OperationRequest) -> bool:
        return "all" in (request.query.get("verbose") or ())

    def list_runs(self, view: StoreView, request: OperationRequest) -> Reply:
        query = request.query
        app_id = tenant_of(view, request, "app_id", "App not found")
        workflow = view.workflow(app_id, request.path["workflow_id"])
        if workflow is None:
            raise not_found("Workflow not found")
        runs = view.runs(
            app_id,
            workflow.id,
            states=choice_filter(query.get("status"), STATUSES),
            origins=choice_filter(query.get("origin"), self.origins),
        )
        start, stop, headers = numbered_page(runs, query["page"], query["take"])
        verbose = self.verbose(request)

        def encode(run: Run) -> bytes:
            return self.encoded_run(run, workflow, verbose)

        # The selection is of this workflow's runs: the flag is all the encoding adds.
        return Reply(200, encoded_items(runs, start, stop, encode, verbose), headers)

    def render_error(self, problem: Problem, status: int) -> Any:
        return error_body(problem, status)

    # --- records -------------------------------------------------------------------------------------
    @rendered_once
    def run(self, run: Run, workflow: Workflow, verbose: bool) -> dict[str, Any]:
        draft_run = run.origin == "TEST"  # a TEST run runs the draft, which has no version
        usage: dict[str, Any] = {"total": run.usage.total, "steps": dict(run.usage.per_step)}
        if verbose:
            usage["calls"] = [self.call(call) for call in run.usage.calls]
        fields: dict[str, Any] = {
            "id": run.id,
            "result": run.result,
            "input": run.input,
            "output": run.output,
            "status": STATUS_NAMES[run.state],
            "origin": run.origin,
            "error": run.error,
            "started_at": iso(run.started_at),
            "ended_at": iso(run.ended_at),
            "app_id": run.tenant_id,
            "workflow_app_id": run.workflow_tenant_id,
            "workflow_id": run.workflow_id,
            "workflow_version_draft": self.draft(workflow) if verbose else None,
            "workflow_version": self.version(run.version, workflow) if verbose and not draft_run else None,
            "collection_id": run.collection_id,
            "record_id": run.record_id,
            "version": None if draft_run else run.version.number,
            "usage": usage,
        }
        if self.with_retention:
            fields["retention"] = {
                "max_age_in_seconds": run.retention.max_age_seconds,
                "preserve_on_failure": run.retention.preserve_on_failure,
            }
            fields["retention_due_at"] = iso(run.retention.due_at)
        fields["created_at"] = iso(run.created_at)
        fields["updated_at"] = iso(run.updated_at)
        nullable = {
            "result",
            "input",
            "started_at",
            "ended_at",
            "workflow_version_draft",
            "workflow_version",
            "retention_due_at",
            "created_at",
            "updated_at",
        }
        return {key: value for key, value in fields.items() if value is not None or key in nullable}

    encoded_run = encoded_once(run)

    def call(self, call: UsageCall) -> dict[str, Any]:
        return {"id": call.id, "total": call.total, "calls": [self.call(inner) for inner in call.calls]}

    def draft(self, workflow: Workflow) -> dict[str, Any]:
        return {
            "key": workflow.key,
            "input": {"ticket_id": ""},
            "input_default": {"priority": "normal"},
            "input_options": INPUT_OPTIONS,
            "steps": [self.step(step) for step in workflow.draft_steps],
        }

    def version(self, version: WorkflowVersion, workflow: Workflow) -> dict[str, Any]:
        return {
            "id": version.id,
            "app_id": version.tenant_id,
            "workflow_id": version.workflow_id,
            "description": version.description,
            "version": version.number,
            "rollback_version": version.rollback_number,
            "notes": version.notes,
            "created_by": {"id": version.created_by.id, "name": version.created_by.name},
            "created_at": iso(version.created_at),
            "key": workflow.key,
            "input": {"ticket_id": ""},
            "input_default": {"priority": "normal"},
            "input_options": INPUT_OPTIONS,
            "steps": [self.step(step) for step in version.steps],
        }

    def step(self, step: Step) -> dict[str, Any]:
        fields: dict[str, Any] = {"type": step.type, "key": step.key}
        if self.with_retention:
            fields["display"] = "expanded"
        fields.update(
            throw_on_error=step.type != "note",
            input_connected=bool(step.destinations) or step.type != "note",
            destinations=list(step.destinations),
            position=list(step.position),
            size=list(step.size),
        )
        if step.model is not None:
            fields["auto"] = {
                "provider": step.model.split("-")[0],
                "model": step.model,
                "temperature": step.temperature,
            }
        if step.type == "note":
            fields["note"] = step.title
        return without_none(fields)


def cortex_v1() -> Cortex:
    return Cortex("cortex-v1", V1_ORIGINS, with_retention=False)


def cortex_v2() -> Cortex:
    return Cortex("cortex-v2", (*V1_ORIGINS, Origin("WEBHOOK")), with_retention=True)
