"""The memory bench's requests: distinct across the paged dialects, taking turns, each sent as often as asked in a
row, each answered 200."""

from __future__ import annotations

import itertools

from starlette.testclient import TestClient

from bench import memory, queries
from mock_server.app import Settings, create_app


def test_the_queries_are_distinct_take_turns_between_dialects_and_are_all_answered_200() -> None:
    with TestClient(create_app(Settings())) as client:
        fixtures = client.get("/__mock__/fixtures").json()
        paged = {name: f for name, f in fixtures.items() if queries.read_operations(name)[0].query_parameters}
        pairs = list(itertools.islice(memory.distinct_paths(paged), 400))
        assert len({path for path, _ in pairs}) == len(pairs)
        assert [path.split("/")[1] for path, _ in pairs[: len(paged)]] == list(paged)
        for path, token in pairs[::7]:
            assert client.get(path, headers={"Authorization": f"Bearer {token}"}).status_code == 200, path


def test_each_query_is_sent_the_times_asked_in_a_row_and_never_again() -> None:
    fixtures: dict[str, dict[str, object]] = {"b3os": {"token": "t", "params": {"id": "wf"}}}
    pairs = list(itertools.islice(memory.distinct_paths(fixtures, times=2), 40))
    assert pairs[0::2] == pairs[1::2]
    assert len({path for path, _ in pairs}) == 20
