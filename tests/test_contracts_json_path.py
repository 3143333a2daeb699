"""Reading a value at a path inside a JSON document."""

from __future__ import annotations

from contracts.core.json_path import MISSING, dig, shown


def test_dig_follows_keys_and_tells_a_missing_value_from_null() -> None:
    document = {"data": {"items": [1], "next": None}}

    assert dig(document, ("data", "items")) == [1]
    assert dig(document, ("data", "next")) is None
    assert dig(document, ("data", "absent")) is MISSING
    assert dig([1, 2], ("data",)) is MISSING
    assert dig(document, ()) is document


def test_paths_are_shown_as_a_reader_writes_them() -> None:
    assert shown(("data", "hasMore")) == "data.hasMore"
    assert shown(()) == "(the body)"
