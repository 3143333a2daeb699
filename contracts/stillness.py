"""What of a live list held still between two walks of it, so that walks made in between are judged only on that.

Runs arrive at the head of a live list, leave it (retention), and change status while it is walked. A walk of
one filter value made between two walks of the whole list can be judged in full when the runs matching that
value were the same before and after; when they were not, a walk that is one answer must still list every run
that matched and did not change at all, and a walk of several pages cannot be held to that (a run that moved
out of the filter shifts the later pages, so one of them may skip a run)::

    snapshot = FilterSnapshot(before, {("status", "COMPLETED"): walk}, after, {"status": "status"})
    snapshot.still(("status", "COMPLETED")), snapshot.wanted(("status", "COMPLETED"))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from contracts.listing import Walk

__all__ = ["FilterSnapshot", "Key"]

Key = tuple[str, str]
"""A filter parameter and one of its values."""


@dataclass(frozen=True)
class FilterSnapshot:
    """The whole list walked before (`reference`) and after (`after`) the walks of each filter value."""

    reference: Walk
    walks: dict[Key, Walk]
    after: Walk
    fields: Mapping[str, str]
    """The run field each filter parameter selects on."""

    def matching(self, walk: Walk, key: Key) -> list[str]:
        field = self.fields[key[0]]
        return [str(run.get("id")) for run in walk.runs if run.get(field) == key[1]]

    def still(self, key: Key) -> bool:
        """Whether the runs matching `key` were the same, in the same order, before and after its walk."""
        return self.matching(self.reference, key) == self.matching(self.after, key)

    @property
    def all_still(self) -> bool:
        return all(self.still(key) for key in self.walks)

    @property
    def unchanged(self) -> set[str]:
        """The runs listed before and after with every field the same."""
        later = {str(run.get("id")): run for run in self.after.runs}
        return {str(run.get("id")) for run in self.reference.runs if later.get(str(run.get("id"))) == run}

    def one_answer(self, key: Key) -> bool:
        return len(self.walks[key].pages) == 1

    def judged_whole(self, key: Key) -> bool:
        """Whether what the walk of `key` says about itself (counts, `hasMore`) can be held to its runs."""
        return self.still(key) or self.one_answer(key)

    def wanted(self, key: Key) -> list[str] | None:
        """The runs a complete walk of `key` must list, or None when its walk cannot be held to any."""
        if not (self.walks[key].exhausted and self.reference.exhausted):
            return None
        if self.still(key):
            return self.matching(self.reference, key)
        if not self.one_answer(key):
            return None
        unchanged = self.unchanged
        return [identifier for identifier in self.matching(self.reference, key) if identifier in unchanged]
