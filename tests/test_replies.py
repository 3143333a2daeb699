"""Replies are serialised as the bytes orjson and Starlette would send, once per distinct request from its second
time on, and the cache stays bounded."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable
from typing import Any

import orjson
import pytest
from starlette.responses import Response

from mock_server.data.view import Selection
from mock_server.dialects.base import Reply
from mock_server.dialects.rendering import Page, encoded_items
from mock_server.web.replies import Encoded, ReplyCache, encode


def sent(answer: Any) -> list[dict[str, Any]]:
    """The ASGI messages `answer` sends."""
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    asyncio.run(answer({"type": "http", "method": "GET"}, receive, send))
    return messages


def asked_twice(cache: ReplyCache, key: Hashable, make: Callable[[], Reply], version: Hashable = None) -> Encoded:
    """The reply `cache` gives `key` the second time it is asked for, when it is kept."""
    cache.get(key, make, version)
    return cache.get(key, make, version)


def test_a_reply_asked_for_once_is_made_and_not_kept() -> None:
    cache = ReplyCache()
    encoded = cache.get("k", lambda: Reply(200, {"a": [1, 2]}))
    assert encoded.body == b'{"a":[1,2]}'
    assert (len(cache), cache.held) == (0, 0)


def test_a_reply_asked_for_again_is_made_once_more_kept_and_then_never_made_again() -> None:
    cache = ReplyCache()
    made: list[int] = []

    def make() -> Reply:
        made.append(1)
        return Reply(200, {"a": [1, 2]}, {"pagination-count": "2"})

    first, second, third, fourth = (cache.get("k", make) for _ in range(4))
    assert first is not second
    assert second is third is fourth
    assert made == [1, 1]
    assert second.body == b'{"a":[1,2]}'


def test_a_key_asked_for_again_only_after_as_many_others_as_the_cache_holds_is_not_kept() -> None:
    cache = ReplyCache(capacity=2)
    for key in ("a", "b", "c", "a"):
        cache.get(key, lambda: Reply(200, []))
    assert len(cache) == 0


def test_the_oldest_entry_is_evicted_past_capacity() -> None:
    cache = ReplyCache(capacity=2)
    for key in ("a", "b", "c"):
        asked_twice(cache, key, lambda: Reply(200, []))
    assert len(cache) == 2
    rebuilt: list[str] = []
    cache.get("a", lambda: rebuilt.append("a") or Reply(200, []))  # type: ignore[func-returns-value]
    assert rebuilt == ["a"]


def test_the_oldest_entries_are_evicted_past_the_bytes_allowed_but_the_newest_is_kept_whatever_its_size() -> None:
    cache = ReplyCache(size=25)
    for key in ("a", "b", "c"):
        asked_twice(cache, key, lambda: Reply(200, ["x" * 6]))  # 10 bytes each
    assert (len(cache), cache.held) == (2, 20)
    made: list[str] = []
    cache.get("b", lambda: made.append("b") or Reply(200, []))  # type: ignore[func-returns-value]
    assert made == []
    asked_twice(cache, "big", lambda: Reply(200, ["x" * 100]))
    assert (len(cache), cache.held) == (1, 104)


def test_clearing_forgets_every_reply() -> None:
    cache = ReplyCache()
    asked_twice(cache, "a", lambda: Reply(200, []))
    cache.clear()
    assert (len(cache), cache.held) == (0, 0)


def test_an_encoded_reply_sends_a_json_response_with_its_headers() -> None:
    start, body = sent(Encoded(Reply(404, {"detail": "Workflow not found"}, {"X-Extra": "1"})))
    assert start["status"] == 404
    assert body["body"] == b'{"detail":"Workflow not found"}'
    assert dict(start["headers"])[b"x-extra"] == b"1"
    assert dict(start["headers"])[b"content-type"] == b"application/json"


@pytest.mark.parametrize(
    ("status", "headers"),
    [
        (200, {}),
        (200, {"pagination-count": "12", "Pagination-Page": "2"}),
        (404, {"WWW-Authenticate": "Bearer"}),
        (200, {"Content-Type": "application/problem+json"}),
        (204, {}),
        (200, {"content-length": "2"}),
    ],
)
def test_an_encoded_reply_sends_the_messages_starlettes_response_sends(status: int, headers: dict[str, str]) -> None:
    encoded = Encoded(Reply(status, {"a": 1}, headers))
    assert sent(encoded) == sent(Response(encode({"a": 1}), status, headers=headers, media_type="application/json"))


def test_each_response_gets_a_headers_list_of_its_own() -> None:
    encoded = Encoded(Reply(200, []))
    first = sent(encoded)[0]["headers"]
    first.append((b"x-added", b"by an outer layer"))
    assert (b"x-added", b"by an outer layer") not in sent(encoded)[0]["headers"]


def page_of(*items: object, start: int = 0, stop: int = 99) -> Page:
    return encoded_items(Selection(items), start, stop, orjson.dumps)


@pytest.mark.parametrize("count", [0, 1, 2, 5])
def test_a_page_is_encoded_as_orjson_encodes_its_plain_runs(count: int) -> None:
    runs = [{"id": str(index), "n": index, "s": "a,b]"} for index in range(count)]
    page = page_of(*runs)
    assert encode(page) == orjson.dumps(runs) == orjson.dumps(page)


def test_a_page_inside_an_envelope_is_encoded_as_orjson_encodes_the_plain_envelope() -> None:
    runs = [{"id": "1"}, {"id": "2", "text": "\u0000 and \x01"}]
    body: dict[str, Any] = {
        "code": 0,
        "message": "ok\u0000",
        "data": {"hasMore": False, "items": page_of(*runs), "limit": 2},
    }
    plain = {**body, "data": {**body["data"], "items": runs}}
    assert encode(body) == orjson.dumps(plain) == orjson.dumps(body)


def test_an_empty_page_in_an_envelope_is_an_empty_array() -> None:
    body = {"data": {"items": page_of({"id": "1"}, start=5), "total": 1}}
    assert encode(body) == b'{"data":{"items":[],"total":1}}'


def test_a_body_without_a_page_is_encoded_by_orjson() -> None:
    body = {"detail": [{"loc": ["query", "limit"], "msg": "too big"}], "nested": {"list": [1, None]}}
    assert encode(body) == orjson.dumps(body)


def test_replies_of_another_version_of_the_data_are_dropped() -> None:
    cache = ReplyCache()
    asked_twice(cache, "a", lambda: Reply(200, ["old"]), version=1)
    asked_twice(cache, "b", lambda: Reply(200, ["old"]), version=1)
    fresh = asked_twice(cache, "a", lambda: Reply(200, ["new"]), version=2)
    assert fresh.body == b'["new"]'
    assert len(cache) == 1


def test_eviction_keeps_the_newest_replies_however_many_came_and_went() -> None:
    cache = ReplyCache(capacity=3)
    for key in range(1000):
        asked_twice(cache, key, lambda: Reply(200, []))
    made: list[int] = []
    for key in (997, 998, 999):
        cache.get(key, lambda: made.append(1) or Reply(200, []))  # type: ignore[func-returns-value]
    assert made == []
    assert len(cache) == 3
