"""The schema phase's requests wait out a 429 through the run's waiter: said, capped, recorded, sent again."""

from __future__ import annotations

from typing import Any

from contracts.schema_phase import run_schema_phase
from contracts.spec import load_operation
from contracts.target import Options, Target
from contracts.waiting import Waiter
from mock_server import Settings, create_app
from tests.servers import serving
from tests.test_contracts_waiting import recorded_in
from tests.throttling import Throttling, from_schemathesis
from workflow_runs_specs import spec_path


def test_a_rate_limited_request_of_the_schema_phase_is_waited_out_as_the_waiter_says_and_sent_again(
    fixtures: dict[str, Any],
) -> None:
    app = create_app(Settings(dialects=("b3os",), seed=0, clock_speed=0))
    # Its list requests: Schemathesis' probes of the server before the phases do not go through the schema.
    throttled = Throttling(app, "90", lambda scope: from_schemathesis(scope) and scope["path"].endswith("/runs"), 2)
    notes: list[str] = []
    paused: list[float] = []
    waiter = Waiter(5, notes.append, pause=recorded_in(paused))
    document = load_operation(spec_path("b3os")).document
    with serving(throttled) as url:
        target = Target("b3os", url, fixtures["b3os"]["token"], fixtures["b3os"]["params"])
        result = run_schema_phase(document, target, Options(max_examples=3), waiter)

    assert throttled.throttled == 2
    assert paused == [5.0, 5.0]
    assert [(wait.asked, wait.waited, wait.request.method) for wait in waiter.waits] == [(90.0, 5.0, "GET")] * 2
    waits = [note for note in notes if note.startswith("rate limited")]
    assert len(waits) == 2
    assert waits[0].startswith("rate limited (429, Retry-After: 90, capped by --max-wait 5 s): waiting 5 s before ")
    assert result.requests > 0
    # Each rate-limited request was sent again and judged on the answer that came then, not on its 429.
    assert all(not tally.findings for tally in result.tallies.values())
