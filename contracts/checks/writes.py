"""Writes: the spec's operations that create, cancel or change runs, and why a run did not send them.

The suite is read-only: it never sends a write operation, so a run against a staging API changes nothing there.
Each write of the spec is listed as not exercised, a choice rather than a failure to judge (--strict accepts it).
"""

from __future__ import annotations

from contracts.checks.base import Judgement, check
from contracts.operations import split_operations
from contracts.outcomes import NotExercised
from contracts.session import Session

__all__ = ["write_operations"]


@check(
    "write_operations",
    "writes",
    "the spec's write operations (trigger, cancel, retry, replay, retention) answer as documented",
)
def write_operations(session: Session) -> Judgement:
    _, writes = split_operations(session.operation.document)
    if not writes:
        raise NotExercised("read-only run: the spec documents no write operation", chosen=True)
    names = ", ".join(operation.label for operation in writes)
    raise NotExercised(f"read-only run: {len(writes)} write operations not sent: {names}", chosen=True)
