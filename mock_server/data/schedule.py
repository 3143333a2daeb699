"""The live demo: runs the mock starts itself on the virtual clock, on a schedule drawn from the seed.

Run k arrives at `start + k * 150 s` give or take 45 s (so one every 1 to 4 virtual minutes), each moment drawn
from a source of its own: any arrival is found in constant time for any `now`, an hour or a year on, and
nothing accumulates. A run stays pending until just after the next one arrives, runs until just after the one
after that, then ends as the seed decides; so at any moment after the first arrivals the workflow has a pending
run (where the dialect has the state) and a running one. Only the latest `WINDOW` arrivals are listed: older
ones are gone, as retention would remove them, which bounds memory and the size of a list.
"""

from __future__ import annotations

import functools
import random
from collections import OrderedDict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TypeVar

from mock_server.data.generate import REFERENCE_TIME, Generator, Vocabulary
from mock_server.data.lifecycle import Transition, draw_outcome, passed, remaining
from mock_server.data.model import Run, RunState, User, Workflow
from mock_server.data.store import Evolve, Planned, Store

T = TypeVar("T")

SPACING = 150
"""Seconds between arrivals on average."""
JITTER = 45
"""Each arrival moves up to this many seconds either way, so consecutive arrivals are 60 to 240 s apart."""
BASES = 16
"""Generated data sets kept for sharing (by seed and vocabulary): the five dialects of a few seeds."""
WINDOW = 50
"""How many of the latest arrivals are listed."""
CACHED = 4 * WINDOW
"""How many drawn arrivals, plans and runs are kept (the ones near `now` are what requests ask for)."""
PENDING_OVERLAP = (5, 30)
"""Seconds a run stays pending after the next one arrives."""
RUNNING_OVERLAP = (40, 120)
"""Seconds a run keeps running after the one after it arrives; longer than the pending overlap, so the run
before always still runs while the newest ones are pending."""
LEAD = 2 * SPACING + JITTER + PENDING_OVERLAP[1]
"""The schedule starts this many seconds before the reference time, so that by then its second run is pending and
its first running: from the reference time on, there is always a pending and a running run."""


