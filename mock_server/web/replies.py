"""Turning dialect replies into HTTP responses, once per distinct request that comes again.

The data is a pure function of the seed, so a reply is a pure function of the request's parameters: a reply
whose request came before is kept, and its bytes reused until the cache is cleared (the data changed) or it is
evicted. An encoded reply is itself the ASGI response: its headers are encoded once, as Starlette's `Response`
would encode them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any

import orjson
from starlette.types import Receive, Scope, Send

from mock_server.dialects.base import Reply
from mock_server.dialects.rendering import HOLE, Page, around_hole
from mock_server.memory import SecondSight, Sized

JSON = "application/json"


def encode(body: Any) -> bytes:
    """`body` as JSON: the bytes `orjson.dumps` makes of it, a page of encoded runs (`Page`) joined at once."""
    if type(body) is Page:
        return body.joined()
    if type(body) is dict:
        holed = with_hole(body)
        if holed is not None:
            page, envelope = holed
            around = around_hole(envelope)
            if around is not None:
                return page.joined(*around)
    return orjson.dumps(body)


def with_hole(body: dict[str, Any]) -> tuple[Page, dict[str, Any]] | None:
    """The first page among `body`'s values (or its objects' values), and a copy of `body` with a hole there."""
    for name, value in body.items():
        if type(value) is Page:
            return value, {**body, name: HOLE}
        if type(value) is dict:
            inner = with_hole(value)
            if inner is not None:
                return inner[0], {**body, name: inner[1]}
    return None


def raw_headers(status: int, headers: Mapping[str, str], length: int) -> tuple[tuple[bytes, bytes], ...]:
    """The headers Starlette's `Response` sends with a JSON body of `length` bytes, in its order."""
    raw = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]
    names = [name for name, _ in raw]
    if b"content-length" not in names and not (status < 200 or status in (204, 304)):
        raw.append((b"content-length", str(length).encode("latin-1")))
    if b"content-type" not in names:
        raw.append((b"content-type", JSON.encode("latin-1")))
    return tuple(raw)


class Encoded:
    """A reply serialised once: status, body bytes and headers, and the ASGI response sending them, any number
    of times."""

    __slots__ = ("body", "headers", "raw_headers", "status")

    def __init__(self, reply: Reply) -> None:
        self.status = reply.status
        self.body = encode(reply.body)
        self.headers = dict(reply.headers)
        self.raw_headers = raw_headers(self.status, self.headers, len(self.body))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # A fresh list each time: outer layers may add to the headers of the message they are given.
        await send({"type": "http.response.start", "status": self.status, "headers": list(self.raw_headers)})
        await send({"type": "http.response.body", "body": self.body})


class ReplyCache:
    """Encoded replies of one version of the data: at most `capacity` of them and `size` bytes of bodies, the oldest
    evicted first, so neither hostile variety, nor large pages, nor data that moves on can grow memory. A reply is
    remembered from the second time its key is asked for (`SecondSight`), among the last `capacity` keys."""

    def __init__(self, capacity: int = 2048, size: int = 32 * 1024 * 1024) -> None:
        # Pages of a hundred large runs are hundreds of kB: kept by the thousand, they would hold hundreds of MB,
        # and never-seen requests would cycle through that much memory.
        self._entries: Sized[Hashable, Encoded] = Sized(capacity, size, lambda encoded: len(encoded.body))
        self._asked: SecondSight[Hashable] = SecondSight(capacity)
        self._version: Hashable = None

    def get(self, key: Hashable, make: Callable[[], Reply], version: Hashable = None) -> Encoded:
        """The reply for `key` in data `version`; replies of any other version are dropped first."""
        if version != self._version:
            self._entries.clear()
            self._version = version
        found = self._entries.get(key)
        if found is not None:
            return found
        encoded = Encoded(make())
        if self._asked.seen_before(key):
            return self._entries.put(key, encoded)
        self._asked.note(key)
        return encoded

    @property
    def held(self) -> int:
        """Bytes of the bodies held."""
        return self._entries.held

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
