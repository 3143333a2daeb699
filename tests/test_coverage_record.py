"""The record of what a run exercised: exchanges matched to the spec's operations under the base path, statuses
counted against what each operation documents, the checks noted, links followed; writes and the links to them not
counted in a read-only run, and links from a read to a write never (they name runs the suite does not write on)."""

from __future__ import annotations

from contracts.coverage.coverage import LinkKey
from contracts.coverage.record import Exercised, links_of
from workflow_runs_specs.reader import Spec

B3OS = Spec.of_dialect("b3os")
LIST = "listWorkflowRuns"
TO_GET = LinkKey(LIST, "200", "GetRun", "getRun")


def test_an_exchange_counts_for_the_operation_it_matches_under_the_base_path() -> None:
    exercised = Exercised(B3OS, "/b3os/")

    assert exercised.exchange("GET", "/b3os/v1/workflows/wf_1/runs", 200) == LIST
    assert exercised.exchange("GET", "/b3os/v1/runs/run_%2F1", 404) == "getRun"
    assert exercised.exchange("GET", "/b3os/v2/nothing", 404) is None
    assert exercised.exchange("DELETE", "/b3os/v1/runs/run_1", 405) is None
    assert exercised.exchange("GET", "/elsewhere/v1/runs/run_1", 200) is None

    operations = exercised.coverage(writes_allowed=False).operations
    listing = next(entry for entry in operations if entry.operation_id == LIST)
    assert listing.requests == 1
    assert {status.status: status.seen for status in listing.statuses}["200"] == 1
    assert sum(entry.requests for entry in operations) == 2


def test_a_status_the_operation_does_not_document_is_kept_apart() -> None:
    exercised = Exercised(B3OS)

    exercised.exchange("GET", "/v1/runs/run_1", 418)

    get = next(entry for entry in exercised.coverage(False).operations if entry.operation_id == "getRun")
    assert get.undocumented == (418,)
    assert all(status.seen == 0 for status in get.statuses)


def test_the_check_judging_is_noted_against_the_operations_its_requests_reach() -> None:
    exercised = Exercised(B3OS)
    exercised.judging = "newest_first"
    exercised.exchange("GET", "/v1/workflows/wf_1/runs", 200)
    exercised.judging = None
    exercised.exchange("GET", "/v1/workflows/wf_1/runs", 200)
    exercised.exchange("GET", "/v1/runs/run_1", 200, ("not_a_server_error", "response_schema_conformance"))

    operations = {entry.operation_id: entry for entry in exercised.coverage(False).operations}
    assert operations[LIST].checks == ("newest_first",)
    assert operations["getRun"].checks == ("not_a_server_error", "response_schema_conformance")


def test_a_read_only_run_counts_no_write_nor_a_link_to_or_from_one() -> None:
    exercised = Exercised(B3OS)
    exercised.exchange("GET", "/v1/workflows/wf_1/runs", 200)
    exercised.follow(TO_GET)

    coverage = exercised.coverage(writes_allowed=False)

    writes = [entry for entry in coverage.operations if entry.method != "GET"]
    assert writes
    assert all(not entry.counted and "read-only" in entry.reason for entry in writes)
    links = {entry.link: entry for entry in coverage.links}
    assert links[TO_GET].counted
    assert links[TO_GET].followed == 1
    assert not links[LinkKey("runWorkflow", "200", "GetRun", "getRun")].counted
    assert coverage.missing(("operations", "links")) == ["operation getRun not exercised"]


def test_with_writes_the_writes_count_but_a_link_from_a_read_to_a_write_does_not() -> None:
    coverage = Exercised(B3OS).coverage(writes_allowed=True)

    assert all(entry.counted for entry in coverage.operations)
    links = {entry.link: entry for entry in coverage.links}
    assert links[LinkKey("runWorkflow", "200", "GetRun", "getRun")].counted
    cancel_listed = links[LinkKey(LIST, "200", "CancelRun", "cancelRun")]
    assert not cancel_listed.counted
    assert "runs it created" in cancel_listed.reason


def test_the_links_are_every_link_of_every_answer_with_their_refs_followed() -> None:
    links = links_of(B3OS)

    assert TO_GET in links
    assert LinkKey("retryRun", "200", "GetSourceRun", "getRun") in links
    assert len(links) == len(set(links))


def test_traffic_that_shows_no_link_reports_none() -> None:
    assert Exercised(B3OS).coverage(writes_allowed=True, links_seen=False).links == ()
