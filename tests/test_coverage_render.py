"""Coverage as people read it: the console table names each operation with its state, the statuses seen and never
seen and the checks that judged it, and each link with whether it was followed; Markdown holds the same in tables."""

from __future__ import annotations

from contracts.coverage.coverage import Coverage, LinkCoverage, LinkKey, OperationCoverage, StatusCoverage
from contracts.coverage.render import headline, markdown_lines, table_lines

LIST = OperationCoverage(
    "listRuns",
    "GET",
    "/runs",
    3,
    (StatusCoverage("200", 2), StatusCoverage("429", 0)),
    (418,),
    ("newest_first", "not_a_server_error"),
)
CANCEL = OperationCoverage(
    "cancelRun", "POST", "/runs/{id}/cancel", 0, (StatusCoverage("200", 0),), (), (), False, "not exercised: read-only"
)
LINKS = (
    LinkCoverage(LinkKey("listRuns", "200", "GetRun", "getRun"), 4),
    LinkCoverage(LinkKey("listRuns", "200", "CancelRun", "cancelRun"), 0, False, "not followed: read-only"),
)
COVERAGE = Coverage((LIST, CANCEL), LINKS, read_only=True)


def test_the_headline_counts_what_counts_and_says_a_read_only_run_counts_safe_operations_only() -> None:
    assert headline(COVERAGE) == (
        "1 of 1 operation exercised, 1 of 2 documented statuses seen, 1 of 1 link followed "
        "(read-only: only safe operations count)"
    )
    assert "read-only" not in headline(Coverage((LIST,), (), read_only=False))


def test_the_table_shows_each_operation_its_statuses_and_checks_and_each_link() -> None:
    lines = list(table_lines(COVERAGE))

    assert lines[0].startswith("Coverage: 1 of 1 operation exercised")
    assert "  listRuns (GET /runs): exercised (3 requests)" in lines
    assert "      statuses seen: 200 x2; undocumented 418; never seen: 429" in lines
    assert "      judged by: newest_first, not_a_server_error" in lines
    assert "  cancelRun (POST /runs/{id}/cancel): not exercised: read-only" in lines
    assert "    listRuns -[200]-> getRun (GetRun): followed x4" in lines
    assert "    listRuns -[200]-> cancelRun (CancelRun): not followed: read-only" in lines


def test_markdown_holds_a_row_per_operation_and_per_link() -> None:
    lines = list(markdown_lines(COVERAGE))

    assert (
        "| `listRuns` | `GET /runs` | exercised (3) | 200 x2; undocumented 418 | 429 | "
        "newest_first, not_a_server_error |" in lines
    )
    assert any(line.startswith("| `cancelRun` |") and "read-only" in line for line in lines)
    assert "| `listRuns -[200]-> getRun (GetRun)` | followed x4 |" in lines
