"""One run through get: the run the list shows, and the documented 404 for a run that does not exist."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest

from contracts.checks.base import Check
from contracts.checks.runs import get_answers_listed_run, run_outside_its_path_gets_404, unknown_run_gets_404
from contracts.outcomes import Outcome, Status
from contracts.session import Session
from contracts.target import Options, Target
from tests.recording_server import RecordingB3os
from tests.servers import serving

WORKFLOW = {"id": "wf_3kT9pQ2vX7mN"}


@contextlib.contextmanager
def session_of(url: str) -> Iterator[Session]:
    session = Session(Target("b3os", url, "b3sk_test", WORKFLOW), Options())
    try:
        yield session
    finally:
        session.close()


def judged(check: Check, url: str) -> Outcome:
    with session_of(url) as session:
        return check.run(session)


@pytest.fixture(scope="module")
def faithful() -> Iterator[str]:
    with serving(RecordingB3os(faithful=True)) as url:
        yield url


@pytest.fixture(scope="module")
def one_answer() -> Iterator[str]:
    """Answers the same run to every get, and never 404."""
    with serving(RecordingB3os()) as url:
        yield url


def test_get_answering_the_listed_run_passes(faithful: str) -> None:
    outcome = judged(get_answers_listed_run, faithful)
    assert outcome.status is Status.PASSED, outcome.findings


def test_get_answering_another_run_fails_with_a_reproduction(one_answer: str) -> None:
    outcome = judged(get_answers_listed_run, one_answer)
    assert outcome.status is Status.FAILED
    (found,) = outcome.findings
    assert "run_DG1LE5bAlGAY" in found.expected
    assert found.curl is not None
    assert "/v1/runs/run_DG1LE5bAlGAY" in found.curl
    assert "b3sk_test" not in found.curl


def test_an_unknown_run_answered_404_in_the_documented_shape_passes(faithful: str) -> None:
    assert judged(unknown_run_gets_404, faithful).status is Status.PASSED


def test_an_unknown_run_answered_200_fails(one_answer: str) -> None:
    outcome = judged(unknown_run_gets_404, one_answer)
    assert outcome.status is Status.FAILED
    assert outcome.findings[0].expected.startswith("404 in the documented shape, for a run that does not exist")


def test_a_get_path_without_tenant_or_workflow_cannot_be_asked_through_another(faithful: str) -> None:
    outcome = judged(run_outside_its_path_gets_404, faithful)
    assert not outcome.applicable
    assert "only another token" in outcome.detail


def test_a_dialect_without_a_get_is_not_applicable() -> None:
    session = Session(Target("invent", "http://127.0.0.1:9", "t", {"org_id": "org_1"}), Options())
    outcome = get_answers_listed_run.run(session)
    session.close()
    assert not outcome.applicable
