"""The canonical, vendor-neutral shape of the mock's data: tenants own workflows, workflows have runs.

Dialects translate these records into their vendor's names, casing and enums; nothing here knows HTTP.
Records are frozen so a generated data set can be shared freely between requests. Runs and workflows hash by a
few fields of theirs (equal records hash alike, as equality compares every field), so they can key the memories
of what is made from them cheaply; the generated hash would go through every field, and fails on the JSON
objects they hold.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

JSONObject = dict[str, Any]


class RunState(enum.Enum):
    """Where a run is in its lifecycle; each dialect spells these its own way (or lacks some)."""

    PENDING = "pending"
    RUNNING = "running"
    WAITING = "waiting"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    SKIPPED = "skipped"

    @property
    def has_started(self) -> bool:
        return self not in (RunState.PENDING, RunState.SKIPPED)

    @property
    def is_finished(self) -> bool:
        return self in (RunState.SUCCEEDED, RunState.FAILED, RunState.CANCELLED, RunState.SKIPPED)


@dataclass(frozen=True)
class User:
    id: str
    name: str
    avatar_url: str | None


@dataclass(frozen=True)
class Step:
    """One step of a workflow definition."""

    key: str
    type: str
    title: str
    model: str | None
    temperature: float | None
    destinations: tuple[str, ...]
    position: tuple[float, float]
    size: tuple[float, float]
    settings: tuple[tuple[str, Any], ...] = ()
    """Fields of the step a caller defined beyond these (an inline definition's node), kept as given."""


@dataclass(frozen=True)
class WorkflowVersion:
    id: str
    workflow_id: str
    tenant_id: str
    number: int
    description: str | None
    notes: str | None
    rollback_number: int | None
    created_by: User
    created_at: datetime
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Workflow:
    id: str
    tenant_id: str
    key: str
    name: str
    versions: tuple[WorkflowVersion, ...]
    draft_steps: tuple[Step, ...]
    archived: bool = False
    """An archived workflow keeps its runs but starts no new ones."""

    def __hash__(self) -> int:
        return hash((self.tenant_id, self.id))

    @property
    def latest_version(self) -> WorkflowVersion:
        return self.versions[-1]


@dataclass(frozen=True)
class Tenant:
    """A workspace, app or org, depending on the vendor."""

    id: str
    name: str


@dataclass(frozen=True)
class NodeRun:
    """The execution of one step inside a run."""

    id: str
    run_id: str
    step_key: str
    node_id: str
    task_id: str | None
    state: RunState
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    input: JSONObject | None
    output: JSONObject | None


@dataclass(frozen=True)
class Usage:
    """Credits a run consumed, in total and per step; `calls` breaks the total down per model call."""

    total: float
    ai_total: float
    per_step: tuple[tuple[str, float], ...]
    calls: tuple[UsageCall, ...]


@dataclass(frozen=True)
class UsageCall:
    id: str
    total: float
    ai_total: float
    calls: tuple[UsageCall, ...]


@dataclass(frozen=True)
class Retention:
    max_age_seconds: int
    """-1 keeps the run forever."""
    preserve_on_failure: bool
    due_at: datetime | None


@dataclass(frozen=True)
class Run:
    id: str
    tenant_id: str
    """The tenant the run was triggered from."""
    workflow_tenant_id: str
    """The tenant the workflow belongs to."""
    workflow_id: str
    version: WorkflowVersion
    state: RunState
    origin: str
    """The dialect's own origin or trigger-source label; the store does not interpret it."""
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    updated_at: datetime
    triggered_by: User | None
    input: JSONObject
    output: JSONObject
    result: Any
    error: str | None
    usage: Usage
    cost_cents: int
    node_runs: tuple[NodeRun, ...]
    source_run_id: str | None
    is_simulation: bool
    is_test: bool
    retention: Retention
    collection_id: str | None
    record_id: str | None
    is_draft: bool = False
    """It runs the workflow's draft, not a published version (`version` is then the latest one)."""
    from_step_key: str | None = None
    """It started at this step (a replay or a run from a step); earlier steps have no node runs."""

    def __hash__(self) -> int:
        return hash((self.id, self.updated_at))

    @property
    def executed_version(self) -> WorkflowVersion:
        """The version as the run executes it: from its start step on, when it started at one."""
        keys = [step.key for step in self.version.steps]
        if self.from_step_key is None or self.from_step_key not in keys:
            return self.version
        return replace(self.version, steps=self.version.steps[keys.index(self.from_step_key) :])
