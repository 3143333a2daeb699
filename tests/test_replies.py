"""Replies are serialised once per distinct request and the cache stays bounded."""

from __future__ import annotations

from mock_server.dialects.base import Reply
from mock_server.web.replies import Encoded, ReplyCache


def test_a_reply_is_made_and_encoded_once_per_key() -> None:
    cache = ReplyCache()
    made: list[int] = []

    def make() -> Reply:
        made.append(1)
        return Reply(200, {"a": [1, 2]}, {"pagination-count": "2"})

    first = cache.get("k", make)
    second = cache.get("k", make)
    assert first is second
    assert made == [1]
    assert first.body == b'{"a":[1,2]}'


def test_the_oldest_entry_is_evicted_past_capacity() -> None:
    cache = ReplyCache(capacity=2)
    for key in ("a", "b", "c"):
        cache.get(key, lambda: Reply(200, []))
    assert len(cache) == 2
    rebuilt: list[str] = []
    cache.get("a", lambda: rebuilt.append("a") or Reply(200, []))  # type: ignore[func-returns-value]
    assert rebuilt == ["a"]


def test_clearing_forgets_every_reply() -> None:
    cache = ReplyCache()
    cache.get("a", lambda: Reply(200, []))
    cache.clear()
    assert len(cache) == 0


def test_an_encoded_reply_becomes_a_json_response_with_its_headers() -> None:
    response = Encoded(Reply(404, {"detail": "Workflow not found"}, {"X-Extra": "1"})).response()
    assert response.status_code == 404
    assert response.body == b'{"detail":"Workflow not found"}'
    assert response.headers["x-extra"] == "1"
    assert response.headers["content-type"] == "application/json"


def test_replies_of_another_version_of_the_data_are_dropped() -> None:
    cache = ReplyCache()
    cache.get("a", lambda: Reply(200, ["old"]), version=1)
    cache.get("b", lambda: Reply(200, ["old"]), version=1)
    fresh = cache.get("a", lambda: Reply(200, ["new"]), version=2)
    assert fresh.body == b'["new"]'
    assert len(cache) == 1
