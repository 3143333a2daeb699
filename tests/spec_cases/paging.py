"""The `page`/`take` paging cortex and invent share: its parameters' values and its answer's headers."""

from __future__ import annotations

import pytest

HEADERS = [
    pytest.param("200", "pagination-count", {"type": "integer", "minimum": 0}, id="pagination-count"),
    pytest.param("200", "pagination-page", {"type": "integer", "minimum": 1}, id="pagination-page"),
    pytest.param("200", "pagination-take", {"type": "integer", "minimum": 1}, id="pagination-take"),
    pytest.param("429", "Retry-After", {"type": "integer", "minimum": 0}, id="429-retry-after"),
]
DEFAULTS = {"page": 1, "take": 20}
ACCEPTED = [
    pytest.param("page", 1, id="page-first"),
    pytest.param("page", 250, id="page-far"),
    pytest.param("take", 1, id="take-minimum"),
    pytest.param("take", 100, id="take-maximum"),
    pytest.param("next", "", id="next-empty-means-no-token"),
]
REJECTED = [
    pytest.param("page", 0, id="page-zero-pages-are-1-based"),
    pytest.param("page", -1, id="page-negative"),
    pytest.param("page", 2**53, id="page-beyond-the-largest-exact-javascript-integer"),
    pytest.param("page", 1.5, id="page-not-whole"),
    pytest.param("take", 0, id="take-zero"),
    pytest.param("take", 101, id="take-above-100"),
    pytest.param("take", 20.5, id="take-not-whole"),
]
