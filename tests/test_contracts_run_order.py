"""The documented order: newest first to every digit of the timestamp, ties by id descending, nulls last."""

from __future__ import annotations

import pytest

from contracts.moments import exact, moment
from contracts.run_order import in_order, misplaced

DAY1, DAY2 = "2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z"


@pytest.mark.parametrize(
    ("newer", "older"),
    [
        pytest.param({"id": "a", "t": DAY2}, {"id": "z", "t": DAY1}, id="newer-first"),
        pytest.param({"id": "b", "t": DAY1}, {"id": "a", "t": DAY1}, id="tie-id-desc"),
        pytest.param({"id": "b", "t": DAY1}, {"id": "B", "t": DAY1}, id="tie-case"),
        pytest.param({"id": "run_b", "t": DAY1}, {"id": "run_C", "t": DAY1}, id="collation"),
        pytest.param(
            {"id": "a", "t": "2024-05-01T02:00:00+02:00"}, {"id": "b", "t": "2024-04-30T23:00:00Z"}, id="offsets"
        ),
        pytest.param({"id": "a", "t": DAY1}, {"id": "b", "t": None}, id="null-sorts-last"),
        pytest.param(
            {"id": "a", "t": "2024-05-01T00:00:00.000000002Z"},
            {"id": "b", "t": "2024-05-01T00:00:00.000000001Z"},
            id="nanoseconds",
        ),
        pytest.param({"id": "a", "t": "2024-05-01t00:00:01z"}, {"id": "b", "t": DAY1}, id="lower-case"),
    ],
)
def test_runs_in_the_documented_order_may_be_listed_so(newer: dict[str, object], older: dict[str, object]) -> None:
    assert in_order(newer, older, "t") is True


@pytest.mark.parametrize(
    ("newer", "older"),
    [
        pytest.param({"id": "z", "t": DAY1}, {"id": "a", "t": DAY2}, id="older-first"),
        pytest.param({"id": "a", "t": DAY1}, {"id": "b", "t": DAY1}, id="tie-id-asc"),
        pytest.param({"id": "a", "t": None}, {"id": "b", "t": DAY1}, id="null-first"),
    ],
)
def test_runs_out_of_the_documented_order_are_caught(newer: dict[str, object], older: dict[str, object]) -> None:
    assert in_order(newer, older, "t") is False


def test_an_unreadable_timestamp_is_left_to_the_schema_checks() -> None:
    assert in_order({"id": "a", "t": "yesterday"}, {"id": "b", "t": DAY1}, "t") is None


def test_a_finding_of_two_runs_of_the_same_instant_says_they_tie() -> None:
    tied = misplaced({"id": "a", "t": "2024-05-01T02:00:00+02:00"}, {"id": "b", "t": DAY1}, "t")

    assert tied == f"run a comes before run b, both of t {DAY1}: runs of the same instant go by id descending"
    assert misplaced({"id": "b", "t": DAY1}, {"id": "a", "t": DAY1}, "t") is None


def test_timestamps_are_read_to_every_digit_and_in_either_case() -> None:
    later, earlier = exact("2024-05-01T00:00:00.1234567891Z"), exact("2024-05-01T00:00:00.123456789Z")
    assert later is not None
    assert earlier is not None
    assert later > earlier
    assert exact("2024-05-01t02:00:00+02:00") == exact(DAY1)
    assert moment("2024-05-01T00:00:00.123456789Z") == moment("2024-05-01T00:00:00.123456Z")
    assert exact("yesterday") is None
