"""Deterministic generation of a realistic data set from a seed.

Everything is drawn from one `random.Random` seeded with the seed and the vocabulary's name, against a fixed
reference time, so the same seed gives the same data on every start and another seed gives other data.
The data obeys the rules a real run obeys: a pending run has not started, a running one has no end, a finished
one ends after it starts, and a run's node runs fall inside its time span.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta

from mock_server.data.ids import new_id
from mock_server.data.lifecycle import Transition, plan_transitions
from mock_server.data.model import JSONObject, Retention, Run, RunState, Step, Tenant, User, Workflow, WorkflowVersion
from mock_server.data.nodes import ACTIVE_STATES, NodeDrawing
from mock_server.data.store import Store
from mock_server.data.view import DemoRefs
from mock_server.data.vocabulary import (
    CATEGORIES,
    ERRORS,
    PEOPLE,
    REFERENCE_TIME,
    TENANT_NAMES,
    WORKFLOW_BLUEPRINTS,
    Origin,
    Vocabulary,
)

DEMO_RUN_COUNT = 48
STATE_WEIGHTS = {
    RunState.SUCCEEDED: 50,
    RunState.FAILED: 14,
    RunState.CANCELLED: 7,
    RunState.SKIPPED: 5,
    RunState.RUNNING: 4,
    RunState.PENDING: 3,
    RunState.WAITING: 3,
}


class Generator(NodeDrawing):
    """Draws one data set; each method draws one kind of record."""

    def __init__(self, seed: int, vocabulary: Vocabulary, stream: str = "") -> None:
        self.seed = seed
        self.vocabulary = vocabulary
        self.base = f"workflow-runs-mock:{seed}:{vocabulary.name}"
        self.rng = random.Random(f"{self.base}{stream}")

    def substream(self, name: str) -> Generator:
        """A generator drawing from its own source, so what it draws never shifts the main data set."""
        return Generator(self.seed, self.vocabulary, f":{name}")

    # --- identifiers -------------------------------------------------------------------------------
    def new_id(self, prefix: str) -> str:
        return new_id(self.rng, self.vocabulary.id_style, prefix)

    # --- the whole data set -----------------------------------------------------------------------
    def store(self) -> Store:
        tenants = [Tenant(self.new_id(self.vocabulary.tenant_prefix), name) for name in TENANT_NAMES[:3]]
        workflows: list[Workflow] = []
        runs: list[Run] = []
        for tenant_index, tenant in enumerate(tenants):
            users = [self.user(name) for name in self.rng.sample(PEOPLE, 3)]
            blueprints = WORKFLOW_BLUEPRINTS if tenant_index == 0 else WORKFLOW_BLUEPRINTS[:3]
            for workflow_index, blueprint in enumerate(blueprints):
                workflow = self.workflow(tenant, blueprint, users)
                workflows.append(workflow)
                is_demo = tenant_index == 0 and workflow_index == 0
                count = DEMO_RUN_COUNT if is_demo else self.rng.randint(3, 12)
                runs.extend(self.runs_of(workflow, users, count))
        demo = DemoRefs(tenant_id=tenants[0].id, workflow_id=workflows[0].id)
        return Store(tenants, workflows, runs, demo, self.plans(runs, REFERENCE_TIME), self.evolve)

    def plans(self, runs: list[Run], start: datetime) -> dict[str, tuple[Transition, ...]]:
        """How each active run will move from `start` on."""
        states = self.vocabulary.states
        return {
            run.id: plan_transitions(run.state, states, self.substream(f"plan:{run.id}").rng, start) for run in runs
        }

    def evolve(self, run: Run, transition: Transition) -> Run:
        """The run after `transition`, drawn from a source of its own, so it is the same on every request."""
        draw = self.substream(f"{run.id}:{transition.state.value}")
        state, at = transition.state, transition.at
        started = run.started_at or (at if state.has_started else None)
        ended = at if state.is_finished else None
        version = run.executed_version
        node_runs = draw.node_runs(run.id, run.workflow_id, version, state, started, ended, now=at)
        usage = draw.usage(version, node_runs, state)
        retention = run.retention
        preserved = retention.preserve_on_failure and state is RunState.FAILED
        due = (
            None
            if retention.max_age_seconds == -1 or ended is None or preserved
            else ended + timedelta(seconds=retention.max_age_seconds)
        )
        return replace(
            run,
            state=state,
            started_at=started,
            ended_at=ended,
            updated_at=at,
            node_runs=node_runs,
            usage=usage,
            cost_cents=round(usage.total),
            output={node.step_key: node.output for node in node_runs if node.output is not None},
            result=draw.result() if state is RunState.SUCCEEDED else None,
            error=draw.rng.choice(ERRORS) if state is RunState.FAILED else None,
            retention=replace(retention, due_at=due),
        )

    def result(self) -> JSONObject:
        return {"category": self.rng.choice(CATEGORIES), "confidence": round(self.rng.uniform(0.6, 0.99), 2)}

    def user(self, name: str) -> User:
        handle = name.lower().replace(" ", ".")
        avatar = f"https://avatars.example.com/{handle}.png" if self.rng.random() < 0.7 else None
        return User(self.new_id("usr"), name, avatar)

    def workflow(
        self,
        tenant: Tenant,
        blueprint: tuple[str, str, tuple[tuple[str, str, str | None], ...]],
        users: list[User],
    ) -> Workflow:
        key, name, step_specs = blueprint
        workflow_id = self.new_id("wf")
        steps = self.steps(step_specs)
        versions: list[WorkflowVersion] = []
        created = REFERENCE_TIME - timedelta(days=self.rng.randint(60, 120))
        for number in range(1, self.rng.randint(2, 4) + 1):
            created += timedelta(days=self.rng.randint(3, 15), minutes=self.rng.randint(0, 600))
            versions.append(
                WorkflowVersion(
                    id=self.new_id("ver"),
                    workflow_id=workflow_id,
                    tenant_id=tenant.id,
                    number=number,
                    description=f"{name}, revision {number}",
                    notes=self.rng.choice((None, "Tightened the classification prompt", "Added retry on 5xx")),
                    rollback_number=number - 1 if number > 1 and self.rng.random() < 0.3 else None,
                    created_by=self.rng.choice(users),
                    created_at=created,
                    steps=steps,
                )
            )
        review = Step("draft_review", "note", "Review before publishing", None, None, (), (960.0, 80.0), (240.0, 120.0))
        return Workflow(workflow_id, tenant.id, key, name, tuple(versions), (*steps, review))

    def steps(self, specs: tuple[tuple[str, str, str | None], ...]) -> tuple[Step, ...]:
        steps = []
        for index, (key, kind, model) in enumerate(specs):
            following = (specs[index + 1][0],) if index + 1 < len(specs) else ()
            steps.append(
                Step(
                    key=key,
                    type=kind,
                    title=key.replace("_", " ").capitalize(),
                    model=model,
                    temperature=round(self.rng.uniform(0.0, 1.0), 1) if model else None,
                    destinations=following,
                    position=(float(80 + 240 * index), float(self.rng.choice((80, 200, 320)))),
                    size=(240.0, float(self.rng.choice((120, 160)))),
                )
            )
        return tuple(steps)

    # --- runs ----------------------------------------------------------------------------------------
    def runs_of(self, workflow: Workflow, users: list[User], count: int) -> list[Run]:
        """`count` runs of `workflow`, the active ones the most recent, newest first."""
        states = self.spread(self.vocabulary.states, STATE_WEIGHTS, count)
        # Active runs are the newest: a run still pending from last week would not be realistic.
        states.sort(key=lambda state: state not in ACTIVE_STATES)
        origins = self.spread_labels(count)
        created_times = self.creation_times(count)
        runs: list[Run] = []
        for state, origin, created_at in zip(states, origins, created_times, strict=True):
            runs.append(self.run(workflow, users, state, origin, created_at))
        return self.link_retries(runs)

    def spread(self, choices: tuple[RunState, ...], weights: dict[RunState, int], count: int) -> list[RunState]:
        """Every choice at least once (twice when there is room), the rest drawn by weight."""
        floor = 2 if count >= 2 * len(choices) + 10 else 1
        picked = [choice for choice in choices for _ in range(floor)][:count]
        picked += self.rng.choices(choices, weights=[weights[c] for c in choices], k=count - len(picked))
        self.rng.shuffle(picked)
        return picked

    def spread_labels(self, count: int) -> list[Origin]:
        origins = self.vocabulary.origins
        picked = list(origins)[:count]
        picked += self.rng.choices(origins, weights=[6 if o.by_user else 3 for o in origins], k=count - len(picked))
        self.rng.shuffle(picked)
        return picked

    def creation_times(self, count: int) -> list[datetime]:
        """Distinct creation times, newest first: the newest within the last hour, the rest over two weeks."""
        moment = REFERENCE_TIME - timedelta(seconds=self.rng.randint(20, 90))
        times = []
        for index in range(count):
            times.append(moment)
            gap = self.rng.randint(60, 600) if index < 4 else self.rng.randint(900, 6 * 3600)
            moment -= timedelta(seconds=gap)
        return times

    def run(
        self,
        workflow: Workflow,
        users: list[User],
        state: RunState,
        origin: Origin,
        created: datetime,
        now: datetime = REFERENCE_TIME,
    ) -> Run:
        version = max(
            (v for v in workflow.versions if v.created_at <= created),
            default=workflow.versions[0],
            key=lambda v: v.number,
        )
        run_id = self.new_id("run")
        started = min(created + timedelta(seconds=self.rng.randint(1, 20)), now) if state.has_started else None
        ended = self.end_time(state, created, started, now)
        node_runs = self.node_runs(run_id, workflow.id, version, state, started, ended, now)
        usage = self.usage(version, node_runs, state)
        ticket = f"T-{self.rng.randint(10000, 99999)}"
        category = self.rng.choice(CATEGORIES)
        retention_days = self.rng.choice((7, 30, 30, 90, -1))
        max_age = -1 if retention_days == -1 else retention_days * 86400
        return Run(
            id=run_id,
            tenant_id=workflow.tenant_id,
            workflow_tenant_id=workflow.tenant_id,
            workflow_id=workflow.id,
            version=version,
            state=state,
            origin=origin.label,
            created_at=created,
            started_at=started,
            ended_at=ended,
            updated_at=ended or started or created,
            triggered_by=self.rng.choice(users) if origin.by_user else None,
            input={"ticket_id": ticket, "priority": self.rng.choice(("low", "normal", "high", "urgent"))},
            output={node.step_key: node.output for node in node_runs if node.output is not None},
            result={"category": category, "confidence": round(self.rng.uniform(0.6, 0.99), 2)}
            if state is RunState.SUCCEEDED
            else None,
            error=self.rng.choice(ERRORS) if state is RunState.FAILED else None,
            usage=usage,
            cost_cents=round(usage.total),
            node_runs=node_runs,
            source_run_id=None,
            is_simulation=self.rng.random() < 0.1,
            is_test=self.rng.random() < 0.05,
            retention=self.retention(max_age, state, ended),
            collection_id=self.new_id("col") if origin.from_record else None,
            record_id=self.new_id("rec") if origin.from_record else None,
        )

    def retention(self, max_age: int, state: RunState, ended: datetime | None) -> Retention:
        """Retention counts from the end; a run kept forever, unfinished, or a preserved failure has no due date."""
        preserve = self.rng.random() < 0.5
        preserved = preserve and state is RunState.FAILED
        due = None if max_age == -1 or ended is None or preserved else ended + timedelta(seconds=max_age)
        return Retention(max_age_seconds=max_age, preserve_on_failure=preserve, due_at=due)

    def end_time(self, state: RunState, created: datetime, started: datetime | None, now: datetime) -> datetime | None:
        """When a finished run ended: a while after it started, and never after `now`."""
        if not state.is_finished:
            return None
        if started is None:  # skipped before it began
            return min(created + timedelta(seconds=self.rng.randint(1, 5)), now)
        return min(started + timedelta(seconds=self.rng.randint(4, 900), milliseconds=self.rng.randint(0, 999)), now)

    def link_retries(self, runs: list[Run]) -> list[Run]:
        """Mark some runs as retries of an older failed run of the same workflow."""
        linked = list(runs)
        for index, run in enumerate(runs):
            older_failures = [older for older in runs[index + 1 :] if older.state is RunState.FAILED]
            if older_failures and self.rng.random() < 0.15:
                linked[index] = replace(run, source_run_id=self.rng.choice(older_failures).id)
        return linked


def generate_store(seed: int, vocabulary: Vocabulary) -> Store:
    """The data set of `vocabulary`'s dialect for `seed`."""
    return Generator(seed, vocabulary).store()


__all__ = ["REFERENCE_TIME", "WORKFLOW_BLUEPRINTS", "Generator", "Origin", "Vocabulary", "generate_store"]
