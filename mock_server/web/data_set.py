"""One served data set: the clock its data moves on, a repository per dialect, the requests received, and each
dialect's request ids. The mock serves one; whatever serves several (one per client) makes one of these for each.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from datetime import datetime

from mock_server.data.changes import Change, Outcome, Reset
from mock_server.data.clock import VirtualClock
from mock_server.data.generate import REFERENCE_TIME, Vocabulary
from mock_server.data.repository import InMemoryRepository, Reading, Repository, Version
from mock_server.data.shared_log import SharedClock, SharedState
from mock_server.web.request_ids import RequestIds
from mock_server.web.request_log import DEFAULT_REQUEST_LOG_CAPACITY, RequestLog

SERIALS = itertools.count()


class DataSet:
    """The data of every served dialect (by name), the clock it moves on and the requests it was asked."""

    def __init__(
        self,
        clock: VirtualClock,
        repositories: Mapping[str, Repository],
        log_capacity: int = DEFAULT_REQUEST_LOG_CAPACITY,
    ) -> None:
        self.serial = next(SERIALS)
        """Tells this data set from every other the process made: versions of data count from each one's start."""
        self.clock = clock
        self.repositories = dict(repositories)
        self.shared = isinstance(clock, SharedClock)
        """Whether other processes change this data too (`--state`): reads then catch up with them first."""
        self.log = RequestLog(clock.now, log_capacity)
        self.request_ids = {name: RequestIds(repository.seed, name) for name, repository in self.repositories.items()}
        """Each dialect's source of request ids, restarted when its data is reset."""

    @classmethod
    def generated(
        cls,
        seed: int,
        vocabularies: Iterable[Vocabulary],
        clock: VirtualClock,
        log_capacity: int = DEFAULT_REQUEST_LOG_CAPACITY,
    ) -> DataSet:
        """The data set of `seed` for each dialect (by its vocabulary), kept in memory, logging the latest
        `log_capacity` requests."""
        repositories = {vocabulary.name: InMemoryRepository(seed, vocabulary) for vocabulary in vocabularies}
        return cls(clock, repositories, log_capacity)

    @classmethod
    def started(
        cls,
        state: SharedState | None,
        sandbox: str,
        seed: int,
        vocabularies: Iterable[Vocabulary],
        speed: float,
        log_capacity: int = DEFAULT_REQUEST_LOG_CAPACITY,
    ) -> tuple[DataSet, bool]:
        """The data set of `seed` for each dialect, its clock at the reference time: in memory, or shared through the
        logs of `sandbox` in `state` (`--state`); and whether this process starts it (then it applies a scenario).

        The first process to make a shared sandbox starts its clock; the others read it, and its scenario, in the logs.
        """
        if state is None:
            return cls.generated(seed, vocabularies, VirtualClock(REFERENCE_TIME, speed), log_capacity), True
        clock = SharedClock(REFERENCE_TIME, speed)
        repositories = {voc.name: state.repository(sandbox, seed, voc, clock) for voc in vocabularies}
        clock.logs = list(repositories.values())
        starting = state.claim(sandbox)
        if starting:
            clock.publish(REFERENCE_TIME, speed)
        return cls(clock, repositories, log_capacity), starting

    def now(self) -> datetime:
        """The clock's now, with the changes other processes made to it when it is shared."""
        return self.clock.current() if isinstance(self.clock, SharedClock) else self.clock.now()

    def read(self, dialect: str) -> Reading:
        """The dialect's data as it stands now on the clock."""
        return self.repositories[dialect].read(self.clock.now())

    def version(self, dialect: str) -> Version:
        return self.repositories[dialect].version(self.clock.now())

    def apply(self, dialect: str, change: Change) -> Outcome:
        """Apply `change` to the dialect's data at the clock's now (raises `writes.WriteError`, changing nothing);
        a reset restarts the dialect's request ids from its seed."""
        outcome = self.repositories[dialect].apply(change, self.clock.now())
        if isinstance(change, Reset):
            self.request_ids[dialect] = RequestIds(change.seed, dialect)
        return outcome
