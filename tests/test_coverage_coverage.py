"""Coverage as a value: which documented response a status counts for, the totals of what counts, and what a
`--require-coverage` finds missing (what a read-only run could not send never among it)."""

from __future__ import annotations

import pytest

from contracts.coverage.coverage import (
    Coverage,
    LinkCoverage,
    LinkKey,
    OperationCoverage,
    StatusCoverage,
    documents,
    gaps_phrase,
    requirements,
)

LIST = OperationCoverage(
    "listRuns",
    "GET",
    "/runs",
    3,
    (StatusCoverage("200", 2), StatusCoverage("400", 1), StatusCoverage("429", 0)),
    (),
    ("newest_first",),
)
GET = OperationCoverage("getRun", "GET", "/runs/{id}", 0, (StatusCoverage("200", 0),), (), ())
CANCEL = OperationCoverage(
    "cancelRun", "POST", "/runs/{id}/cancel", 0, (StatusCoverage("200", 0),), (), (), counted=False, reason="read-only"
)
TO_GET = LinkCoverage(LinkKey("listRuns", "200", "GetRun", "getRun"), 0)
TO_CANCEL = LinkCoverage(LinkKey("listRuns", "200", "CancelRun", "cancelRun"), 0, counted=False, reason="read-only")
COVERAGE = Coverage((LIST, GET, CANCEL), (TO_GET, TO_CANCEL), read_only=True)


@pytest.mark.parametrize(
    ("key", "status", "documented", "expected"),
    [
        ("200", 200, ("200", "4XX"), True),
        ("4XX", 404, ("200", "4XX"), True),
        ("4XX", 400, ("400", "4XX"), False),  # the exact code wins over its range
        ("default", 503, ("200", "default"), True),
        ("default", 404, ("4XX", "default"), False),
        ("200", 201, ("200",), False),
    ],
)
def test_a_status_counts_for_its_own_code_else_its_range_else_default(
    key: str, status: int, documented: tuple[str, ...], expected: bool
) -> None:
    assert documents(key, status, documented) is expected


def test_the_totals_count_only_what_the_run_could_send() -> None:
    assert COVERAGE.counts() == {"operations": (1, 2), "statuses": (2, 4), "links": (0, 1)}


def test_what_a_requirement_finds_missing_names_each_gap_and_never_an_uncounted_write() -> None:
    assert COVERAGE.missing(("operations",)) == ["operation getRun not exercised"]
    assert COVERAGE.missing(("statuses",)) == [
        "status 429 of listRuns never seen",
        "status 200 of getRun never seen",
    ]
    assert COVERAGE.missing(("links",)) == ["link listRuns -[200]-> getRun (GetRun) not followed"]
    assert COVERAGE.missing(()) == []


def test_a_run_that_exercised_everything_counted_misses_nothing() -> None:
    full = Coverage((LIST, CANCEL), (TO_CANCEL,))

    assert full.missing(("operations", "links")) == []


def test_requirements_are_read_from_repeated_options_and_comma_lists_in_a_fixed_order() -> None:
    assert requirements(["links", "operations,statuses"]) == ("operations", "statuses", "links")
    assert requirements(["operations", "bogus"]) == ("operations", "bogus")  # kept for the options to refuse


def test_a_long_list_of_gaps_names_the_first_few() -> None:
    assert gaps_phrase(["a", "b"]) == "a; b"
    assert gaps_phrase(["a", "b", "c", "d", "e"]) == "a; b; c; and 2 more (see Coverage)"


def test_the_json_form_says_what_counts_and_why_a_write_does_not() -> None:
    document = COVERAGE.to_json()

    assert document["read_only"] is True
    assert document["totals"]["operations"] == {"exercised": 1, "counted": 2}
    cancel = document["operations"][2]
    assert (cancel["exercised"], cancel["counted"], cancel["reason"]) == (False, False, "read-only")
    assert document["operations"][0]["statuses"] == {"200": 2, "400": 1, "429": 0}
    assert document["operations"][0]["checks"] == ["newest_first"]
    assert document["links"][0] == {
        "source": "listRuns",
        "status": "200",
        "name": "GetRun",
        "target": "getRun",
        "followed": 0,
        "counted": True,
        "reason": None,
    }
