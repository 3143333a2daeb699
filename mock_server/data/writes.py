"""Writes on the data: get one run, trigger, cancel, retry, replay and retention, each a pure function.

Each takes a store, the clock's `now` and (where it creates a run) a `Generator` drawing from a source of its own,
and returns a new store with the affected run, or raises a `WriteError` the HTTP layer maps to its vendor's
status::

    WriteError
     ├── NotFound   no such workflow or run in the caller's scope
     ├── Conflict   a chosen id is taken, or (WrongState) the run is not in a state that allows it
     └── Invalid    a value the data cannot take (an unknown version, step key, origin, a bad retention), or
                    a new run of an archived workflow

Nothing here knows HTTP or vendors; which states may be cancelled or retried is the caller's to say.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from mock_server.data.generate import Generator
from mock_server.data.model import JSONObject, NodeRun, Retention, Run, RunState, Step, User, Workflow
from mock_server.data.store import Store

ACTIVE = frozenset({RunState.PENDING, RunState.RUNNING, RunState.WAITING})
RETRYABLE = frozenset({RunState.FAILED, RunState.CANCELLED})


class WriteError(Exception):
    """A write that cannot be done; the message says why, in words fit for an API error."""


class NotFound(WriteError):
    pass


class Conflict(WriteError):
    pass


class WrongState(Conflict):
    """A run whose state does not allow the write: `refusal` words it with `{run}` and `{state}`, so a caller can
    name the state as its vendor spells it (`worded`); the message names it in the store's words."""

    def __init__(self, run_id: str, state: RunState, refusal: str) -> None:
        self.run_id, self.state, self.refusal = run_id, state, refusal
        super().__init__(self.worded(state.value))

    def worded(self, state_name: str) -> str:
        return self.refusal.format(run=self.run_id, state=state_name)


class Invalid(WriteError):
    pass


@dataclass(frozen=True)
class Scope:
    """Where the caller looks: a run of another tenant or workflow is not found."""

    tenant_id: str | None = None
    workflow_id: str | None = None

    def holds(self, run: Run) -> bool:
        return self.sees(run.workflow_tenant_id) and (self.workflow_id is None or run.workflow_id == self.workflow_id)

    def sees(self, tenant_id: str) -> bool:
        """Whether the tenant's data is in this scope."""
        return self.tenant_id is None or tenant_id == self.tenant_id


ANYWHERE = Scope()
"""No scope: any tenant's, any workflow's run."""


@dataclass(frozen=True)
class Written:
    store: Store
    run: Run


@dataclass(frozen=True)
class TriggerRequest:
    """What a caller asks of a new run; `None` leaves a field to the data (the first origin, a drawn person)."""

    workflow_id: str
    tenant_id: str | None = None
    """None finds the workflow by its id alone (vendors whose path has no tenant)."""
    input: JSONObject | None = None
    version: int | Literal["latest", "draft"] = "latest"
    run_id: str | None = None
    is_test: bool = False
    is_simulation: bool = False
    origin: str | None = None
    triggered_by: User | None = None
    from_step_key: str | None = None


MAX_RETENTION_SECONDS = 100 * 365 * 24 * 3600
"""The longest retention: a due date further off could not be written as a date-time."""


def get_run(store: Store, now: datetime, run_id: str, scope: Scope = ANYWHERE) -> Run:
    """Run `run_id` as the list shows it at `now` (the same record)."""
    run = store.at(now).run(run_id)
    if run is None or not scope.holds(run):
        raise NotFound(f"run {run_id} not found")
    return run


def trigger(store: Store, now: datetime, draw: Generator, request: TriggerRequest) -> Written:
    """A new run of the workflow, at the head of the list at once, moving on from `now` as the seed decides."""
    workflow = find_workflow(store, request.workflow_id, request.tenant_id)
    if request.version == "draft":
        version, is_draft = replace(workflow.latest_version, steps=workflow.draft_steps), True
    elif request.version == "latest":
        version, is_draft = workflow.latest_version, False
    else:
        numbered = [v for v in workflow.versions if v.number == request.version]
        if not numbered:
            known = ", ".join(str(v.number) for v in workflow.versions)
            raise Invalid(f"workflow {workflow.id} has no version {request.version}; it has {known}")
        version, is_draft = numbered[0], False
    if request.run_id is not None and store.at(now).run(request.run_id) is not None:
        raise Conflict(f"run id {request.run_id} is already taken")
    run = start(store, now, draw, workflow, request.origin)
    run = replace(
        run,
        id=request.run_id or run.id,
        version=version,
        is_draft=is_draft,
        input=request.input if request.input is not None else {},
        is_test=request.is_test,
        is_simulation=request.is_simulation,
        triggered_by=request.triggered_by or run.triggered_by,
        from_step_key=checked_step(version.steps, request.from_step_key),
    )
    return launch(store, now, draw, run)


def run_once(store: Store, now: datetime, draw: Generator, workflow: Workflow, request: TriggerRequest) -> Written:
    """A run of a definition given inline: `workflow` (no saved workflow's id) is kept only so the run can be
    read; a later run-once of the same tenant and id replaces its definition, not its runs."""
    return trigger(store.with_workflow(workflow), now, draw, replace(request, workflow_id=workflow.id))


def cancel(
    store: Store, now: datetime, run_id: str, scope: Scope = ANYWHERE, cancellable: Collection[RunState] = ACTIVE
) -> Written:
    """The run cancelled at `now`: it ends at once, its plan dropped, the steps under way cancelled."""
    run = get_run(store, now, run_id, scope)
    if run.state not in cancellable:
        raise WrongState(run_id, run.state, "run {run} is {state} and cannot be cancelled")
    nodes = tuple(stop_node(node, now) for node in run.node_runs)
    retention = replace(run.retention, due_at=due_at(run.retention, RunState.CANCELLED, now))
    cancelled = replace(
        run,
        state=RunState.CANCELLED,
        ended_at=now,
        updated_at=now,
        node_runs=nodes,
        result=None,
        error=None,
        retention=retention,
    )
    return Written(store.replacing(cancelled), cancelled)


