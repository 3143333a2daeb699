"""Reading RFC 3339 timestamps leniently: a value that is not one is the schema checks' concern, not ours.

`moment` reads an instant to the microsecond, as Python's datetime holds it; `exact` keeps every fractional digit
a server sent (a Go server's nanoseconds), so two runs are of the same instant only when every digit agrees::

    exact("2024-05-01T00:00:00.123456789Z") < exact("2024-05-01T00:00:00.1234567891Z")   # True
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

__all__ = ["exact", "moment"]

# RFC 3339 allows a lower-case t and z, and any number of fractional digits.
TIMESTAMP = re.compile(r"(?P<whole>[0-9-]+[Tt ][0-9:]+)(?:[.,](?P<fraction>[0-9]+))?(?P<zone>[Zz]|[+-][0-9:]+)?")


def moment(value: Any) -> datetime | None:
    """The instant `value` names, or None when it is null or not a timestamp."""
    found = exact(value)
    if found is None:
        return None
    whole, fraction = found
    return whole.replace(microsecond=int(fraction * 1_000_000))


def exact(value: Any) -> tuple[datetime, Decimal] | None:
    """The instant `value` names as its whole second (in UTC when it names a zone) and the exact fraction after
    it; None when it is null or not a timestamp. A date alone is its midnight."""
    if not isinstance(value, str):
        return None
    match = TIMESTAMP.fullmatch(value.strip())
    text, fraction = (match["whole"] + (match["zone"] or "").upper(), match["fraction"]) if match else (value, None)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    seconds = Decimal(f"0.{fraction}") if fraction else Decimal(parsed.microsecond) / 1_000_000
    return parsed.replace(microsecond=0).astimezone(UTC), seconds
