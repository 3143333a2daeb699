"""The data's records: runs and workflows key memories by their value, hashing a few fields of theirs."""

from __future__ import annotations

from dataclasses import replace

from mock_server.data.generate import generate_store
from mock_server.dialects import DIALECTS

STORE = generate_store(0, DIALECTS["b3os"]().vocabulary)


def test_an_equal_run_finds_what_was_kept_for_another_object_of_its_value() -> None:
    run = STORE.all_runs[0]
    kept = {run: "rendered"}
    assert replace(run) is not run
    assert kept.get(replace(run)) == "rendered"
    assert hash(replace(run)) == hash(run)


def test_a_run_of_another_value_finds_nothing_even_with_the_same_id_and_update_time() -> None:
    run = STORE.all_runs[0]
    kept = {run: "rendered"}
    assert kept.get(replace(run, input={"other": True})) is None
    assert kept.get(replace(run, state=next(iter(set(type(run.state)) - {run.state})))) is None


def test_a_workflow_keys_by_its_value_too() -> None:
    workflow = STORE.workflows[0]
    kept = {workflow: "rendered"}
    assert kept.get(replace(workflow)) == "rendered"
    assert kept.get(replace(workflow, archived=not workflow.archived)) is None
    assert kept.get(STORE.workflows[1]) is None
