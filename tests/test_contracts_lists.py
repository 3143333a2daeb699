"""The lists a run reads: why the runs cannot be reached, and walks made between two walks of the whole list."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx
import pytest

from contracts.core.outcomes import NotExercised
from contracts.http.client import Exchange
from contracts.reading.listing import Lister
from contracts.reading.lists import Lists
from contracts.target.context import RunContext
from contracts.target.inputs import Options, Target


def session_with(dialect: str, answer: Any, *, token: str | None = "t", params: dict[str, str] | None = None) -> Lists:
    """The lists of a run whose requests are answered by `answer(query)` (a status and a body) instead of a server."""
    lists = Lists(RunContext(Target(dialect, "http://127.0.0.1:9", token, params or {}), Options()))

    def fetch(query: Mapping[str, str]) -> Exchange:
        status, body = answer(query)
        return Exchange("http://x", {}, status, httpx.Headers(), json.dumps(body).encode())

    lists.lister = Lister(lists.context.dialect, fetch)
    return lists


@pytest.mark.parametrize(
    ("status", "token", "reason"),
    [
        pytest.param(401, None, "no --token was given, so no request can reach the runs", id="no-token"),
        pytest.param(401, "t", "the server refused the token (401)", id="token-refused"),
        pytest.param(404, "t", "the path does not name a readable workflow (404); pin app_id with --param", id="404"),
        pytest.param(502, "t", "the plainest list request answered 502, not 200; pin app_id", id="other"),
    ],
)
def test_runs_that_cannot_be_reached_say_why(status: int, token: str | None, reason: str) -> None:
    session = session_with("cortex-v1", lambda query: (status, {}), token=token, params={"workflow_id": "wf_1"})

    with pytest.raises(NotExercised) as raised:
        session.reached()

    assert raised.value.reason.startswith(reason)


def test_the_snapshot_walks_the_list_with_largest_and_with_small_pages() -> None:
    runs = [{"id": f"run_{number:02}"} for number in range(48, 0, -1)]

    def answer(query: Mapping[str, str]) -> tuple[int, Any]:
        take, page = int(query.get("take", 20)), int(query.get("page", 1))
        return 200, runs[(page - 1) * take : page * take]

    snapshot = session_with("invent", answer).snapshot

    assert snapshot.small_size == 12
    assert snapshot.reference.ids == snapshot.small.ids == [run["id"] for run in runs]
    assert [len(page.runs) for page in snapshot.small.pages] == [12, 12, 12, 12, 0]


def test_a_list_that_keeps_changing_is_walked_once_between_two_walks_and_its_drift_counts_the_arrivals() -> None:
    served: list[int] = []

    def answer(query: Mapping[str, str]) -> tuple[int, Any]:
        served.append(1)  # a new run arrives before every answer
        return 200, [{"id": f"run_{number}"} for number in range(len(served), 0, -1)]

    snapshot = session_with("aitasker", answer).snapshot

    assert snapshot.reference.ids != snapshot.after.ids
    assert not snapshot.drift.still
    assert snapshot.drift.arrived == len(set(snapshot.after.ids) - set(snapshot.reference.ids))
    # Every run the first walk listed is still listed, and may have moved down by every arrival.
    assert set(snapshot.drift.ranges) == set(snapshot.reference.ids)


def finishing_one_by_one(runs: list[dict[str, Any]]) -> Any:
    """Answers a b3os list of `runs` paged and filtered, run k moving from running to success at answer 3 + 7k:
    the filter walks of every attempt see one run finish."""
    served: list[int] = []

    def answer(query: Mapping[str, str]) -> tuple[int, Any]:
        served.append(1)
        for number, run in enumerate(runs):
            run["status"] = "success" if len(served) >= 3 + 7 * number else "running"
        kept = [run for run in runs if query.get("status") in (None, run["status"])]
        offset, limit = int(query.get("offset", 0)), int(query.get("limit", 20))
        return 200, {"data": {"items": kept[offset : offset + limit]}}

    return answer


def b3os_runs(count: int) -> list[dict[str, Any]]:
    return [{"id": f"run_{number}", "status": "running"} for number in range(count)]


def test_runs_changing_status_while_the_list_is_walked_move_no_position() -> None:
    runs = b3os_runs(9)

    snapshot = session_with("b3os", finishing_one_by_one(runs), params={"id": "wf_1"}).snapshot

    assert snapshot.reference.ids == snapshot.small.ids == [run["id"] for run in runs]


def test_the_filter_walks_are_kept_when_runs_keep_changing_status_and_say_what_held_still() -> None:
    session = session_with("b3os", finishing_one_by_one(b3os_runs(9)), params={"id": "wf_1"})

    snapshot = session.filter_snapshot

    assert not snapshot.still(("status", "success"))
    assert not snapshot.still(("status", "running"))
    assert snapshot.still(("status", "failure"))
    # The fifth attempt saw run_4 finish: the runs that finished before it must be listed as successes.
    assert snapshot.wanted(("status", "success")) == ["run_0", "run_1", "run_2", "run_3"]
    assert snapshot.wanted(("status", "running")) == ["run_5", "run_6", "run_7", "run_8"]
