"""Judging a response body against its schema with a compiled validator (jsonschema-rs), compiled once per schema.

Connexion's own response validator builds a pure-Python jsonschema validator for every response and walks the
body keyword by keyword: a profile of never-seen requests with `--validate-responses` spent most of a request
there. The schema Connexion hands over is converted once (`response_schemas.draft4`) and compiled by
jsonschema-rs; a body is parsed once (orjson) and judged whole, which measured cheaper than parsing it and
re-encoding each item of a list to remember it. A list that is a bare array is first looked at as bytes: made
wholly of items that conformed before (`response_items.KnownItems`), it conforms without being parsed. A list in
an envelope (b3os' `data.items`) likewise: the envelope, with the array of known items cut out, is parsed and
judged alone, once its bytes are shown to hold that array exactly where the schema has the list.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import jsonschema_rs
import orjson

from mock_server.dialects.rendering import HOLE, around_hole
from mock_server.web.response_items import KnownItems
from mock_server.web.response_schemas import draft4

# Keywords of a bare array's schema that say nothing about a body's items or their number.
ANNOTATIONS = frozenset(
    {"$schema", "definitions", "description", "title", "example", "default", "deprecated", "externalDocs", "xml",
     "readOnly", "nullable", "x-nullable"}
)  # fmt: skip


class BodyJudge:
    """The compiled validator of one response schema; `fault` says what is wrong with a body, or None."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        document = draft4(schema)
        self.validator = jsonschema_rs.Draft4Validator(document, validate_formats=True)
        self.path: tuple[str, ...] = ()
        """Where the list of items sits: () for a bare array, the property names leading to it in an envelope."""
        bounds = array_bounds(document)
        if bounds is None and (found := list_in_envelope(document)) is not None:
            self.path, bounds = found
            # The envelope judged with an empty list, the list's bounds checked on the number of its items.
            self.envelope = jsonschema_rs.Draft4Validator(without_bounds(document, self.path), validate_formats=True)
        self.known = KnownItems() if bounds is not None else None
        self.fewest, self.most = bounds or (0, math.inf)

    def fault(self, body: bytes) -> str | None:
        """None when `body` conforms; otherwise one sentence naming where and what is wrong."""
        known = 0
        if self.known is not None:
            if self.path:
                if self.known_in_envelope(body):
                    return None
            else:
                known, whole = self.known.leading(body)
                if whole and self.fewest <= known <= self.most:
                    return None
        with collector_paused():
            return self.judged(body, known)

    def known_in_envelope(self, body: bytes) -> bool:
        """Whether `body` is an envelope holding, where the schema has the list, an array of known items, and
        conforms: the envelope around the array is parsed and judged, the array's bytes are compared."""
        assert self.known is not None
        start = body.find(b"[")
        count, end = self.known.array_at(body, start) if start > 0 else (0, -1)
        if end < 0 or not self.fewest <= count <= self.most:
            return False
        try:
            envelope = orjson.loads(body[:start] + b"[]" + body[end + 1 :])
        except orjson.JSONDecodeError:
            return False
        holder = envelope
        for name in self.path[:-1]:
            holder = holder.get(name) if isinstance(holder, dict) else None
        if not isinstance(holder, dict) or holder.get(self.path[-1]) != []:
            return False
        # The envelope encoded again, the list a hole: the body must be those very bytes with the known array in
        # the hole, so the array is the list the schema names (not bytes inside a string, or another field).
        holder[self.path[-1]] = HOLE
        around = around_hole(envelope)
        holder[self.path[-1]] = []
        if around != (body[:start], body[end + 1 :]):
            return False
        return bool(self.envelope.is_valid(envelope))

    def judged(self, body: bytes, known: int = 0) -> str | None:
        """The verdict of the parsed body; the items of a conforming list past the first `known` are remembered."""
        try:
            instance = orjson.loads(body) if body else None
        except orjson.JSONDecodeError as unreadable:
            return f"Response body is not JSON: {unreadable}"
        if self.validator.is_valid(instance):
            items = instance
            for name in self.path:
                items = items.get(name) if isinstance(items, dict) else None
            if self.known is not None and isinstance(items, list):
                self.known.learn(items[known:])  # each item of a conforming list conforms to its `items`
            return None
        # Only a refused body pays for the error's details.
        first = next(iter(self.validator.iter_errors(instance)))
        where = "/".join(str(part) for part in first.instance_path) or "the body"
        return f"Response body does not conform to the specification at {where}: {first.message}"


def array_bounds(document: Mapping[str, Any]) -> tuple[int, float] | None:
    """(minItems, maxItems) of a schema that is a bare array judged only by `items` and those bounds."""
    if document.get("type") not in ("array", ["array", "null"]) or not isinstance(document.get("items"), Mapping):
        return None
    if set(document) - ANNOTATIONS - {"type", "items", "minItems", "maxItems"}:
        return None  # uniqueItems and the like judge the items together
    return int(document.get("minItems", 0)), float(document.get("maxItems", math.inf))


def list_in_envelope(document: Mapping[str, Any]) -> tuple[tuple[str, ...], tuple[int, float]] | None:
    """The path of property names to the one list (as `array_bounds` takes it) of an envelope whose objects judge
    each property by its own schema alone, and its bounds; None for any other schema."""
    found = []
    for name, child in document.get("properties", {}).items() if envelope_object(document) else ():
        if not isinstance(child, Mapping):
            continue
        bounds = array_bounds(child)
        if bounds is not None:
            found.append(((name,), bounds))
        elif (inner := list_in_envelope(child)) is not None:
            found.append(((name, *inner[0]), inner[1]))
    return found[0] if len(found) == 1 else None


def envelope_object(document: Mapping[str, Any]) -> bool:
    """An object schema whose keywords judge a listed property by its `properties` entry alone."""
    judging = {"type", "properties", "required", "additionalProperties", "minProperties", "maxProperties"}
    return document.get("type") == "object" and not set(document) - ANNOTATIONS - judging


def without_bounds(document: Mapping[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """`document` with the list at `path` stripped of `minItems` and `maxItems`."""
    properties = dict(document["properties"])
    child = properties[path[0]]
    if len(path) == 1:
        properties[path[0]] = {key: value for key, value in child.items() if key not in ("minItems", "maxItems")}
    else:
        properties[path[0]] = without_bounds(child, path[1:])
    return {**document, "properties": properties}


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a body is parsed and judged.

    Parsing a page allocates thousands of containers, all freed by reference counting once it is judged; with
    the collector on they set off young-generation collections that promote them, and so the full collections
    of the mock's large heap that follow (on cortex-v1 pages, more than half of judging a page went to them,
    and with the collector paused the collections per request are those of the mock without validation).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
