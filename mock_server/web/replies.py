"""Turning dialect replies into HTTP responses, once per distinct request.

The data is a pure function of the seed, so a reply is a pure function of the request's parameters: each one is
serialised once and its bytes reused until the cache is cleared (the data changed) or it is evicted.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import orjson
from starlette.responses import Response

from mock_server.dialects.base import Reply

JSON = "application/json"


def encode(body: Any) -> bytes:
    return orjson.dumps(body)


class Encoded:
    """A reply serialised once: status, body bytes and headers, ready to become a response any number of times."""

    __slots__ = ("body", "headers", "status")

    def __init__(self, reply: Reply) -> None:
        self.status = reply.status
        self.body = encode(reply.body)
        self.headers = dict(reply.headers)

    def response(self) -> Response:
        return Response(self.body, self.status, headers=self.headers, media_type=JSON)


class ReplyCache:
    """Encoded replies of one version of the data: at most `capacity`, the oldest evicted first, so neither hostile
    variety nor data that moves on can grow memory."""

    def __init__(self, capacity: int = 2048) -> None:
        self.capacity = capacity
        self._entries: dict[Hashable, Encoded] = {}
        self._version: Hashable = None

    def get(self, key: Hashable, make: Callable[[], Reply], version: Hashable = None) -> Encoded:
        """The reply for `key` in data `version`; replies of any other version are dropped first."""
        if version != self._version:
            self._entries.clear()
            self._version = version
        found = self._entries.get(key)
        if found is None:
            found = Encoded(make())
            if len(self._entries) >= self.capacity:
                del self._entries[next(iter(self._entries))]
            self._entries[key] = found
        return found

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
