"""The runs a run may create (--max-writes), and how many of them the write checks need.

One budget bounds the runs a whole run creates, at the wire: each 2xx answer to a write that can create a run
spends one, the write checks' and the schema phase's alike. The schema phase runs first, so the write checks'
share is kept from it: each write check declares what it writes on (`Need`), and `runs_needed` counts the runs
those needs make in the checks' order, as the `Writer` meets them (a running run of the run's own is reused
until a check cancels it)::

    runs_needed([Need.TRIGGERS, Need.CANCELS_RUNNING, Need.CANCELLED, Need.MAKES_RUNNING])   # 2
    WriteBudget(limit=10, reserved=share_kept(2)).left(phase=True)                         # 7
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Need", "WriteBudget", "runs_needed", "share_kept"]


@dataclass
class WriteBudget:
    """The runs one run may create (--max-writes), spent by each 2xx answer to a write that can create a run, the
    write checks' and the schema phase's alike.

    `reserved` of them are kept for the write checks: the schema phase runs first and spends only the rest.
    """

    limit: int
    reserved: int = 0
    spent: int = 0

    def left(self, *, phase: bool) -> int:
        return max(0, self.limit - self.spent - (self.reserved if phase else 0))


class Need(enum.Enum):
    """What a write check writes on, against a conforming server: the runs it makes follow from it."""

    MAKES = "a new run its own write makes (an ephemeral run)"
    TRIGGERS = "a run it triggers, which stays running for the checks after it"
    MAKES_RUNNING = "a new run its own write makes (a retry, a replay), running for the checks after it"
    RUNNING = "a running run of the run's own: the last one made, else one triggered for it"
    CANCELS_RUNNING = "a running run of the run's own, which it cancels"
    CANCELLED = "a run the run cancelled: the first one, else a running one cancelled for it"


def runs_needed(needs: Iterable[Need]) -> int:
    """The runs the needs of the write checks, in the order they run, create on a conforming server; the writes
    every server refuses create none."""
    made, running, cancelled = 0, False, False
    for need in needs:
        if need is Need.CANCELLED and cancelled:
            continue
        if need in (Need.MAKES, Need.TRIGGERS, Need.MAKES_RUNNING):
            made += 1
            running = running or need is not Need.MAKES
            continue
        if not running:  # RUNNING, CANCELS_RUNNING, and CANCELLED with no run cancelled yet
            made += 1
            running = True
        if need is not Need.RUNNING:
            running, cancelled = False, True
    return made


def share_kept(needed: int) -> int:
    """The runs kept from the schema phase for write checks that make `needed`: those, and one for a write every
    server refuses that a faulty one accepts, so the refusals sent after the last run made are still sent."""
    return needed + 1 if needed else 0
