"""Reading RFC 3339 timestamps leniently: a value that is not one is the schema checks' concern, not ours."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

__all__ = ["moment"]


def moment(value: Any) -> datetime | None:
    """The instant `value` names, or None when it is null or not a timestamp."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
