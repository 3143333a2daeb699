"""The generated data: deterministic per seed, realistic, and internally consistent for every dialect."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import timedelta

import pytest

from mock_server.data.generate import REFERENCE_TIME, generate_store
from mock_server.data.model import Run, RunState
from mock_server.data.store import Store
from mock_server.dialects import DIALECTS

SEEDS = (0, 1, 7)


def all_runs(store: Store) -> list[Run]:
    return [run for tenant in store.tenants for run in store.runs(tenant.id)]


@pytest.fixture(params=list(DIALECTS), ids=list(DIALECTS))
def dialect_name(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


def store_for(dialect_name: str, seed: int = 0) -> Store:
    return generate_store(seed, DIALECTS[dialect_name]().vocabulary)


def test_same_seed_gives_identical_data(dialect_name: str) -> None:
    assert all_runs(store_for(dialect_name, 3)) == all_runs(store_for(dialect_name, 3))


def test_another_seed_gives_other_data(dialect_name: str) -> None:
    first, second = all_runs(store_for(dialect_name, 3)), all_runs(store_for(dialect_name, 4))
    assert {run.id for run in first}.isdisjoint(run.id for run in second)


def test_there_are_several_tenants_each_with_several_workflows(dialect_name: str) -> None:
    store = store_for(dialect_name)
    assert len(store.tenants) >= 3
    per_tenant = Counter(workflow.tenant_id for workflow in store.workflows)
    assert all(per_tenant[tenant.id] >= 3 for tenant in store.tenants)


@pytest.mark.parametrize("seed", SEEDS)
def test_demo_workflow_has_forty_runs_over_every_state_and_origin(dialect_name: str, seed: int) -> None:
    store = store_for(dialect_name, seed)
    runs = store.runs(store.demo.tenant_id, store.demo.workflow_id)
    vocabulary = DIALECTS[dialect_name]().vocabulary
    assert len(runs) >= 40
    assert {run.state for run in runs} == set(vocabulary.states)
    assert {run.origin for run in runs} == {origin.label for origin in vocabulary.origins}


@pytest.mark.parametrize("seed", SEEDS)
def test_run_timelines_are_consistent(dialect_name: str, seed: int) -> None:
    for run in all_runs(store_for(dialect_name, seed)):
        assert (run.started_at is not None) == run.state.has_started, run
        assert (run.ended_at is not None) == run.state.is_finished, run
        if run.started_at is not None:
            assert run.created_at <= run.started_at <= REFERENCE_TIME
        if run.ended_at is not None:
            assert (run.started_at or run.created_at) <= run.ended_at
        assert run.updated_at >= run.created_at


@pytest.mark.parametrize("seed", SEEDS)
def test_node_runs_belong_to_their_run_and_fall_inside_its_span(dialect_name: str, seed: int) -> None:
    for run in all_runs(store_for(dialect_name, seed)):
        if run.started_at is None:
            assert run.node_runs == ()
        for node in run.node_runs:
            assert node.run_id == run.id
            assert run.started_at is not None
            if node.started_at is not None:
                assert run.started_at <= node.started_at
                end = node.ended_at or node.started_at
                assert end <= (run.ended_at or REFERENCE_TIME)
                assert node.started_at <= end


def test_only_failed_runs_carry_an_error_and_only_succeeded_runs_a_result(dialect_name: str) -> None:
    for run in all_runs(store_for(dialect_name)):
        assert (run.error is not None) == (run.state is RunState.FAILED)
        assert (run.result is not None) == (run.state is RunState.SUCCEEDED)


def test_retries_point_at_an_older_failed_run_of_the_same_workflow(dialect_name: str) -> None:
    runs = {run.id: run for run in all_runs(store_for(dialect_name))}
    retries = [run for run in runs.values() if run.source_run_id is not None]
    for retry in retries:
        original = runs[retry.source_run_id or ""]
        assert original.state is RunState.FAILED
        assert original.workflow_id == retry.workflow_id
        assert original.created_at < retry.created_at


def test_aitasker_ids_are_uuids() -> None:
    store = store_for("aitasker")
    ids = [store.demo.tenant_id, store.demo.workflow_id]
    ids += [value for run in all_runs(store) for value in (run.id, *(node.id for node in run.node_runs))]
    assert all(uuid.UUID(value).version == 4 for value in ids)


@pytest.mark.parametrize("name", ["b3os", "cortex-v1", "invent"])
def test_other_vendors_ids_are_prefixed_opaque_strings(name: str) -> None:
    store = store_for(name)
    assert store.demo.workflow_id.startswith("wf_")
    assert all(run.id.startswith("run_") and len(run.id) == 16 for run in all_runs(store))


def test_runs_by_people_name_who_started_them_and_others_do_not() -> None:
    vocabulary = DIALECTS["b3os"]().vocabulary
    by_user = {origin.label for origin in vocabulary.origins if origin.by_user}
    for run in all_runs(store_for("b3os")):
        assert (run.triggered_by is not None) == (run.origin in by_user)


# --- runs that move ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_evolved_runs_keep_every_timeline_rule(dialect_name: str, seed: int) -> None:
    store = store_for(dialect_name, seed)
    for minutes in (1, 3, 6, 120):
        now = REFERENCE_TIME + timedelta(minutes=minutes)
        for run in all_runs(store.at(now)):
            assert (run.started_at is not None) == run.state.has_started, run
            assert (run.ended_at is not None) == run.state.is_finished, run
            if run.ended_at is not None:
                assert (run.started_at or run.created_at) <= run.ended_at <= now
            assert (run.error is not None) == (run.state is RunState.FAILED)
            for node in run.node_runs:
                assert node.run_id == run.id
                if node.started_at is not None and run.started_at is not None:
                    assert run.started_at <= node.started_at


def test_a_run_evolves_the_same_way_every_time(dialect_name: str) -> None:
    later = REFERENCE_TIME + timedelta(minutes=10)
    assert all_runs(store_for(dialect_name, 5).at(later)) == all_runs(store_for(dialect_name, 5).at(later))


def test_every_active_demo_run_has_finished_ten_minutes_later(dialect_name: str) -> None:
    store = store_for(dialect_name)
    later = store.at(REFERENCE_TIME + timedelta(minutes=12))
    assert not [run for run in later.runs(store.demo.tenant_id) if not run.state.is_finished]
    assert [run for run in store.runs(store.demo.tenant_id) if not run.state.is_finished]
