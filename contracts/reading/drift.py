"""Where each run of a live list can have been while other requests were made between two walks of the whole list.

Runs arrive at the head of a live list and leave it, and each arrival or departure moves the runs below it. A run
at position p in the walk before was, until the walk after, no higher than p less the runs above it that left,
and no lower than p plus every run that arrived (arrivals come at the head). A run whose whole range falls inside
a window of positions (a page), or wholly outside it, belonged to that page the whole time, so every answer for
that page must agree on it; a run that arrived or left meanwhile, or whose range crosses the window's edge, is
not held to it. A list that held still leaves every run one position, and every run is judged.

Arrivals are counted from the walk after: a run comes at the head and leaves, if ever, from the tail, so one that
arrived in between is still there. Runs that only the requests in between listed are not counted: a server that
shows runs in one answer that the whole list has not (or hides some of the list's) cannot excuse itself so::

    drift = Drift.of(before, after)
    drift.settled(0, 20)          # the runs in or out of the first 20 positions the whole time
    drift.possible_totals         # range(48, 51): the lengths the list can have had in between
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from contracts.reading.listing import Walk

__all__ = ["Drift"]


@dataclass(frozen=True)
class Drift:
    before: Walk
    after: Walk
    arrived: int
    """Runs that arrived between the two walks: listed after and not before."""

    @classmethod
    def of(cls, before: Walk, after: Walk) -> Drift:
        return cls(before, after, len(set(after.ids) - set(before.ids)))

    @property
    def still(self) -> bool:
        """Whether the list held the same runs, in the same order, before and after."""
        return self.before.ids == self.after.ids

    @functools.cached_property
    def ranges(self) -> dict[str, tuple[int, int]]:
        """Each run listed before and after, with the first and the last position it can have had in between."""
        stayed = set(self.after.ids)
        found: dict[str, tuple[int, int]] = {}
        left_above = 0
        for position, identifier in enumerate(self.before.ids):
            if identifier in found:
                continue
            if identifier not in stayed:
                left_above += 1
                continue
            found[identifier] = (position - left_above, position + self.arrived)
        return found

    def settled(self, start: int, size: int) -> frozenset[str]:
        """The runs wholly inside positions [start, start + size) the whole time, or wholly outside them."""
        end = start + size
        return frozenset(
            identifier
            for identifier, (first, last) in self.ranges.items()
            if (start <= first and last < end) or last < start or first >= end
        )

    def one_page(self, identifier: str, size: int) -> int | None:
        """The page of `size` runs the run sat on the whole time; None when it may have crossed pages (or was not
        listed both times)."""
        found = self.ranges.get(identifier)
        if found is None or found[0] // size != found[1] // size:
            return None
        return found[0] // size

    @property
    def possible_totals(self) -> range:
        """The lengths the list can have had from the first page of the walk before to the walk after (a walk of
        several pages lists a run twice when one arrives between two of its pages)."""
        distinct, left = len(set(self.before.ids)), len(set(self.before.ids) - set(self.after.ids))
        return range(distinct - left, len(self.before.ids) + self.arrived + 1)
