"""Composing data: scenario records are realistic, pinned where asked, and active ones get a lifecycle."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mock_server.data.compose import RunSpec, ScenarioConflict, TenantSpec, WorkflowSpec, compose
from mock_server.data.generate import REFERENCE_TIME, Generator, generate_store
from mock_server.data.model import RunState
from mock_server.data.store import Store
from mock_server.dialects import DIALECTS

VOCABULARY = DIALECTS["cortex-v2"]().vocabulary
NOW = REFERENCE_TIME + timedelta(minutes=5)


@pytest.fixture
def store() -> Store:
    return generate_store(0, VOCABULARY)


def generator() -> Generator:
    return Generator(0, VOCABULARY, ":change:0")


def test_runs_are_added_to_an_existing_workflow_and_keep_the_rest(store: Store) -> None:
    run = RunSpec(RunState.RUNNING, "WEBHOOK", id="run_pinned")
    spec = TenantSpec(store.demo.tenant_id, None, (WorkflowSpec(store.demo.workflow_id, None, (run,)),))
    composed = compose(store, generator(), (spec,), NOW)
    assert len(composed.all_runs) == len(store.all_runs) + 1
    pinned = next(run for run in composed.all_runs if run.id == "run_pinned")
    assert (pinned.state, pinned.origin, pinned.workflow_id) == (RunState.RUNNING, "WEBHOOK", store.demo.workflow_id)
    assert pinned.created_at < NOW
    assert pinned.started_at is not None
    assert all(node.run_id == "run_pinned" for node in pinned.node_runs)
    assert composed.runs(store.demo.tenant_id)[0].id == "run_pinned"


def test_an_added_active_run_moves_on_from_now(store: Store) -> None:
    run = RunSpec(RunState.PENDING, id="run_new")
    spec = TenantSpec(store.demo.tenant_id, None, (WorkflowSpec(store.demo.workflow_id, None, (run,)),))
    composed = compose(store, generator(), (spec,), NOW)
    assert composed.plans["run_new"][0].at > NOW
    finished = composed.at(NOW + timedelta(minutes=15))
    assert next(run for run in finished.all_runs if run.id == "run_new").state.is_finished


def test_new_tenants_and_workflows_are_drawn_realistically_with_pinned_names(store: Store) -> None:
    spec = TenantSpec("app_new", "New app", (WorkflowSpec("wf_new", "Screenshots", (RunSpec(RunState.FAILED),)),))
    composed = compose(store, generator(), (spec,), NOW)
    workflow = composed.workflow("app_new", "wf_new")
    assert workflow is not None
    assert workflow.name == "Screenshots"
    assert all(version.workflow_id == "wf_new" for version in workflow.versions)
    (run,) = composed.runs("app_new")
    assert run.error is not None


def test_replacing_serves_only_the_scenario_with_its_first_workflow_as_the_demo(store: Store) -> None:
    spec = TenantSpec("app_only", None, (WorkflowSpec("wf_only", None, ()),))
    composed = compose(store, generator(), (spec,), NOW, replace_all=True)
    assert [tenant.id for tenant in composed.tenants] == ["app_only"]
    assert composed.all_runs == ()
    assert (composed.demo.tenant_id, composed.demo.workflow_id) == ("app_only", "wf_only")


def one_workflow(*runs: RunSpec) -> TenantSpec:
    return TenantSpec(None, None, (WorkflowSpec(None, None, runs),))


FUTURE_RUN = one_workflow(RunSpec(RunState.RUNNING, created_at=NOW + timedelta(seconds=1)))
DUPLICATE_IDS = one_workflow(RunSpec(RunState.RUNNING, id="dup"), RunSpec(RunState.FAILED, id="dup"))


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        pytest.param(FUTURE_RUN, "created in the future", id="future-run"),
        pytest.param(DUPLICATE_IDS, "run id dup is already taken", id="duplicate-run-id"),
    ],
)
def test_impossible_scenarios_are_refused(store: Store, spec: TenantSpec, message: str) -> None:
    with pytest.raises(ScenarioConflict, match=message):
        compose(store, generator(), (spec,), NOW)


def test_replacing_with_nothing_is_refused(store: Store) -> None:
    with pytest.raises(ScenarioConflict, match="at least one tenant with a workflow"):
        compose(store, generator(), (), NOW, replace_all=True)


@pytest.mark.parametrize(
    ("dialect", "status"),
    [pytest.param(name, status, id=f"{name}-{status}") for name, new in DIALECTS.items() for status in new().statuses],
)
def test_a_scenario_pins_a_run_in_every_state_the_dialect_has(dialect: str, status: str) -> None:
    vocabulary = DIALECTS[dialect]().vocabulary
    state = DIALECTS[dialect]().statuses[status]
    base = generate_store(0, vocabulary)
    spec = TenantSpec(base.demo.tenant_id, None, (WorkflowSpec(base.demo.workflow_id, None, (RunSpec(state),)),))
    composed = compose(base, Generator(0, vocabulary, ":change:0"), (spec,), NOW)
    pinned = composed.at(NOW).runs(base.demo.tenant_id, base.demo.workflow_id)[0]
    assert pinned.state is state
    assert (pinned.ended_at is not None) == state.is_finished


@pytest.mark.parametrize("dialect", list(DIALECTS))
def test_every_state_a_dialect_draws_can_be_pinned_by_its_name(dialect: str) -> None:
    assert set(DIALECTS[dialect]().statuses.values()) == set(DIALECTS[dialect]().vocabulary.states)


def test_a_scenario_archives_an_existing_workflow_and_keeps_its_runs(store: Store) -> None:
    spec = TenantSpec(store.demo.tenant_id, None, (WorkflowSpec(store.demo.workflow_id, archived=True),))
    composed = compose(store, generator(), (spec,), NOW)
    workflow = composed.workflow(store.demo.tenant_id, store.demo.workflow_id)
    assert workflow is not None
    assert workflow.archived
    assert composed.runs(store.demo.tenant_id, store.demo.workflow_id) == store.runs(
        store.demo.tenant_id, store.demo.workflow_id
    )
    unchanged = compose(
        composed, generator(), (TenantSpec(store.demo.tenant_id, None, (WorkflowSpec(workflow.id),)),), NOW
    )
    assert unchanged.workflow(store.demo.tenant_id, workflow.id) == workflow
