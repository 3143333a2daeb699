"""The rules one answer is judged by alone: each holds on a good answer and names what is wrong in a bad one."""

from __future__ import annotations

from typing import Any

import pytest

from contracts.dialects import DIALECTS
from contracts.response_rules import RULES, Answer, Facts, Judged

DAY1, DAY2, DAY3 = "2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z", "2024-05-03T00:00:00Z"
B3OS = Judged(DIALECTS["b3os"], Facts(default_size=20, largest_size=100, default_position=0))
CORTEX = Judged(
    DIALECTS["cortex-v1"],
    Facts(default_size=10, largest_size=50, default_position=1, filter_values={"status": ("RUNNING", "FAILED")}),
)
AITASKER = Judged(DIALECTS["aitasker"], Facts())


def b3os_run(identifier: str, started: str, status: str = "success", finished: str | None = DAY3) -> dict[str, Any]:
    return {"id": identifier, "workflowId": "wf_1", "status": status, "startedAt": started, "finishedAt": finished}


def b3os_list(runs: list[dict[str, Any]], **page: Any) -> dict[str, Any]:
    return {"code": 0, "data": {"items": runs, "limit": 20, "offset": 0, "hasMore": False, **page}}


def cortex_run(identifier: str, created: str, status: str = "COMPLETED") -> dict[str, Any]:
    ended = DAY3 if status == "COMPLETED" else None
    return {
        "id": identifier,
        "workflow_id": "wf_1",
        "workflow_app_id": "app_1",
        "status": status,
        "created_at": created,
        "started_at": created,
        "ended_at": ended,
    }


def listed(body: Any, query: dict[str, str] | None = None, headers: dict[str, str] | None = None) -> Answer:
    return Answer(
        "list", {"id": "wf_1", "app_id": "app_1", "workflow_id": "wf_1"}, query or {}, 200, headers or {}, body
    )


def problems(name: str, judged: Judged, answer: Answer) -> list[str]:
    return RULES[name](judged, answer)


def test_a_well_formed_page_breaks_no_rule() -> None:
    answer = listed(b3os_list([b3os_run("r2", DAY2), b3os_run("r1", DAY1)]))

    assert {name: problems(name, B3OS, answer) for name in RULES} == {name: [] for name in RULES}


def test_a_page_out_of_order_is_named_by_its_pair() -> None:
    answer = listed(b3os_list([b3os_run("r1", DAY1), b3os_run("r2", DAY2)]))

    assert problems("newest_first", B3OS, answer) == [
        f"run r1 (startedAt {DAY1}) comes before run r2 (startedAt {DAY2}), which is newer"
    ]


def test_runs_of_the_same_instant_out_of_order_are_named_as_a_tie_broken_against_the_ids() -> None:
    answer = listed(b3os_list([b3os_run("r1", DAY1), b3os_run("r2", DAY1)]))

    assert problems("newest_first", B3OS, answer) == [
        f"run r1 comes before run r2, both of startedAt {DAY1}: runs of the same instant go by id descending"
    ]


def test_a_run_of_another_workflow_breaks_ownership() -> None:
    stray = {**b3os_run("r1", DAY1), "workflowId": "wf_2"}

    assert problems("runs_belong_to_path", B3OS, listed(b3os_list([stray]))) == [
        "run r1 has workflowId 'wf_2', not 'wf_1'"
    ]


def test_a_page_larger_than_asked_breaks_the_page_size_and_an_invalid_size_is_not_judged() -> None:
    runs = [b3os_run(f"r{index}", DAY1) for index in range(3, 0, -1)]

    assert problems("page_size_respected", B3OS, listed(b3os_list(runs), {"limit": "2"})) == [
        "3 runs, more than limit=2"
    ]
    assert problems("page_size_respected", B3OS, listed(b3os_list(runs), {"limit": "0"})) == []


def test_echoes_and_has_more_must_agree_with_the_query() -> None:
    body = b3os_list([b3os_run("r1", DAY1)], limit=20, offset=0, hasMore=True)

    assert problems("paging_metadata_truthful", B3OS, listed(body, {"limit": "5", "offset": "3"})) == [
        "data.limit is 20 for 5 asked",
        "data.offset is 0 for 3 asked",
        "data.hasMore is True for False asked",
    ]


def test_pagination_headers_must_agree_with_the_query_and_the_runs_shown() -> None:
    runs = [cortex_run("r2", DAY2), cortex_run("r1", DAY1)]
    headers = {"pagination-page": "1", "pagination-take": "10", "pagination-count": "9"}

    found = problems("paging_metadata_truthful", CORTEX, listed(runs, {"page": "2", "take": "5"}, headers))

    assert found == [
        "pagination-page is '1' for 2 asked",
        "pagination-take is '10' for 5 asked",
        "pagination-count is 9, but this short page ends at run 7",
    ]


def test_a_filter_that_lets_another_status_through_is_caught_and_all_is_no_filter() -> None:
    runs = [cortex_run("r2", DAY2, "RUNNING"), cortex_run("r1", DAY1, "COMPLETED")]

    assert problems("filters_select_matching_runs", CORTEX, listed(runs, {"status": "RUNNING"})) == [
        "status=RUNNING lists run r1 whose status is 'COMPLETED'"
    ]
    assert problems("filters_select_matching_runs", CORTEX, listed(runs, {"status": "ALL"})) == []


@pytest.mark.parametrize(
    ("rule", "run", "expected"),
    [
        ("ends_not_before_start", b3os_run("r1", DAY2, finished=DAY1), f"run r1 (success) has finishedAt '{DAY1}', "),
        ("finished_runs_have_end", b3os_run("r1", DAY1, finished=None), "run r1 (success) has finishedAt None"),
        ("unfinished_runs_have_no_end", b3os_run("r1", DAY1, "running"), f"run r1 (running) has finishedAt '{DAY3}'"),
    ],
)
def test_timeline_rules_name_the_run_that_breaks_them(rule: str, run: dict[str, Any], expected: str) -> None:
    (found,) = problems(rule, B3OS, listed(b3os_list([run])))

    assert found.startswith(expected)


def test_the_get_answer_is_judged_on_its_one_run() -> None:
    run = {**b3os_run("r1", DAY1, finished=None), "workflowId": "wf_2"}
    answer = Answer("get", {"id": "r1"}, {}, 200, {}, {"code": 0, "data": run})

    assert problems("finished_runs_have_end", B3OS, answer) == ["run r1 (success) has finishedAt None"]
    # b3os' get path names no workflow, so ownership has nothing to compare with.
    assert problems("runs_belong_to_path", B3OS, answer) == []


def test_node_runs_pointing_elsewhere_are_caught() -> None:
    run = {
        "id": "r1",
        "workflow_id": "wf_1",
        "status": "completed",
        "created_at": DAY1,
        "node_runs": [{"id": "n1", "workflow_run_id": "r9", "status": "completed"}],
    }

    assert problems("node_runs_point_at_run", AITASKER, listed([run])) == [
        "node run n1 of run r1 has workflow_run_id 'r9'"
    ]


def test_an_error_answer_is_left_to_the_schema_checks() -> None:
    answer = Answer("list", {"id": "wf_1"}, {"limit": "1"}, 400, {}, {"code": 400})

    assert all(not problems(name, B3OS, answer) for name in RULES)
