"""The session: which path it asks for, why the runs cannot be reached, and data that must hold still."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx
import pytest

from contracts.client import Exchange
from contracts.listing import Lister
from contracts.outcomes import NotExercised
from contracts.session import Session
from contracts.target import Options, Target


def session_with(
    dialect: str, answer: Any, *, token: str | None = "t", params: dict[str, str] | None = None
) -> Session:
    """A session whose requests are answered by `answer(query)` (a status and a body) instead of a server."""
    session = Session(Target(dialect, "http://127.0.0.1:9", token, params or {}), Options())

    def fetch(query: Mapping[str, str]) -> Exchange:
        status, body = answer(query)
        return Exchange("http://x", {}, status, httpx.Headers(), json.dumps(body).encode())

    session.lister = Lister(session.dialect, fetch)
    return session


def test_an_unpinned_path_parameter_takes_the_specs_first_example() -> None:
    session = Session(Target("cortex-v1", "http://x", "t", {"workflow_id": "wf_1"}), Options())

    assert session.path_params == {"app_id": "c", "workflow_id": "wf_1"}
    assert session.unpinned == ["app_id"]


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


def test_a_list_that_keeps_changing_is_not_judged() -> None:
    served: list[int] = []

    def answer(query: Mapping[str, str]) -> tuple[int, Any]:
        served.append(1)  # a new run arrives before every answer
        return 200, [{"id": f"run_{len(served)}"}]

    session = session_with("aitasker", answer)

    with pytest.raises(NotExercised, match="the list changed while it was being walked, 3 times in a row"):
        _ = session.snapshot
