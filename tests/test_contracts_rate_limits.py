"""Rate limits: a 429 asking to wait longer than --max-wait is a finding; a run never rate limited has no rule to
hold."""

from __future__ import annotations

from contracts.checks.rate_limits import retry_after_within_max_wait
from contracts.outcomes import Request, Status
from contracts.session import Session
from contracts.target import Options, Target
from contracts.waiting import Wait

REQUEST = Request("GET", "http://127.0.0.1:9/v1/workflows/wf_1/runs", {"Authorization": "Bearer b3sk_live_secret1"})


def session_that_waited(*asked: float | None) -> Session:
    session = Session(Target("b3os", "http://127.0.0.1:9", "b3sk_live_secret1", {"id": "wf_1"}), Options(max_wait=10))
    session.waiter.waits.extend(Wait(REQUEST, str(seconds), seconds, min(seconds or 1, 10)) for seconds in asked)
    return session


def test_a_run_no_request_of_which_was_rate_limited_has_nothing_for_the_rule_to_hold() -> None:
    outcome = retry_after_within_max_wait.run(session_that_waited())

    assert outcome.status is Status.NOT_EXERCISED
    assert not outcome.applicable
    assert outcome.detail == "not applicable: no request was rate limited (429)"


def test_waits_the_server_asked_within_max_wait_pass() -> None:
    outcome = retry_after_within_max_wait.run(session_that_waited(3, 10, None))

    assert outcome.status is Status.PASSED
    assert outcome.detail == "3 429 answers waited out, 14 s in all"


def test_a_longer_retry_after_is_one_finding_per_request_with_a_curl_that_hides_the_token() -> None:
    outcome = retry_after_within_max_wait.run(session_that_waited(90, 90, 5))

    assert outcome.status is Status.FAILED
    (found,) = outcome.findings
    assert found.expected == "a Retry-After of at most 10 s (--max-wait)"
    assert found.actual == "429 with Retry-After: 90 (90 s); waited 10 s and sent it again"
    assert found.curl == f'curl -sS -i -H "Authorization: Bearer $CONTRACTS_TOKEN" {REQUEST.url}'
    assert found.status == 429
