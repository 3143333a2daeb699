"""What traffic shows of one run across exchanges, judged on hand-made readings: a replay of a run not finished,
a trigger through owners its run does not have, and a get against the list asked with the same flags or not."""

from __future__ import annotations

from typing import Any

from contracts.dialects import DIALECTS
from contracts.proxy.runs import Runs, Written

PATH = {"app_id": "app_1", "workflow_id": "wf_1"}
VERBOSE = (("verbose", "all"),)


def cortex() -> Runs:
    return Runs(DIALECTS["cortex-v1"], ("app_id", "workflow_id"))


def run(status: str = "PENDING", **fields: Any) -> dict[str, Any]:
    return {
        "id": "run_1",
        "status": status,
        "created_at": "2026-11-20T12:00:00.000Z",
        "workflow_app_id": "app_1",
        "workflow_id": "wf_1",
        "workflow_version": None,
        **fields,
    }


def replay(runs: Runs) -> list[str]:
    write = Written("replayWorkflowRun", {**PATH, "run_id": "run_1"}, {}, run(id="run_2"))
    return [problem.rule for problem in runs.written(write)]


def test_a_replay_answered_2xx_of_a_run_read_pending_before_and_after_breaks_unfinished_run_refused() -> None:
    runs = cortex()
    runs.got(run(), ())

    assert replay(runs) == []
    assert [problem.rule for problem in runs.got(run("RUNNING"), ())] == ["unfinished_run_refused"]


def test_a_replay_of_a_run_that_reads_finished_after_it_is_not_judged_unfinished() -> None:
    runs = cortex()
    runs.got(run(), ())

    assert replay(runs) == []
    assert runs.got(run("COMPLETED", ended_at="2026-11-20T12:01:00.000Z"), ()) == []


def test_a_run_triggered_through_a_made_up_app_that_reads_in_the_real_app_breaks_trigger_outside_path() -> None:
    runs = cortex()
    through = {**PATH, "app_id": "app_2"}

    found = runs.written(Written("runWorkflow", through, {}, run()))

    assert [problem.rule for problem in found] == ["trigger_outside_path_gets_404"]
    assert "workflow_app_id 'app_1'" in found[0].actual


def test_a_run_triggered_through_its_own_path_breaks_nothing_when_listed_there() -> None:
    runs = cortex()
    assert runs.written(Written("runWorkflow", PATH, {}, run())) == []
    assert runs.listed(PATH, [run()], first_unfiltered=True, flags=()) == []


def test_a_get_asked_with_the_lists_flags_is_held_to_what_cannot_change() -> None:
    runs = cortex()
    runs.listed(PATH, [run(workflow_version={"id": "v1"})], first_unfiltered=True, flags=VERBOSE)

    found = runs.got(run(), VERBOSE)

    assert [problem.rule for problem in found] == ["get_answers_listed_run"]
    assert "workflow_version" in found[0].actual


def test_a_get_asked_with_other_flags_than_the_list_is_compared_only_on_what_no_flag_shapes() -> None:
    runs = cortex()
    runs.listed(PATH, [run(workflow_version={"id": "v1"})], first_unfiltered=True, flags=VERBOSE)

    assert runs.got(run(), ()) == []
    assert [problem.rule for problem in runs.got(run(created_at="2026-11-20T11:00:00.000Z"), ())] == [
        "get_answers_listed_run"
    ]
