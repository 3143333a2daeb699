"""Recognising a list body made wholly of items already judged, from its bytes alone, without parsing it.

A never-seen page of runs is mostly runs already sent on other pages, and the mock encodes each the same way
every time. Parsing a page with orjson costs more than judging it with a compiled validator (several times more
on cortex pages), so for a body that is a bare JSON array the items that conformed are remembered by their
exact bytes, and a body that is `[`, remembered items joined by `,`, and `]` is known to hold conforming items
without being parsed. Sound because a JSON object's or array's bytes end at its own closing bracket: a
remembered item that the body's bytes start with at some offset is exactly the item at that offset.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Any

import orjson

PREFIX = 64
"""Bytes of an item's start by which it is looked up (a run's start holds its id)."""
CAPACITY = 32 * 1024 * 1024
"""Bytes of items remembered per schema (a few thousand cortex runs); the first remembered is forgotten first."""
LARGEST = 64 * 1024
"""An item larger than this is not remembered."""

COMMA, CLOSE = ord(","), ord("]")


class KnownItems:
    """Items (JSON bytes) known to conform to one schema, looked up by their first `PREFIX` bytes."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self.size = 0
        self.by_prefix: dict[bytes, list[bytes]] = {}
        self.order: deque[bytes] = deque()

    def __len__(self) -> int:
        return len(self.order)

    def leading(self, body: bytes) -> tuple[int, bool]:
        """How many items at the start of the array `body` are known, and whether they are the whole body."""
        if body == b"[]":
            return 0, True
        if not (body.startswith(b"[") and body.endswith(b"]")):
            return 0, False
        end = len(body) - 1
        position, count = 1, 0
        while True:
            item = self.at(body, position)
            if item is None:
                return count, False
            position += len(item)
            count += 1
            if position == end:
                return count, True
            if body[position] != COMMA:
                return count, False
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
        same_start = self.by_prefix[item[:PREFIX]]
        same_start.remove(item)
        if not same_start:
            del self.by_prefix[item[:PREFIX]]
