"""What the schema phase exercised: each answered case counted for its operation and status with the checks that
judged it, and each stateful step that applied a link's values counted as that link followed; the links are named
by operation ids whatever the base path."""

from __future__ import annotations

from typing import Any

from contracts.coverage.coverage import LinkKey
from contracts.coverage.record import Exercised
from contracts.http.waiting import Waiter
from contracts.schema.phase import run_schema_phase
from contracts.spec.document import load_operation
from contracts.target.inputs import Options, Target
from workflow_runs_specs import spec_path


def test_a_read_only_phase_counts_its_answers_checks_and_the_list_to_get_link(
    mock_url: str, fixtures: dict[str, Any]
) -> None:
    fixture = fixtures["b3os"]
    target = Target("b3os", f"{mock_url}/b3os", fixture["token"], fixture["params"])
    operation = load_operation(spec_path("b3os"))
    exercised = Exercised(operation.found.spec, "/b3os")

    result = run_schema_phase(operation.document, target, Options(max_examples=5), Waiter(), exercised=exercised)

    coverage = exercised.coverage(writes_allowed=False)
    operations = {entry.operation_id: entry for entry in coverage.operations}
    # The probes for undocumented methods (OPTIONS, TRACE) are no operation's.
    assert 0 < sum(entry.requests for entry in operations.values()) < result.requests
    listing = operations["listWorkflowRuns"]
    assert {status.status: status.seen > 0 for status in listing.statuses}["200"]
    assert {"not_a_server_error", "response_schema_conformance"} <= set(listing.checks)
    assert operations["getRun"].exercised
    assert all(entry.requests == 0 for entry in operations.values() if entry.method != "GET")
    followed = {entry.link: entry.followed for entry in coverage.links}
    assert followed[LinkKey("listWorkflowRuns", "200", "GetRun", "getRun")] > 0
