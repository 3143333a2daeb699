"""Tests of mock_server.dialects.rendering: a record rendered once per set of argument objects, within bounds."""

from __future__ import annotations

from typing import Any

from mock_server.data.schedule import live_store
from mock_server.dialects import DIALECTS
from mock_server.dialects.base import OperationRequest
from mock_server.dialects.rendering import rendered_once


class Counting:
    def __init__(self) -> None:
        self.calls = 0

    def render(self, record: object, flag: bool) -> dict[str, Any]:
        self.calls += 1
        return {"record": id(record), "flag": flag}


def test_the_same_argument_objects_are_rendered_once_and_share_the_result() -> None:
    counting = Counting()
    render = rendered_once(Counting.render)
    record = object()
    first = render(counting, record, True)
    assert render(counting, record, True) is first
    assert counting.calls == 1


def test_other_objects_or_flags_are_rendered_afresh_even_when_equal() -> None:
    counting = Counting()
    render = rendered_once(Counting.render)
    one, other = [1, 2], [1, 2]
    render(counting, one, True)
    render(counting, other, True)
    render(counting, one, False)
    assert counting.calls == 3


def test_the_memory_keeps_at_most_its_capacity_dropping_the_oldest() -> None:
    counting = Counting()
    render = rendered_once(Counting.render, capacity=2)
    records = [object() for _ in range(3)]
    for record in records:
        render(counting, record, True)
    render(counting, records[2], True)
    assert counting.calls == 3
    render(counting, records[0], True)  # dropped when the third arrived
    assert counting.calls == 4


def test_a_run_renders_the_same_on_every_page_it_appears_on() -> None:
    dialect = DIALECTS["b3os"]
    store = live_store(0, dialect.vocabulary)
    handler = dialect.handlers()["listWorkflowRuns"]
    path = {"id": store.demo.workflow_id}

    def page(limit: int, offset: int) -> list[Any]:
        query = {"limit": limit, "offset": offset, "status": None}
        items: list[Any] = handler(store, OperationRequest(path, query)).body["data"]["items"]
        return items

    wide, narrow = page(10, 0), page(3, 4)
    assert narrow == wide[4:7]
    assert narrow[0] is wide[4]