class Schedule:
    """The runs started on `workflow` from `start` on; implements `store.Live`."""

    def __init__(self, generator: Generator, workflow: Workflow, start: datetime, evolve: Evolve) -> None:
        self.generator = generator
        self.workflow = workflow
        self.start = start
        self.evolve = evolve
        self.states = generator.vocabulary.states
        self.users: list[User] = list({v.created_by.id: v.created_by for v in workflow.versions}.values())
        self._records: OrderedDict[tuple[int, int], Run] = OrderedDict()
        # Every request asks for the data version, which reads a few arrivals and plans: drawn once each.
        self._arrivals: dict[int, datetime] = {}
        self._plans: dict[int, tuple[Transition, ...]] = {}
        self._span: tuple[datetime, datetime, int] | None = None

    def _rng(self, index: int, purpose: str) -> random.Random:
        return random.Random(f"{self.generator.base}:schedule:{index}:{purpose}")

    def arrival(self, index: int) -> datetime:
        """When run `index` (from 1) arrives."""
        found = self._arrivals.get(index)
        if found is None:
            offset = self._rng(index, "arrival").randint(-JITTER, JITTER)
            found = remember(self._arrivals, index, self.start + timedelta(seconds=index * SPACING + offset))
        return found

    def last_index(self, now: datetime) -> int:
        """The index of the last run arrived by `now` (0: none yet)."""
        elapsed = (now - self.start).total_seconds()
        # Arrival k is within JITTER of k * SPACING: k * SPACING + JITTER <= elapsed means it has surely arrived.
        surely = max(int((elapsed - JITTER) // SPACING), 0)
        for index in range(int((elapsed + JITTER) // SPACING), surely, -1):
            if self.arrival(index) <= now:
                return index
        return surely

    def plan(self, index: int) -> tuple[Transition, ...]:
        """Pending until just after the next arrival (where the dialect has pending), running until just after
        the one after that, then an outcome."""
        found = self._plans.get(index)
        return found if found is not None else remember(self._plans, index, self._draw_plan(index))

    def _draw_plan(self, index: int) -> tuple[Transition, ...]:
        rng = self._rng(index, "plan")
        steps: list[Transition] = []
        later = index + 1
        if RunState.PENDING in self.states:
            steps.append(
                Transition(self.arrival(later) + timedelta(seconds=rng.randint(*PENDING_OVERLAP)), RunState.RUNNING)
            )
            later += 1
        outcome = draw_outcome(self.states, rng)
        if outcome is not None:
            steps.append(Transition(self.arrival(later) + timedelta(seconds=rng.randint(*RUNNING_OVERLAP)), outcome))
        return tuple(steps)

    def record(self, index: int) -> Run:
        """Run `index` as it arrives."""
        draw = self.generator.substream(f"schedule:{index}")
        origins = self.generator.vocabulary.origins
        origin = draw.rng.choices(origins, weights=[6 if o.by_user else 3 for o in origins])[0]
        first = RunState.PENDING if RunState.PENDING in self.states else RunState.RUNNING
        created = self.arrival(index)
        return draw.run(self.workflow, self.users, first, origin, created, now=created)

    def version_at(self, now: datetime) -> int:
        span = self._span
        if span is not None and span[0] <= now < span[1]:
            return span[2]
        last = self.last_index(now)
        steps = len(self.plan(1))
        # A run ends at most 120 s after the second arrival after it, so by the fourth (two gaps of 60 s or more)
        # every transition of it has passed.
        settled = max(last - 4, 0)
        recent = range(settled + 1, last + 1)
        version = last + settled * steps + sum(len(passed(self.plan(index), now)) for index in recent)
        # Nothing changes until the next arrival or transition: asked on every request, answered from here.
        upcoming = [step.at for index in recent for step in remaining(self.plan(index), now)]
        self._span = (now, min([self.arrival(last + 1), *upcoming]), version)
        return version

    def runs_at(self, now: datetime) -> Iterable[Planned]:
        last = self.last_index(now)
        for index in range(max(last - WINDOW, 0) + 1, last + 1):
            plan = self.plan(index)
            done = passed(plan, now)
            yield self._at(index, done), remaining(plan, now)

    def _at(self, index: int, done: tuple[Transition, ...]) -> Run:
        """Run `index` after the transitions `done`, remembered (a bounded number) since it changes rarely."""
        key = (index, len(done))
        found = self._records.get(key)
        if found is None:
            found = self.record(index)
            for step in done:
                found = self.evolve(found, step)
            self._records[key] = found
            if len(self._records) > CACHED:
                self._records.popitem(last=False)
        else:
            self._records.move_to_end(key)
        return found


def remember(cache: dict[int, T], index: int, value: T) -> T:
    """Keep `value` in `cache`, emptied when it reaches `CACHED` entries so that it stays small."""
    if len(cache) >= CACHED:
        cache.clear()
    cache[index] = value
    return value


@functools.lru_cache(maxsize=BASES)
def live_store(seed: int, vocabulary: Vocabulary) -> Store:
    """The data set of `seed` with the live demo: runs of the demo workflow keep starting from the reference time.

    One store per seed and vocabulary, shared by every data set made from it: a store is never changed (a change
    makes a new one), so sandboxes of one seed hold their generated data once."""
    generator = Generator(seed, vocabulary)
    store = generator.store()
    workflow = store.workflow(store.demo.tenant_id, store.demo.workflow_id)
    assert workflow is not None  # the generator always makes the demo workflow and an evolve
    assert store.evolve is not None
    start = REFERENCE_TIME - timedelta(seconds=LEAD)
    return store.with_live(Schedule(generator, workflow, start, store.evolve))
