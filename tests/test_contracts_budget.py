"""The budget of runs a run may create, and the runs the write checks' declared needs make."""

from __future__ import annotations

import pytest

from contracts.writing.budget import Need, WriteBudget, runs_needed, share_kept


def test_the_schema_phase_spends_only_what_the_write_checks_leave() -> None:
    budget = WriteBudget(limit=10, reserved=4, spent=3)

    assert (budget.left(phase=True), budget.left(phase=False)) == (3, 7)


@pytest.mark.parametrize(
    ("needs", "made"),
    [
        pytest.param([], 0, id="nothing"),
        pytest.param([Need.TRIGGERS], 1, id="a-trigger"),
        pytest.param([Need.TRIGGERS, Need.CANCELS_RUNNING], 1, id="the-triggered-run-is-cancelled"),
        pytest.param([Need.CANCELS_RUNNING], 1, id="a-cancel-with-nothing-running-triggers-one"),
        pytest.param([Need.TRIGGERS, Need.CANCELLED, Need.CANCELS_RUNNING], 2, id="cancelled-before-the-cancel"),
        pytest.param([Need.CANCELLED, Need.TRIGGERS, Need.CANCELLED, Need.CANCELS_RUNNING], 2, id="cancelled-first"),
        pytest.param([Need.TRIGGERS, Need.CANCELS_RUNNING, Need.CANCELLED, Need.CANCELLED], 1, id="one-cancelled-run"),
        pytest.param([Need.CANCELLED, Need.MAKES_RUNNING, Need.RUNNING], 2, id="a-retry-runs-for-the-next"),
        pytest.param([Need.TRIGGERS, Need.MAKES, Need.RUNNING], 2, id="an-ephemeral-run-is-not-the-running-one"),
    ],
)
def test_the_runs_made_follow_what_each_check_writes_on_in_order(needs: list[Need], made: int) -> None:
    assert runs_needed(needs) == made


def test_one_more_run_is_kept_for_a_refusal_a_faulty_server_accepts_but_none_when_no_run_is_made() -> None:
    assert (share_kept(3), share_kept(0)) == (4, 0)
