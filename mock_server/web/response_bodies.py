"""Judging a response body against its schema with a compiled validator (jsonschema-rs), compiled once per schema.

Connexion's own response validator builds a pure-Python jsonschema validator for every response and walks the
body keyword by keyword: a profile of never-seen requests with `--validate-responses` spent most of a request
there. The schema Connexion hands over is converted once (`response_schemas.draft4`) and compiled by
jsonschema-rs; a body is parsed once (orjson) and judged whole, which measured cheaper than parsing it and
re-encoding each item of a list to remember it. A list that is a bare array is first looked at as bytes: made
wholly of items that conformed before (`response_items.KnownItems`), it conforms without being parsed.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import jsonschema_rs
import orjson

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
        bounds = array_bounds(document)
        self.known = KnownItems() if bounds is not None else None
        self.fewest, self.most = bounds or (0, math.inf)

    def fault(self, body: bytes) -> str | None:
        """None when `body` conforms; otherwise one sentence naming where and what is wrong."""
        known = 0
        if self.known is not None:
            known, whole = self.known.leading(body)
            if whole and self.fewest <= known <= self.most:
                return None
        with collector_paused():
            return self.judged(body, known)

    def judged(self, body: bytes, known: int = 0) -> str | None:
        """The verdict of the parsed body; the items of a conforming bare array past the first `known` are
        remembered."""
        try:
            instance = orjson.loads(body) if body else None
        except orjson.JSONDecodeError as unreadable:
            return f"Response body is not JSON: {unreadable}"
        if self.validator.is_valid(instance):
            if self.known is not None and isinstance(instance, list):
                self.known.learn(instance[known:])  # each item of a conforming bare array conforms to `items`
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
