"""The bounded memories the mock keeps, each dropping its oldest entry first, in constant time.

- `Bounded`: values by key, at most `capacity` of them.
- `Sized`: values by key, at most `count` of them and `size` bytes as `weigh` measures each; the newest is kept
  whatever its size.
- `SecondSight`: which keys came before, among the last `capacity` keys seen once: what decides whether a value
  is worth remembering at all.

Ordered dicts, because a plain dict finds its first key by stepping over the slots of every key deleted before
it: once full, that cost a few percent of a never-seen request (py-spy).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Bounded(OrderedDict[K, V]):
    """Values by key (a dict, looked up at its own speed), at most `capacity` of them."""

    def __init__(self, capacity: int) -> None:
        super().__init__()
        self.capacity = capacity

    def put(self, key: K, value: V) -> V:
        """Remember `value` under `key`, forgetting the oldest past the capacity."""
        self[key] = value
        if len(self) > self.capacity:
            self.popitem(last=False)
        return value


class Sized(Generic[K, V]):
    """Values by key, bounded in number and in bytes."""

    def __init__(self, count: int, size: int, weigh: Callable[[V], int]) -> None:
        self.count, self.size, self.weigh = count, size, weigh
        self.held = 0
        """Bytes of the values held, as `weigh` measures them."""
        self._entries: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        return self._entries.get(key)

    def put(self, key: K, value: V) -> V:
        """Remember `value` under `key` (the newest), forgetting the oldest past either bound."""
        replaced = self._entries.pop(key, None)
        if replaced is not None:
            self.held -= self.weigh(replaced)
        self._entries[key] = value
        self.held += self.weigh(value)
        while len(self._entries) > self.count or (self.held > self.size and len(self._entries) > 1):
            _, oldest = self._entries.popitem(last=False)
            self.held -= self.weigh(oldest)
        return value

    def clear(self) -> None:
        self._entries.clear()
        self.held = 0

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[K]:
        """The keys, the oldest first."""
        return iter(self._entries)


class SecondSight(Generic[K]):
    """Admission to a memory on a key's second sight: a key is `note`d the first time it comes, and `seen_before`
    is True when it comes again before `capacity` other keys were noted after it.

    Most requests of a varied load (a test suite, a contract suite, a team paging and filtering) come once. Made
    to remember each reply, a memory would hold only replies nobody asks for again, and every new reply would be
    written to memory the processor last touched when an old one was evicted. Remembering on a second request
    only, a reply asked for once is dropped as soon as it is sent, and the next one reuses that memory, still in
    the processor's cache. Only the keys' hashes are held, whatever the keys' size: a one-time request costs a
    few bytes and one lookup, and two keys of one hash, at worst, admit a value one request early.
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._keys: OrderedDict[int, bool] = OrderedDict()

    def seen_before(self, key: K) -> bool:
        """Whether `key` was noted and not forgotten since; it is then forgotten (admitted)."""
        return self._keys.pop(hash(key), False)  # one lookup; most keys come once, and a KeyError costs more

    def note(self, key: K) -> None:
        """Note `key` as seen once, the oldest noted forgotten past `capacity`."""
        keys = self._keys
        keys[hash(key)] = True
        if len(keys) > self.capacity:
            keys.popitem(last=False)

    def __len__(self) -> int:
        return len(self._keys)
