"""Validating a list body item by item, so each distinct item is judged once, whatever page it is on.

A page of runs is mostly runs already judged on other pages: `SplitValidator` validates the body with the list's
array accepting anything, then each item of that array against the item schema, remembering (a bounded number
of) the items that conformed by their bytes. The verdict is the one a validator of the whole body gives: the
array's own keywords and everything around it are judged on every body, each item against the same schema.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, Protocol

import orjson
from jsonschema import ValidationError

CAPACITY = 4096
"""Items remembered as conforming per schema: a few thousand runs' bytes."""
MAX_DEPTH = 3
"""How deep under `properties` the list's array is looked for (b3os's sits at data.items)."""


class Validator(Protocol):
    def iter_errors(self, instance: Any) -> Iterator[ValidationError]: ...


def array_path(schema: Mapping[str, Any], depth: int = MAX_DEPTH) -> tuple[str, ...] | None:
    """The property names from the root to the first array schema with `items`, through `properties` only."""
    if schema.get("type") == "array" and isinstance(schema.get("items"), Mapping):
        return ()
    if depth == 0:
        return None
    for name, child in (schema.get("properties") or {}).items():
        if isinstance(child, Mapping) and (found := array_path(child, depth - 1)) is not None:
            return (name, *found)
    return None


def node_at(schema: Mapping[str, Any], path: tuple[str, ...]) -> Mapping[str, Any]:
    for name in path:
        schema = schema["properties"][name]
    return schema


def without_items(schema: Mapping[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """A copy of `schema` (copied along `path` only) whose array at `path` accepts any items."""
    if not path:
        return {**schema, "items": {}}
    name, rest = path[0], path[1:]
    properties = {**schema["properties"], name: without_items(schema["properties"][name], rest)}
    return {**schema, "properties": properties}


def bytes_of(item: Any) -> bytes | None:
    """The item as JSON bytes, its key among the items remembered; None for what orjson cannot write."""
    try:
        return orjson.dumps(item)
    except TypeError:  # an integer beyond 64 bits: judged every time
        return None


class SplitValidator:
    """`make(schema)` builds the validator of one schema; the list's items are judged apart and remembered."""

    def __init__(self, schema: Mapping[str, Any], make: Callable[[Mapping[str, Any]], Validator]) -> None:
        self.path = array_path(schema)
        self.known: dict[bytes, None] = {}
        if self.path is None:
            self.outer, self.items = make(schema), None
        else:
            self.outer, self.items = make(without_items(schema, self.path)), make(node_at(schema, self.path)["items"])

    def iter_errors(self, instance: Any) -> Iterator[ValidationError]:
        yield from self.outer.iter_errors(instance)
        if self.items is None or self.path is None:
            return
        array = instance
        for name in self.path:
            array = array.get(name) if isinstance(array, dict) else None
        if not isinstance(array, list):
            return  # the outer validator judged what stands there
        for index, item in enumerate(array):
            key = bytes_of(item)
            if key is not None and key in self.known:
                continue
            errors = list(self.items.iter_errors(item))
            for error in errors:
                error.path.extendleft(reversed((*self.path, index)))
                yield error
            if not errors and key is not None:
                if len(self.known) >= CAPACITY:
                    del self.known[next(iter(self.known))]
                self.known[key] = None