def retry(
    store: Store,
    now: datetime,
    draw: Generator,
    run_id: str,
    scope: Scope = ANYWHERE,
    retryable: Collection[RunState] = RETRYABLE,
) -> Written:
    """A new run from the source's failure point (the step it stopped at), pointing at its source."""
    source = get_run(store, now, run_id, scope)
    if source.state not in retryable:
        raise WrongState(run_id, source.state, "run {run} is {state} and cannot be retried")
    stopped = next((node.step_key for node in source.node_runs if node.state is not RunState.SUCCEEDED), None)
    return again(store, now, draw, source, stopped)


def replay(
    store: Store, now: datetime, draw: Generator, run_id: str, scope: Scope = ANYWHERE, from_step_key: str | None = None
) -> Written:
    """A new run of a finished run's version and input (from `from_step_key` when given), pointing at its source."""
    source = get_run(store, now, run_id, scope)
    if not source.state.is_finished:
        raise WrongState(run_id, source.state, "run {run} is {state}; only a finished run can be replayed")
    return again(store, now, draw, source, checked_step(source.version.steps, from_step_key))


def update_retention(
    store: Store, now: datetime, run_id: str, max_age_seconds: int, preserve_on_failure: bool, scope: Scope = ANYWHERE
) -> Written:
    """The run with a new retention; its due date counts from its end (none while active, kept forever, or a
    preserved failure)."""
    if max_age_seconds != -1 and max_age_seconds <= 0:
        raise Invalid("max_age_seconds must be a positive number of seconds, or -1 to keep the run forever")
    if max_age_seconds > MAX_RETENTION_SECONDS:
        raise Invalid(f"max_age_seconds must be at most {MAX_RETENTION_SECONDS} (100 years)")
    run = get_run(store, now, run_id, scope)
    current = store.current(run_id, now)
    ahead = current[1] if current is not None else ()
    retention = Retention(max_age_seconds, preserve_on_failure, None)
    retention = replace(retention, due_at=due_at(retention, run.state, run.ended_at))
    updated = replace(run, retention=retention, updated_at=now)
    return Written(store.replacing(updated, ahead), updated)


# --- helpers ---------------------------------------------------------------------------------------------
def find_workflow(store: Store, workflow_id: str, tenant_id: str | None) -> Workflow:
    if tenant_id is not None:
        workflow = store.workflow(tenant_id, workflow_id)
    else:
        workflow = next((w for w in store.workflows if w.id == workflow_id), None)
    if workflow is None:
        raise NotFound(f"workflow {workflow_id} not found")
    return workflow


def checked_step(steps: tuple[Step, ...], key: str | None) -> str | None:
    keys = [step.key for step in steps]
    if key is not None and key not in keys:
        raise Invalid(f"step {key!r} is not a step of this version; its steps are {', '.join(keys)}")
    return key


def start(store: Store, now: datetime, draw: Generator, workflow: Workflow, origin: str | None) -> Run:
    """A run of `workflow` drawn as it is created at `now`: pending, or running where the dialect has no pending."""
    if workflow.archived:
        raise Invalid(f"workflow {workflow.id} is archived and starts no new runs")
    origins = draw.vocabulary.origins
    chosen = next((o for o in origins if o.label == origin), None) if origin is not None else origins[0]
    if chosen is None:
        raise Invalid(f"{origin!r} is not an origin here; use one of {', '.join(o.label for o in origins)}")
    users = list({v.created_by.id: v.created_by for v in workflow.versions}.values())
    first = RunState.PENDING if RunState.PENDING in draw.vocabulary.states else RunState.RUNNING
    return draw.run(workflow, users, first, chosen, now, now=now)


def again(store: Store, now: datetime, draw: Generator, source: Run, from_step_key: str | None) -> Written:
    workflow = find_workflow(store, source.workflow_id, source.workflow_tenant_id)
    run = start(store, now, draw, workflow, source.origin)
    run = replace(
        run,
        version=source.version,
        is_draft=source.is_draft,
        input=source.input,
        is_test=source.is_test,
        is_simulation=source.is_simulation,
        triggered_by=source.triggered_by,
        source_run_id=source.id,
        from_step_key=from_step_key,
    )
    return launch(store, now, draw, run)


def launch(store: Store, now: datetime, draw: Generator, run: Run) -> Written:
    """`run` as created, with node runs of the steps it executes, added with its plan."""
    nodes = draw.node_runs(run.id, run.workflow_id, run.executed_version, run.state, run.started_at, None, now)
    usage = draw.usage(run.executed_version, nodes, run.state)
    run = replace(
        run,
        node_runs=nodes,
        usage=usage,
        cost_cents=round(usage.total),
        output={},
        result=None,
        error=None,
    )
    return Written(store.with_runs([run], draw.plans([run], now)), run)


def stop_node(node: NodeRun, now: datetime) -> NodeRun:
    """A node run as its run is cancelled: one under way is cancelled, one not yet begun is skipped."""
    if node.ended_at is not None:
        return node
    if node.started_at is None:
        return replace(node, state=RunState.SKIPPED)
    return replace(node, state=RunState.CANCELLED, ended_at=now)


def due_at(retention: Retention, state: RunState, ended: datetime | None) -> datetime | None:
    if retention.max_age_seconds == -1 or ended is None or (retention.preserve_on_failure and state is RunState.FAILED):
        return None
    return ended + timedelta(seconds=retention.max_age_seconds)
