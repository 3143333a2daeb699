"""Where one dialect's data lives: read as it stands at a moment, changed only by `Change` values, versioned.

    repository = InMemoryRepository(seed=0, vocabulary=vocabulary)
    reading = repository.read(now)              # Reading(version, view): the data as it stands at `now`
    outcome = repository.apply(Cancel(run_id), now)   # Outcome(store, run), or raises WriteError

The contract every implementation keeps: the data is a function of the seed and vocabulary the repository starts
from and of the ordered list of the changes given to `apply`, each with the `now` it was applied at; nothing
else. Hence:

- Change n (counted from 0 since the last reset) draws from `Generator(seed, vocabulary, ":change:<n>")`.
- A refused change (`apply` raised `writes.WriteError`) changes nothing and is not counted.
- A change whose `identity` was seen since the last reset is answered by its `recall` (the run the first one
  made) and is not counted either; the first one's run is remembered under its identity.
- A `Reset` starts a new generation: the data of its seed, which later changes draw from, no change counted and
  no identity remembered.
- The version is (generation: resets applied, changes counted since the last reset, planned transitions and
  live events passed by `now`): equal versions, equal data.

So a repository over a shared log, where each process appends the changes it is given with their `now` and applies
every entry in the log's order by these rules, holds the very data this one holds after the same list, ids
included, and gives the same versions.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple, Protocol

from mock_server.data.changes import Change, Outcome, Reset
from mock_server.data.generate import Generator, Vocabulary
from mock_server.data.schedule import live_store
from mock_server.data.view import StoreView

Version = tuple[int, int, int]
"""(generation, changes applied since the last reset, transitions passed at the moment read)."""


class Reading(NamedTuple):
    """The data as it stands at one moment, and its version."""

    version: Version
    view: StoreView


class Repository(Protocol):
    """One dialect's data: read at a moment, changed by `Change` values, in the order they are applied."""

    @property
    def seed(self) -> int:
        """The seed of the data since the last reset (what tokens and request ids derive from)."""

    def version(self, now: datetime) -> Version:
        """The data's version at `now` (what `read(now)` would give, without reading the data)."""

    def read(self, now: datetime) -> Reading:
        """The data as it stands at `now`, and its version."""

    def apply(self, change: Change, now: datetime) -> Outcome:
        """Apply `change` at `now`; raises `writes.WriteError`, and then nothing changed."""


class InMemoryRepository:
    """The data of one process, changed in place: today's mock."""

    def __init__(self, seed: int, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._seed = seed
        self._store = live_store(seed, vocabulary)
        self._generation = 0
        self._changes = 0
        self._made: dict[tuple[str, ...], str] = {}
        self._last: Reading | None = None

    @property
    def seed(self) -> int:
        return self._seed

    def version(self, now: datetime) -> Version:
        return self._generation, self._changes, self._store.version_at(now)

    def read(self, now: datetime) -> Reading:
        transitions, view = self._store.moment(now)
        last = self._last
        # A view is made once per transition passed and change applied: the same view is the same version.
        if last is None or last.view is not view:
            last = self._last = Reading((self._generation, self._changes, transitions), view)
        return last

    def apply(self, change: Change, now: datetime) -> Outcome:
        identity = change.identity
        made = self._made.get(identity) if identity is not None else None
        if made is not None:
            return change.recall(self._store, now, made)
        draw = Generator(self._seed, self.vocabulary, stream=f":change:{self._changes}")
        outcome = change.apply(self._store, now, draw)
        if isinstance(change, Reset):
            self._seed, self._generation, self._changes = change.seed, self._generation + 1, 0
            self._made.clear()
        else:
            self._changes += 1
            if identity is not None and outcome.run is not None:
                self._made[identity] = outcome.run.id
        self._store, self._last = outcome.store, None
        return outcome
