"""Changes as values: each applies its write to a store at a moment, and is plain JSON and back."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from mock_server.data.changes import (
    AddTenants,
    Cancel,
    Change,
    Replay,
    Reset,
    Retry,
    RunOnce,
    SetRetention,
    Trigger,
)
from mock_server.data.compose import RunSpec, ScenarioConflict, TenantSpec, WorkflowSpec
from mock_server.data.generate import REFERENCE_TIME, Generator
from mock_server.data.model import Run, RunState, User
from mock_server.data.schedule import live_store
from mock_server.data.store import Store
from mock_server.data.writes import Conflict, NotFound, Scope, TriggerRequest, WrongState
from mock_server.dialects import DIALECTS
from mock_server.dialects.b3os_detail import inline_workflow

VOCABULARY = DIALECTS["cortex-v2"]().vocabulary
NOW = REFERENCE_TIME + timedelta(minutes=1)


@pytest.fixture(scope="module")
def store() -> Store:
    return live_store(0, VOCABULARY)


def draw() -> Generator:
    return Generator(0, VOCABULARY, ":change:0")


def in_state(store: Store, state: RunState) -> Run:
    view = store.at(NOW)
    return next(run for run in view.runs(view.demo.tenant_id, view.demo.workflow_id) if run.state is state)


def demo_trigger(store: Store, **fields: Any) -> TriggerRequest:
    return TriggerRequest(store.demo.workflow_id, store.demo.tenant_id, **fields)


# --- apply -------------------------------------------------------------------------------------------------------
def test_a_trigger_adds_the_run_it_asks_for_at_the_head_of_the_list(store: Store) -> None:
    outcome = Trigger(demo_trigger(store, input={"ticket_id": "T-1"}, run_id="run_asked")).apply(store, NOW, draw())
    assert outcome.run is not None
    assert (outcome.run.id, outcome.run.input, outcome.run.created_at) == ("run_asked", {"ticket_id": "T-1"}, NOW)
    assert outcome.store.at(NOW).runs(store.demo.tenant_id)[0] == outcome.run
    assert store.at(NOW).run("run_asked") is None  # the store it was applied to is left as it was


def test_a_run_once_keeps_its_inline_definition_so_the_run_can_be_read(store: Store) -> None:
    workflow = inline_workflow(store.demo.tenant_id, {"nodes": {"root": {"type": "manual", "children": []}}})
    request = TriggerRequest(workflow.id, workflow.tenant_id)
    outcome = RunOnce(workflow, request).apply(store, NOW, draw())
    assert outcome.run is not None
    assert outcome.store.workflow(workflow.tenant_id, workflow.id) == workflow
    assert outcome.run.workflow_id == workflow.id


def test_a_cancel_ends_the_run_and_follows_the_callers_rule_and_scope(store: Store) -> None:
    running = in_state(store, RunState.RUNNING)
    outcome = Cancel(running.id).apply(store, NOW, draw())
    assert outcome.run is not None
    assert (outcome.run.state, outcome.store.at(NOW).run(running.id)) == (RunState.CANCELLED, outcome.run)
    with pytest.raises(WrongState):
        Cancel(running.id, cancellable=frozenset({RunState.PENDING})).apply(store, NOW, draw())
    with pytest.raises(NotFound):
        Cancel(running.id, Scope("app_other")).apply(store, NOW, draw())


def test_a_retry_makes_a_new_run_pointing_at_its_source_if_the_callers_rule_allows(store: Store) -> None:
    failed = in_state(store, RunState.FAILED)
    outcome = Retry(failed.id).apply(store, NOW, draw())
    assert outcome.run is not None
    assert outcome.run.source_run_id == failed.id
    with pytest.raises(WrongState):
        Retry(failed.id, retryable=frozenset({RunState.CANCELLED})).apply(store, NOW, draw())


def test_a_replay_makes_a_new_run_from_the_step_asked(store: Store) -> None:
    finished = in_state(store, RunState.SUCCEEDED)
    step = finished.version.steps[-1].key
    outcome = Replay(finished.id, from_step_key=step, identifier="once").apply(store, NOW, draw())
    assert outcome.run is not None
    assert (outcome.run.source_run_id, outcome.run.from_step_key) == (finished.id, step)


def test_a_replay_recalled_finds_the_run_made_but_only_for_a_caller_who_sees_its_source(store: Store) -> None:
    finished = in_state(store, RunState.SUCCEEDED)
    made = in_state(store, RunState.FAILED)
    assert Replay(finished.id, identifier="x").recall(store, NOW, made.id).run == made
    with pytest.raises(NotFound):
        Replay(finished.id, Scope("app_other"), identifier="x").recall(store, NOW, made.id)


def test_only_a_trigger_or_replay_with_an_identifier_has_an_identity(store: Store) -> None:
    request = demo_trigger(store)
    assert Trigger(request, "key").identity == ("trigger", store.demo.tenant_id, store.demo.workflow_id, "key")
    assert Replay("run_a", identifier="key").identity == ("replay", "run_a", "key")
    assert [Trigger(request).identity, Replay("run_a").identity, Cancel("run_a").identity] == [None] * 3


def test_a_retention_change_gives_the_run_its_new_retention(store: Store) -> None:
    finished = in_state(store, RunState.SUCCEEDED)
    outcome = SetRetention(finished.id, 600, preserve_on_failure=True).apply(store, NOW, draw())
    assert outcome.run is not None
    assert (outcome.run.retention.max_age_seconds, outcome.run.retention.preserve_on_failure) == (600, True)


def test_adding_tenants_composes_them_and_names_the_last_run_added(store: Store) -> None:
    runs = (RunSpec(RunState.FAILED, id="run_first"), RunSpec(RunState.RUNNING, id="run_last"))
    change = AddTenants((TenantSpec("app_new", None, (WorkflowSpec("wf_new", None, runs),)),))
    outcome = change.apply(store, NOW, draw())
    assert outcome.run is not None
    assert outcome.run.id == "run_last"
    assert {run.id for run in outcome.store.runs("app_new")} == {"run_first", "run_last"}
    with pytest.raises(ScenarioConflict):
        AddTenants((), replace_all=True).apply(store, NOW, draw())


def test_a_reset_gives_the_data_set_of_its_seed(store: Store) -> None:
    outcome = Reset(3).apply(store, NOW, draw())
    assert outcome.run is None
    assert outcome.store.all_runs == live_store(3, VOCABULARY).all_runs
    assert outcome.store.all_runs != store.all_runs


def test_a_refused_change_raises_its_write_error(store: Store) -> None:
    taken = in_state(store, RunState.FAILED).id
    with pytest.raises(Conflict):
        Trigger(demo_trigger(store, run_id=taken)).apply(store, NOW, draw())


# --- JSON --------------------------------------------------------------------------------------------------------
WHEN = REFERENCE_TIME - timedelta(hours=1, microseconds=5)
PERSON = User("usr_1", "Ada Lovelace", None)
DEFINITION = {"root": {"type": "manual", "children": ["ask"]}, "ask": {"type": "llm", "children": [], "prompt": "?"}}
EXAMPLES = [
    pytest.param(
        Trigger(
            TriggerRequest(
                "wf_1", "app_1", {"a": [1, {"b": None}]}, 2, "run_x", True, False, "WEBHOOK", PERSON, "step_2"
            ),
            "key-1",
        ),
        id="trigger",
    ),
    pytest.param(Trigger(TriggerRequest("wf_1", None, version="draft")), id="trigger-of-a-draft"),
    pytest.param(
        RunOnce(inline_workflow("acct_1", {"nodes": DEFINITION}), TriggerRequest("", "acct_1", {"payload": {}})),
        id="run-once",
    ),
    pytest.param(Cancel("run_1", Scope("app_1", "wf_1"), frozenset({RunState.RUNNING})), id="cancel"),
    pytest.param(Retry("run_1", Scope("app_1"), frozenset({RunState.FAILED, RunState.CANCELLED})), id="retry"),
    pytest.param(Replay("run_1", Scope(), "step_2", "key-2"), id="replay"),
    pytest.param(SetRetention("run_1", -1, preserve_on_failure=True, scope=Scope("app_1")), id="set-retention"),
    pytest.param(
        AddTenants(
            (
                TenantSpec(
                    "app_1", "Acme", (WorkflowSpec("wf_1", "Triage", (RunSpec(RunState.FAILED, "API"),), True),)
                ),
                TenantSpec(workflows=(WorkflowSpec(runs=(RunSpec(RunState.RUNNING, None, WHEN, "run_9", None),)),)),
            ),
            replace_all=True,
        ),
        id="add-tenants",
    ),
    pytest.param(Reset(7), id="reset"),
]


@pytest.mark.parametrize("change", EXAMPLES)
def test_a_change_is_plain_json_and_back(change: Change) -> None:
    document = change.to_json()
    assert json.loads(json.dumps(document)) == document  # strings, numbers, booleans, lists and objects only
    assert document["kind"] == change.kind
    assert Change.from_json(json.loads(json.dumps(document))) == change


def test_dates_are_written_in_iso_8601() -> None:
    spec = TenantSpec(workflows=(WorkflowSpec(runs=(RunSpec(RunState.RUNNING, created_at=WHEN),)),))
    document = AddTenants((spec,)).to_json()
    assert document["tenants"][0]["workflows"][0]["runs"][0]["created_at"] == "2026-11-20T10:59:59.999995Z"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        pytest.param({"kind": "delete", "run_id": "run_1"}, "the kind must be one of trigger, ", id="unknown-kind"),
        pytest.param(["cancel"], "the kind must be one of", id="not-an-object"),
        pytest.param({"kind": "cancel", "run_id": "run_1", "force": True}, "cancel: unknown field 'force'", id="field"),
        pytest.param({"kind": "cancel", "run_id": 7}, r"cancel: Expected `str`, got `int` - at `\$.run_id`", id="type"),
        pytest.param({"kind": "reset"}, "reset: Object missing required field `seed`", id="missing"),
    ],
)
def test_anything_else_is_refused_saying_what_is_wrong(document: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Change.from_json(document)
