"""Coverage as a value: per operation, whether it was exercised, each documented status seen or not, and the checks
that judged it; per link, whether it was followed; and what a `--require-coverage` finds missing.

A read-only run sends no write, so its writes are not counted (`counted`, with the reason shown) and neither are
the links to or from them: a requirement asks only for what the run could send.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

__all__ = [
    "REQUIREMENTS",
    "Coverage",
    "LinkCoverage",
    "LinkKey",
    "OperationCoverage",
    "StatusCoverage",
    "documents",
    "gaps_phrase",
    "requirements",
]

REQUIREMENTS = ("operations", "statuses", "links")
"""What `--require-coverage` may require: every counted operation exercised, documented status seen, link followed."""


SHOWN_GAPS = 3
"""Gaps a one-line verdict names (the coverage table shows them all)."""


def gaps_phrase(gaps: list[str]) -> str:
    """`gaps` in one phrase, the first few named."""
    more = f"; and {len(gaps) - SHOWN_GAPS} more (see Coverage)" if len(gaps) > SHOWN_GAPS else ""
    return f"{'; '.join(gaps[:SHOWN_GAPS])}{more}"


def requirements(given: Collection[str]) -> tuple[str, ...]:
    """The requirements named in `given` (each a name or a comma list), in `REQUIREMENTS` order, unknown ones
    kept last (for `Options` to refuse)."""
    named = {part.strip() for item in given for part in item.split(",") if part.strip()}
    return (*(name for name in REQUIREMENTS if name in named), *sorted(named - set(REQUIREMENTS)))


def documents(key: str, status: int, documented: Collection[str]) -> bool:
    """Whether the response `key` of an operation documenting `documented` is the one for `status`: its own code,
    else its range (`4XX`), else `default`."""
    code, family = str(status), f"{str(status)[0]}XX"
    if key == code:
        return True
    if code in documented:
        return False
    if key.upper() == family:
        return True
    return key == "default" and not any(item.upper() == family for item in documented)


@dataclass(frozen=True, order=True)
class LinkKey:
    """A link of the spec: from the answer `status` of `source` to `target`, by its `name` (operation ids)."""

    source: str
    status: str
    name: str
    target: str


@dataclass(frozen=True)
class StatusCoverage:
    status: str
    """As the spec documents it: `200`, `4XX`, `default`."""
    seen: int


@dataclass(frozen=True)
class OperationCoverage:
    operation_id: str
    method: str
    path: str
    requests: int
    statuses: tuple[StatusCoverage, ...]
    undocumented: tuple[int, ...]
    """Statuses answered that the operation does not document."""
    checks: tuple[str, ...]
    """The checks that sent it requests or judged its answers."""
    counted: bool = True
    reason: str = ""
    """Why it is not counted (a write in a read-only run)."""

    @property
    def exercised(self) -> bool:
        return self.requests > 0

    @property
    def state(self) -> str:
        if self.exercised:
            return "exercised"
        return self.reason or "not exercised"


@dataclass(frozen=True)
class LinkCoverage:
    link: LinkKey
    followed: int
    counted: bool = True
    reason: str = ""
    """Why it is not counted: a write it leads to or from is not sent, or it names a run the run did not create."""

    @property
    def label(self) -> str:
        link = self.link
        return f"{link.source} -[{link.status}]-> {link.target} ({link.name})"


@dataclass(frozen=True)
class Coverage:
    operations: tuple[OperationCoverage, ...] = ()
    links: tuple[LinkCoverage, ...] = ()
    read_only: bool = True

    def counts(self) -> dict[str, tuple[int, int]]:
        """Per kind (operations, statuses, links): how many of those counted were exercised, and how many count."""
        counted = [entry for entry in self.operations if entry.counted]
        statuses = [status for entry in counted for status in entry.statuses]
        links = [entry for entry in self.links if entry.counted]
        return {
            "operations": (sum(entry.exercised for entry in counted), len(counted)),
            "statuses": (sum(status.seen > 0 for status in statuses), len(statuses)),
            "links": (sum(entry.followed > 0 for entry in links), len(links)),
        }

    def missing(self, required: Collection[str]) -> list[str]:
        """What `required` asks for that the run did not exercise, one phrase each."""
        return [phrase for kind in REQUIREMENTS if kind in required for phrase in self.missing_of(kind)]

    def missing_of(self, kind: str) -> Iterator[str]:
        counted = [entry for entry in self.operations if entry.counted]
        if kind == "operations":
            yield from (f"operation {entry.operation_id} not exercised" for entry in counted if not entry.exercised)
        elif kind == "statuses":
            for entry in counted:
                yield from (
                    f"status {status.status} of {entry.operation_id} never seen"
                    for status in entry.statuses
                    if not status.seen
                )
        else:
            yield from (
                f"link {entry.label} not followed" for entry in self.links if entry.counted and not entry.followed
            )

    def to_json(self) -> dict[str, Any]:
        return {
            "read_only": self.read_only,
            "counted_only": "safe operations (a read-only run sends no write)" if self.read_only else "every operation",
            "totals": {kind: {"exercised": done, "counted": total} for kind, (done, total) in self.counts().items()},
            "operations": [
                {
                    "operation_id": entry.operation_id,
                    "method": entry.method,
                    "path": entry.path,
                    "exercised": entry.exercised,
                    "counted": entry.counted,
                    "reason": entry.reason or None,
                    "requests": entry.requests,
                    "statuses": {status.status: status.seen for status in entry.statuses},
                    "undocumented_statuses": list(entry.undocumented),
                    "checks": list(entry.checks),
                }
                for entry in self.operations
            ],
            "links": [
                {
                    "source": entry.link.source,
                    "status": entry.link.status,
                    "name": entry.link.name,
                    "target": entry.link.target,
                    "followed": entry.followed,
                    "counted": entry.counted,
                    "reason": entry.reason or None,
                }
                for entry in self.links
            ],
        }
