"""Cortex's writes on runs: run a workflow, cancel, replay, and (v2) a run's retention, in the platform's shape."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from mock_server.data.changes import Cancel, Replay, RunChange, SetRetention, Trigger
from mock_server.data.model import Run, RunState, Workflow
from mock_server.data.view import StoreView
from mock_server.data.writes import Invalid, Scope, TriggerRequest, WriteError
from mock_server.dialects.base import OperationRequest, Reply
from mock_server.dialects.platform import invalid_field, version_of
from mock_server.problems import MockProblem


class Cortex(Protocol):
    """What the writes need of `mock_server.dialects.cortex.Cortex`: where a path points, and how a run reads."""

    def where(self, view: StoreView, request: OperationRequest) -> tuple[Workflow, Scope]: ...

    def run(self, run: Run, workflow: Workflow, verbose: bool) -> dict[str, Any]: ...

    def write_problem(self, error: WriteError, not_found_message: str | None = None) -> MockProblem: ...

    @staticmethod
    def verbose(request: OperationRequest) -> bool: ...


RUN_NOT_FOUND = "Run not found"
CANCELLABLE = frozenset({RunState.PENDING, RunState.RUNNING})
NEW_RUN_ORIGIN = "ENDPOINT"
"""A run made through the API is a call to the workflow's endpoint."""


class CortexWrites:
    """The write handlers of one cortex revision; they answer the run as `Cortex.run` renders it."""

    def __init__(self, dialect: Cortex) -> None:
        self.dialect = dialect

    def answer(
        self,
        view: StoreView,
        request: OperationRequest,
        change: Callable[[Workflow, Scope], RunChange],
        field: str = "",
    ) -> Reply:
        """The run the change made on the workflow the path names (within its scope), or the platform's error; a
        value the data refuses is an issue of `field`."""
        workflow, scope = self.dialect.where(view, request)
        try:
            run = request.submit(change(workflow, scope))
        except Invalid as error:
            raise invalid_field(field, str(error)) from None
        except WriteError as error:
            raise self.dialect.write_problem(error, RUN_NOT_FOUND) from None
        return Reply(200, self.dialect.run(run, workflow, self.dialect.verbose(request)))

    def run_workflow(self, view: StoreView, request: OperationRequest) -> Reply:
        body = request.body or {}

        def trigger(workflow: Workflow, _: Scope) -> RunChange:
            version = version_of(workflow, body.get("workflow_version_id", "latest"))
            asked = TriggerRequest(
                workflow.id, workflow.tenant_id, body.get("input") or {}, version, origin=NEW_RUN_ORIGIN
            )
            return Trigger(asked)

        return self.answer(view, request, trigger, "workflow_version_id")

    def cancel(self, view: StoreView, request: OperationRequest) -> Reply:
        run_id = request.path["run_id"]
        return self.answer(view, request, lambda _, scope: Cancel(run_id, scope, CANCELLABLE))

    def replay(self, view: StoreView, request: OperationRequest) -> Reply:
        body, run_id = request.body or {}, request.path["run_id"]
        step, identifier = body.get("stepKey"), body.get("identifier")
        return self.answer(view, request, lambda _, scope: Replay(run_id, scope, step, identifier), "stepKey")

    def update_retention(self, view: StoreView, request: OperationRequest) -> Reply:
        body, run_id = request.body, request.path["run_id"]
        age, preserve = body["max_age_in_seconds"], body["preserve_on_failure"]
        return self.answer(
            view, request, lambda _, scope: SetRetention(run_id, age, preserve, scope), "max_age_in_seconds"
        )
