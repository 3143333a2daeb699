"""Drawing what happens inside a run: its node runs, their timeline and outputs, and the credits it used."""

from __future__ import annotations

import abc
import random
import uuid
from datetime import datetime, timedelta

from mock_server.data.model import JSONObject, NodeRun, RunState, Step, Usage, UsageCall, WorkflowVersion
from mock_server.data.vocabulary import REFERENCE_TIME, Vocabulary

ACTIVE_STATES = (RunState.PENDING, RunState.RUNNING, RunState.WAITING)


class NodeDrawing(abc.ABC):
    """The part of `Generator` that draws a run's insides, from the same random source."""

    rng: random.Random
    vocabulary: Vocabulary

    @abc.abstractmethod
    def new_id(self, prefix: str) -> str:
        """A new identifier in the vocabulary's style."""

    def node_runs(
        self,
        run_id: str,
        workflow_id: str,
        version: WorkflowVersion,
        state: RunState,
        started: datetime | None,
        ended: datetime | None,
        now: datetime = REFERENCE_TIME,
    ) -> tuple[NodeRun, ...]:
        """One node run per step, executed in order inside the run's span (up to `now` while it is active)."""
        if started is None:
            return ()
        steps = version.steps
        span_end = ended or now
        # The step the run stopped at (failed, cancelled, still running or waiting on), if any; a run that
        # has only just started is at its first step.
        if state is RunState.SUCCEEDED:
            stop_index = len(steps)
        else:
            stop_index = self.rng.randrange(len(steps)) if span_end > started else 0
        slot = (span_end - started) / (stop_index + 1)
        nodes: list[NodeRun] = []
        for index, step in enumerate(steps):
            node_state, node_start, node_end = self.node_timeline(state, index, stop_index, started, slot)
            nodes.append(
                NodeRun(
                    id=self.new_id("node"),
                    run_id=run_id,
                    step_key=step.key,
                    node_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{workflow_id}/{step.key}"))
                    if self.vocabulary.id_style == "uuid"
                    else f"{workflow_id}.{step.key}",
                    task_id=self.new_id("task") if step.type == "llm" and node_start is not None else None,
                    state=node_state,
                    created_at=started + slot * index if node_start is None else node_start,
                    started_at=node_start,
                    ended_at=node_end,
                    input={"step": step.key} if node_start is not None else None,
                    output=self.step_output(step) if node_state is RunState.SUCCEEDED else None,
                )
            )
        return tuple(nodes)

    def node_timeline(
        self, state: RunState, index: int, stop_index: int, started: datetime, slot: timedelta
    ) -> tuple[RunState, datetime | None, datetime | None]:
        start = started + slot * index
        if index < stop_index:
            return RunState.SUCCEEDED, start, start + slot * 0.9
        if index > stop_index:
            return (RunState.PENDING if state in ACTIVE_STATES else RunState.SKIPPED), None, None
        if state in (RunState.RUNNING, RunState.WAITING):
            return state, start, None
        return state, start, start + slot * 0.9

    def step_output(self, step: Step) -> JSONObject:
        if step.type == "llm":
            return {"text": f"{step.title} done", "tokens": self.rng.randint(120, 2400)}
        if step.type == "http":
            return {"status": 200, "elapsed_ms": self.rng.randint(40, 900)}
        return {"ok": True}

    def usage(self, version: WorkflowVersion, node_runs: tuple[NodeRun, ...], state: RunState) -> Usage:
        per_step: list[tuple[str, float]] = []
        calls: list[UsageCall] = []
        ai_total = 0.0
        models = {step.key: step.model for step in version.steps}
        for node in node_runs:
            if node.started_at is None:
                continue
            is_ai = models.get(node.step_key) is not None
            credits = round(self.rng.uniform(1.0, 12.0) if is_ai else self.rng.uniform(0.1, 1.0), 2)
            per_step.append((node.step_key, credits))
            if is_ai:
                ai_total += credits
                calls.append(UsageCall(self.new_id("call"), credits, credits, ()))
        total = round(sum(credits for _, credits in per_step), 2)
        return Usage(total=total, ai_total=round(ai_total, 2), per_step=tuple(per_step), calls=tuple(calls))
