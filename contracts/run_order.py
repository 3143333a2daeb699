"""The order every spec documents for its list: newest first by the dialect's timestamp, ties by id descending.

Timestamps are compared to every digit the server sent (`moments.exact`), so two runs tie only when they are of
the same instant, and a finding says whether they tie::

    in_order({"id": "b", "t": DAY1}, {"id": "a", "t": DAY1}, "t")     # True: a tie, ids descending
    misplaced({"id": "a", "t": DAY1}, {"id": "b", "t": DAY2}, "t")    # 'run a (t ...) comes before run b (t ...), ...'
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from contracts.dialects.base import Run
from contracts.moments import exact

__all__ = ["in_order", "misplaced"]

EARLIEST = datetime.min.replace(tzinfo=UTC)


def instant(run: Run, field_name: str) -> tuple[bool, datetime, Decimal] | None:
    """When the run sorts, newest greatest, to every digit the server sent; None when the timestamp is unreadable
    (a schema matter)."""
    value = run.get(field_name)
    if value is None:
        # A run without the timestamp sorts last, as the specs that make it nullable say.
        return (False, EARLIEST, Decimal(0))
    parsed = exact(value)
    return None if parsed is None else (True, *parsed)


def in_order(newer: Run, older: Run, field_name: str) -> bool | None:
    """Whether `newer` may be listed before `older`; None when that cannot be told."""
    first, second = instant(newer, field_name), instant(older, field_name)
    if first is None or second is None:
        return None
    if first != second:
        return first > second
    # Every spec breaks ties by id descending. None names a collation, so both code-point order and the
    # case-insensitive order of common database collations are accepted.
    newer_id, older_id = str(newer.get("id")), str(older.get("id"))
    return newer_id >= older_id or newer_id.casefold() >= older_id.casefold()


def misplaced(newer: Run, older: Run, field_name: str) -> str | None:
    """What is wrong with listing `newer` before `older`, in words that say whether their timestamps tie."""
    if in_order(newer, older, field_name) is not False:
        return None
    if instant(newer, field_name) == instant(older, field_name):
        return (
            f"run {newer.get('id')} comes before run {older.get('id')}, both of {field_name} "
            f"{older.get(field_name)}: runs of the same instant go by id descending"
        )
    return (
        f"run {newer.get('id')} ({field_name} {newer.get(field_name)}) comes before "
        f"run {older.get('id')} ({field_name} {older.get(field_name)}), which is newer"
    )
