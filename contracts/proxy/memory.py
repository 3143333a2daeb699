"""Bounded memory of what traffic showed: the least recently used entries go first once a budget is spent.

Entries weigh what they hold (a page, the number of its run ids), so memory is bounded by the budget however
long the proxy runs and however varied its traffic::

    recent = Recent[str, tuple[str, ...]](budget=1000, weight=len)
    recent.put("query", ("run_1", "run_2"))
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["Recent"]

K = TypeVar("K")
V = TypeVar("V")


class Recent(Generic[K, V]):
    """A mapping of at most `budget` weight (each entry 1 unless `weight` says otherwise), LRU first out."""

    def __init__(self, budget: int, weight: Callable[[V], int] | None = None) -> None:
        self.budget, self.weight = budget, weight or (lambda value: 1)
        self.entries: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self.total = 0

    def get(self, key: K) -> V | None:
        found = self.entries.get(key)
        if found is None:
            return None
        self.entries.move_to_end(key)
        return found[0]

    def put(self, key: K, value: V) -> None:
        self.pop(key)
        weight = max(1, self.weight(value))
        self.entries[key] = (value, weight)
        self.total += weight
        while self.total > self.budget and len(self.entries) > 1:
            _, (_, evicted) = self.entries.popitem(last=False)
            self.total -= evicted

    def pop(self, key: K) -> V | None:
        found = self.entries.pop(key, None)
        if found is None:
            return None
        self.total -= found[1]
        return found[0]

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, key: object) -> bool:
        return key in self.entries
