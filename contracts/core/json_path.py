"""Reading a value at a path of keys inside a decoded JSON document."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["MISSING", "dig", "shown"]


class Missing:
    """The value at a path that does not exist (distinct from a JSON null)."""

    def __repr__(self) -> str:
        return "(missing)"


MISSING: Any = Missing()


def dig(document: Any, path: Sequence[str]) -> Any:
    """The value at `path` (keys of nested objects), or `MISSING` when any step is not there."""
    for key in path:
        if not isinstance(document, Mapping) or key not in document:
            return MISSING
        document = document[key]
    return document


def shown(path: Sequence[str]) -> str:
    """A path as a reader writes it: `data.hasMore`, or `(the body)` for the empty path."""
    return ".".join(path) or "(the body)"
