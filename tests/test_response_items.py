"""Tests of mock_server.web.response_items: a bare array recognised as known items from its bytes, and only then."""

from __future__ import annotations

from typing import Any

import orjson
from hypothesis import given
from hypothesis import strategies as st

from mock_server.dialects.rendering import shared
from mock_server.web.response_items import PREFIX, KnownItems


def run(number: int, status: str = "COMPLETED") -> dict[str, Any]:
    return {"id": f"run_{number:04d}", "workflow_id": "wf_demo_workflow", "status": status, "input": {"n": number}}


def known(*items: Any, capacity: int = 1 << 20) -> KnownItems:
    memory = KnownItems(capacity)
    memory.learn(items)
    return memory


def test_a_body_made_wholly_of_known_items_is_recognised_with_their_number() -> None:
    memory = known(run(1), run(2), run(3))
    assert memory.leading(orjson.dumps([run(3), run(1), run(3)])) == (3, True)
    assert memory.leading(b"[]") == (0, True)


def test_an_unknown_item_stops_the_recognition_where_it_stands() -> None:
    memory = known(run(1), run(2))
    assert memory.leading(orjson.dumps([run(1), run(9), run(2)])) == (1, False)
    assert memory.leading(orjson.dumps([run(1), run(2, "FAILED")])) == (1, False)  # same start, other bytes


def test_anything_but_known_items_joined_by_commas_in_brackets_is_not_recognised() -> None:
    memory = known(run(1), run(2))
    one, two = orjson.dumps(run(1)), orjson.dumps(run(2))
    for body in (
        b"[" + one + b", " + two + b"]",  # another encoder's spacing
        b"[" + one + b"," + two + b",]",
        b"[" + one + two + b"]",
        b"[" + one + b"," + two,
        b"{" + one + b"}",
        b"[" + one[:-1] + b"]",
        b"[" + one + b"] ",
        b'{"items":[' + one + b"]}",
    ):
        assert memory.leading(body)[1] is False, body


def test_scalars_and_items_shorter_than_the_prefix_are_not_remembered() -> None:
    memory = known("x" * 200, 10**15, {"id": 1}, [run(1)])
    assert len(memory) == 1  # only the list holding a run
    assert memory.leading(orjson.dumps(["x" * 200]))[1] is False
    assert memory.leading(orjson.dumps([{"id": 1}]))[1] is False
    assert len(orjson.dumps({"id": 1})) < PREFIX


def test_items_are_remembered_once_and_the_first_remembered_is_forgotten_first() -> None:
    size = len(orjson.dumps(run(1)))
    memory = known(run(1), run(1), run(2), capacity=2 * size)
    assert len(memory) == 2
    memory.learn([run(3)])
    assert len(memory) == 2
    assert memory.size <= 2 * size
    assert memory.leading(orjson.dumps([run(1)]))[1] is False
    assert memory.leading(orjson.dumps([run(2), run(3)])) == (2, True)


@given(
    learned=st.sets(st.integers(0, 30), max_size=20),
    page=st.lists(st.integers(0, 30), max_size=12),
)
def test_a_page_is_recognised_exactly_when_every_item_of_it_was_learned(learned: set[int], page: list[int]) -> None:
    memory = known(*(run(number) for number in learned))
    count, whole = memory.leading(orjson.dumps([run(number) for number in page]))
    assert whole is set(page).issubset(learned)
    first_unknown = next((index for index, number in enumerate(page) if number not in learned), len(page))
    assert count == first_unknown


def test_an_array_of_known_items_is_found_where_it_opens_inside_an_envelope() -> None:
    memory = known(run(1), run(2))
    array = orjson.dumps([run(2), run(1)])
    body = b'{"data":{"items":' + array + b',"more":true}}'
    start = body.index(b"[")
    assert memory.array_at(body, start) == (2, start + len(array) - 1)
    assert memory.array_at(b'{"items":[],"n":1}', 9) == (0, 10)


def test_an_array_holding_anything_unknown_or_not_an_array_has_no_end() -> None:
    memory = known(run(1), run(2))
    one = orjson.dumps(run(1))
    assert memory.array_at(b'{"a":[' + one + b',{"x":1}]}', 5) == (1, -1)
    assert memory.array_at(b'{"a":[' + one + b" ]}", 5) == (1, -1)
    assert memory.array_at(b'{"a":' + one + b"}", 5) == (0, -1)
    assert memory.array_at(b"[", 0) == (0, -1)


def test_an_item_a_page_was_joined_from_is_remembered_as_that_very_object() -> None:
    joined_from = shared(orjson.dumps(run(7)))
    memory = known(run(7))
    assert memory.order[0] is joined_from
    assert memory.leading(orjson.dumps([run(7)])) == (1, True)


def test_the_item_that_followed_last_time_is_only_taken_where_its_bytes_are() -> None:
    memory = known(run(1), run(2), run(3))
    assert memory.leading(orjson.dumps([run(1), run(2)])) == (2, True)
    assert memory.leading(orjson.dumps([run(1), run(3)])) == (2, True)  # not run(2), which followed run(1)
    assert memory.leading(orjson.dumps([run(1), run(9)])) == (1, False)
    assert memory.leading(orjson.dumps([run(3), run(1), run(3)])) == (3, True)


def test_what_followed_what_stays_bounded_by_the_items_remembered() -> None:
    memory = known(run(1), run(2), capacity=2 * len(orjson.dumps(run(1))))
    for number in range(3, 60):
        memory.learn([run(number)])
        memory.leading(orjson.dumps([run(number - 1), run(number)]))
    assert len(memory.after) <= 2 * len(memory) + 1
