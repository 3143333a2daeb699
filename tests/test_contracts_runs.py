"""One run through get: the run the list shows, a moving one judged on what cannot move, and the documented 404
for a run that does not exist."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import Any

import pytest

from contracts.checks.base import Check
from contracts.checks.runs import (
    disagreements,
    get_answers_listed_run,
    run_outside_its_path_gets_404,
    unknown_run_gets_404,
)
from contracts.dialects import DIALECTS
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


class Advancing:
    """A b3os server whose one run advances at every request (running, then success with its end and compute
    units), list and get alike, so list, get and list never show it the same; `fault` changes the get's run."""

    def __init__(self, fault: dict[str, object] | None = None) -> None:
        self.requests = 0
        self.fault = fault or {}

    def run(self) -> dict[str, object]:
        finished = self.requests > 1
        return {
            "id": "run_DG1LE5bAlGAY",
            "workflowId": WORKFLOW["id"],
            "workflowVersion": 3,
            "startedAt": "2025-03-14T08:15:00Z",
            "status": "success" if finished else "running",
            "finishedAt": "2025-03-14T08:16:00Z" if finished else None,
            "totalCu": min(self.requests, 2) * 1.5,
            "triggerSource": "manual",
        }

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        self.requests += 1
        if scope["path"].startswith("/v1/runs/"):
            body: object = {"code": 0, "message": "success", "requestId": "r", "data": {**self.run(), **self.fault}}
        else:
            page = {"items": [self.run()], "hasMore": False, "limit": 20, "offset": 0}
            body = {"code": 0, "message": "success", "requestId": "r", "data": page}
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": json.dumps(body).encode()})


def test_a_run_that_moves_between_list_and_get_is_judged_on_what_cannot_move() -> None:
    with serving(Advancing()) as url:
        outcome = judged(get_answers_listed_run, url)

    assert outcome.status is Status.PASSED, outcome


@pytest.mark.parametrize(
    ("fault", "what"),
    [
        pytest.param(
            {"workflowVersion": 4}, "workflowVersion went from 3 to 4, but a run keeps it for life", id="kept"
        ),
        pytest.param({"status": "failure"}, "status went from 'failure' to 'success' after the run had", id="finished"),
    ],
)
def test_a_get_that_differs_in_what_cannot_move_fails_even_while_the_run_moves(
    fault: dict[str, object], what: str
) -> None:
    with serving(Advancing(fault)) as url:
        outcome = judged(get_answers_listed_run, url)

    assert outcome.status is Status.FAILED
    assert what in outcome.findings[0].actual


def test_a_run_the_same_before_and_after_the_get_is_held_to_it_field_for_field() -> None:
    listed = {"id": "run_1", "status": "running", "totalCu": 1.5}

    assert disagreements(DIALECTS["b3os"], listed, {**listed, "totalCu": 2.0}, listed) == [
        "totalCu is 2.0 in the get, 1.5 in the list"
    ]
    assert disagreements(DIALECTS["b3os"], listed, {**listed, "totalCu": 2.0}, {**listed, "totalCu": 3.0}) == []
    assert disagreements(DIALECTS["b3os"], listed, {"id": "run_1", "status": "running"}, listed) == [
        "totalCu is in the list but not in the get"
    ]
