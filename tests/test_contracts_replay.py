"""A failing read-only request is sent once more: a failure that did not come again may be intermittent."""

from __future__ import annotations

import json
from typing import Any

from contracts import Options, Status, Target, run_contract
from contracts.client import Client
from contracts.outcomes import Finding, Outcome, Request, Rule
from contracts.replay import replayed
from contracts.report import render_failure
from mock_server import Settings, create_app
from tests.recording_server import RecordingB3os
from tests.servers import serving

RULE = Rule("some_rule", "group", "a statement")


class EmptyOnce:
    """The mock, but the first request for another workflow than the demo's answers an empty list, not 404."""

    def __init__(self, app: Any, workflow: str) -> None:
        self.app = app
        self.workflow = workflow
        self.fooled = False

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or self.fooled or not path.endswith("/runs") or self.workflow in path:
            await self.app(scope, receive, send)
            return
        self.fooled = True
        body = json.dumps({"code": 0, "message": "success", "requestId": "r", "data": {"items": []}}).encode()
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": body})


def test_a_failure_that_does_not_come_again_is_reported_as_maybe_intermittent(fixtures: dict[str, Any]) -> None:
    fixture = fixtures["b3os"]
    app = EmptyOnce(create_app(Settings(dialects=("b3os",), seed=0, clock_speed=0)), fixture["params"]["id"])
    with serving(app) as url:
        report = run_contract(
            Target("b3os", url, fixture["token"], fixture["params"]), Options(only=["unknown_workflow_gets_404"])
        )

    (failure,) = report.failures
    (found,) = failure.findings
    assert (found.status, found.replayed) == (200, 404)
    assert "(it answered 200; sent once more, it answered 404: the failure may be intermittent)" in render_failure(
        failure
    )


def failed(*findings: Finding) -> Outcome:
    return Outcome(RULE, Status.FAILED, "found", findings)


def test_only_read_only_requests_are_sent_again_once_each() -> None:
    server = RecordingB3os()
    with serving(server) as url:
        listed = Request("GET", f"{url}/v1/workflows/wf_1/runs", {"Authorization": "Bearer t"})
        write = Request("POST", f"{url}/v1/workflows/wf_1/run", {"Authorization": "Bearer t"}, b"{}")
        client = Client(url, "/v1/workflows/{id}/runs")
        outcomes = replayed(
            [failed(Finding("e", "a", "curl", 500, listed), Finding("e", "b", "curl", 500, listed))], client
        )
        writes = replayed([failed(Finding("e", "a", "curl", 500, write))], client)
        client.close()

    assert [item.replayed for item in outcomes[0].findings] == [200, 200]
    assert writes[0].findings[0].replayed is None
    assert server.paths == ["GET /v1/workflows/wf_1/runs"]


def test_a_finding_answered_the_same_again_says_so() -> None:
    item = Finding("404", "200 application/json []", "curl -sS -i http://x", 200, replayed=200)

    assert "(it answered 200, and 200 again when sent once more)" in render_failure(failed(item))
