"""Two looks at one run: what its spec lets move between them, and what never may."""

from __future__ import annotations

from contracts.dialects import DIALECTS
from contracts.motion import ACTIVE, FINISHED, PENDING, changes, stage

CORTEX = DIALECTS["cortex-v1"]
PENDING_RUN = {
    "id": "run_1",
    "workflow_id": "wf_1",
    "created_at": "2024-05-01T00:00:00Z",
    "input": {"a": 1},
    "status": "PENDING",
    "started_at": None,
    "ended_at": None,
    "usage": {"total": 0},
}
RUNNING_RUN = {**PENDING_RUN, "status": "RUNNING", "started_at": "2024-05-01T00:00:05Z", "usage": {"total": 3}}
COMPLETED_RUN = {**RUNNING_RUN, "status": "COMPLETED", "ended_at": "2024-05-01T00:01:00Z", "usage": {"total": 9}}


def test_statuses_are_placed_in_the_lifecycle_and_an_unknown_one_nowhere() -> None:
    assert stage(CORTEX.timeline, "PENDING") == PENDING
    assert stage(CORTEX.timeline, "RUNNING") == ACTIVE
    assert stage(CORTEX.timeline, "SKIPPED") == FINISHED
    assert stage(DIALECTS["b3os"].timeline, "waiting") == ACTIVE
    assert stage(DIALECTS["aitasker"].timeline, "paused") is None


def test_a_run_moving_forward_through_its_lifecycle_changes_nothing_it_may_not() -> None:
    assert changes(CORTEX, PENDING_RUN, RUNNING_RUN) == []
    assert changes(CORTEX, RUNNING_RUN, COMPLETED_RUN) == []
    assert changes(CORTEX, PENDING_RUN, COMPLETED_RUN) == []


def test_a_field_kept_for_life_that_differs_is_a_change_even_while_the_run_moves() -> None:
    moved = {**COMPLETED_RUN, "created_at": "2024-05-01T01:00:00Z"}

    assert changes(CORTEX, PENDING_RUN, moved) == [
        "created_at went from '2024-05-01T00:00:00Z' to '2024-05-01T01:00:00Z', but a run keeps it for life"
    ]


def test_a_status_moving_back_is_a_change() -> None:
    assert changes(CORTEX, RUNNING_RUN, PENDING_RUN) == ["status went back from 'RUNNING' to 'PENDING'"]


def test_a_finished_run_that_moves_at_all_is_a_change() -> None:
    later = {**COMPLETED_RUN, "usage": {"total": 10}, "status": "FAILED"}

    assert changes(CORTEX, COMPLETED_RUN, later) == [
        "status went from 'COMPLETED' to 'FAILED' after the run had finished",
        "usage went from {'total': 9} to {'total': 10} after the run had finished",
    ]


def test_a_settable_field_may_change_on_a_finished_run() -> None:
    cortex_v2 = DIALECTS["cortex-v2"]
    finished = {**COMPLETED_RUN, "retention": {"max_age_in_seconds": -1}, "updated_at": "2024-05-01T00:01:00Z"}
    retained = {**finished, "retention": {"max_age_in_seconds": 60}, "updated_at": "2024-05-02T00:00:00Z"}

    assert changes(cortex_v2, finished, retained) == []
    assert changes(CORTEX, finished, {**finished, "updated_at": "2024-05-02T00:00:00Z"}) != []


def test_fields_only_one_look_shows_are_not_compared() -> None:
    assert changes(CORTEX, {**RUNNING_RUN, "extra": 1}, {**RUNNING_RUN, "detail": 2}) == []
