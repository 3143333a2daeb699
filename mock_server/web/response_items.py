"""Recognising a list body made wholly of items already judged, from its bytes alone, without parsing it.

A never-seen page of runs is mostly runs already sent on other pages, and the mock encodes each the same way
every time. Parsing a page with orjson costs more than judging it with a compiled validator (several times more
on cortex pages), so for a body that is a bare JSON array the items that conformed are remembered by their
exact bytes, and a body that is `[`, remembered items joined by `,`, and `]` is known to hold conforming items
without being parsed. Sound because a JSON object's or array's bytes end at its own closing bracket: a
remembered item that the body's bytes start with at some offset is exactly the item at that offset. An array
inside an envelope is recognised the same way, from where it opens (`array_at`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Any

import orjson

from mock_server.dialects.rendering import shared

PREFIX = 64
"""Bytes of an item's start by which it is looked up (a run's start holds its id)."""
CAPACITY = 32 * 1024 * 1024
"""Bytes of items remembered per schema (a few thousand cortex runs); the first remembered is forgotten first."""
LARGEST = 64 * 1024
"""An item larger than this is not remembered."""


class KnownItems:
    """Items (JSON bytes) known to conform to one schema, looked up by their first `PREFIX` bytes."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self.size = 0
        self.by_prefix: dict[bytes, list[bytes]] = {}
        self.order: deque[bytes] = deque()
        self.after: dict[bytes, bytes] = {}
        """For an item, the item that followed it in the last array looked at (for `b""`, the first one)."""

    def __len__(self) -> int:
        return len(self.order)

    def leading(self, body: bytes) -> tuple[int, bool]:
        """How many items at the start of the array `body` are known, and whether they are the whole body."""
        if not body.endswith(b"]"):
            return 0, False
        count, end = self.array_at(body, 0)
        return count, end == len(body) - 1

    def array_at(self, body: bytes, start: int) -> tuple[int, int]:
        """How many known items the array opening at `body[start]` begins with, and where it closes after
        them: the index of its `]`, or -1 when it holds something else (or `body[start]` opens no array)."""
        if body[start : start + 1] != b"[":
            return 0, -1
        if body[start + 1 : start + 2] == b"]":
            return 0, start + 1
        after, starts_with = self.after, body.startswith
        position, count, previous = start + 1, 0, b""
        while True:
            # Pages are runs of a selection in order: the item that followed this one last time likely follows
            # it again, and is checked without looking it up by its start.
            item = after.get(previous)
            if item is None or not starts_with(item, position):
                item = self.at(body, position)
                if item is None:
                    return count, -1
                if len(after) > 2 * len(self.order):  # items forgotten since linger here: start afresh
                    after.clear()
                after[previous] = item
            previous = item
            position += len(item)
            count += 1
            following = body[position : position + 1]
            if following == b"]":
                return count, position
            if following != b",":
                return count, -1
            position += 1

    def at(self, body: bytes, position: int) -> bytes | None:
        for item in self.by_prefix.get(body[position : position + PREFIX], ()):
            if body.startswith(item, position):
                return item
        return None

    def learn(self, items: Iterable[Any]) -> None:
        """Remember each of `items` (parsed values that conformed) as the mock's encoder writes it."""
        for value in items:
            if not isinstance(value, dict | list):
                continue  # only containers end at a byte of their own (a number's digits could go on)
            try:
                item = orjson.dumps(value)
            except TypeError:  # an integer beyond 64 bits: judged whenever it comes
                continue
            # Shorter than the prefix, an item would be looked up by bytes that run past its end.
            if not PREFIX <= len(item) <= LARGEST:
                continue
            item = shared(item)  # the very bytes a page of the mock's is joined from, when it is one
            same_start = self.by_prefix.setdefault(item[:PREFIX], [])
            if item in same_start:
                continue
            same_start.append(item)
            self.order.append(item)
            self.size += len(item)
            while self.size > self.capacity:
                self.forget(self.order.popleft())

    def forget(self, item: bytes) -> None:
        self.size -= len(item)
        self.after.pop(item, None)
        same_start = self.by_prefix[item[:PREFIX]]
        same_start.remove(item)
        if not same_start:
            del self.by_prefix[item[:PREFIX]]
