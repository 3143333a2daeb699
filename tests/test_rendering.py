"""Tests of mock_server.dialects.rendering: a record rendered and encoded once per dialect instance and values of its
arguments, within bounds, and pages built from encoded runs byte for byte as the plain page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import orjson
import pytest

from mock_server.data.generate import REFERENCE_TIME
from mock_server.data.schedule import live_store
from mock_server.data.view import Selection, StoreView
from mock_server.dialects import DIALECTS
from mock_server.dialects.base import OperationRequest, choice_filter
from mock_server.dialects.rendering import (
    HOLE,
    Renderings,
    Shared,
    around_hole,
    encoded_items,
    encoded_once,
    rendered_once,
    shared,
)


class Counting:
    def __init__(self, capacity: int = 8) -> None:
        self.renderings = Renderings(capacity)
        self.calls = 0

    @rendered_once
    def render(self, record: tuple[int, ...], flag: bool) -> dict[str, Any]:
        self.calls += 1
        return {"record": list(record), "flag": flag}

    encode = encoded_once(render)


def test_equal_arguments_are_rendered_once_and_share_the_result() -> None:
    counting = Counting()
    first = counting.render((1, 2), True)
    assert counting.render((1, 2), True) is first  # another tuple, of equal value
    assert counting.calls == 1


def test_other_values_or_flags_are_rendered_afresh() -> None:
    counting = Counting()
    counting.render((1, 2), True)
    counting.render((1, 3), True)
    counting.render((1, 2), False)
    assert counting.calls == 3


def test_each_instance_keeps_renderings_of_its_own() -> None:
    one, other = Counting(), Counting()
    one.render((1,), True)
    other.render((1,), True)
    assert (one.calls, other.calls) == (1, 1)


def test_the_memory_keeps_at_most_its_capacity_per_renderer_dropping_the_oldest() -> None:
    counting = Counting(capacity=2)
    for number in range(3):
        counting.render((number,), True)
    counting.render((2,), True)
    assert counting.calls == 3
    counting.render((0,), True)  # dropped when the third arrived
    assert counting.calls == 4


def test_encoded_once_encodes_the_rendering_once_per_argument_values() -> None:
    counting = Counting()
    assert counting.encode((7,), True) == orjson.dumps({"record": [7], "flag": True})
    assert counting.encode((7,), True) is counting.encode((7,), True)
    assert counting.calls == 1
    assert counting.render((7,), True) == {"record": [7], "flag": True}  # the rendering is remembered too
    assert counting.calls == 1


def test_a_run_equal_to_one_rendered_reuses_its_rendering_and_a_changed_one_does_not() -> None:
    dialect: Any = DIALECTS["b3os"]()
    run = live_store(0, dialect.vocabulary).all_runs[0]
    rendered = dialect.run(run)
    assert dialect.run(replace(run)) is rendered  # an equal run in a later view of the data
    changed = replace(run, is_test=not run.is_test)  # same id and update time, another value
    assert dialect.run(changed) is not rendered
    assert dialect.run(changed)["isDustTest"] is changed.is_test


class Encoding:
    def __init__(self) -> None:
        self.encoded: list[int] = []

    def encode(self, run: int) -> bytes:
        self.encoded.append(run)
        return orjson.dumps({"run": run})


def test_each_run_of_a_selection_is_encoded_once_for_every_page_cut_from_it() -> None:
    encoding = Encoding()
    runs = Selection(range(10))
    first = orjson.dumps(encoded_items(runs, 2, 6, encoding.encode))
    second = orjson.dumps(encoded_items(runs, 4, 9, encoding.encode))
    assert first == orjson.dumps([{"run": run} for run in runs[2:6]])
    assert second == orjson.dumps([{"run": run} for run in runs[4:9]])
    assert sorted(encoding.encoded) == list(runs[2:9])


def test_a_page_past_the_end_of_a_selection_is_an_empty_or_shorter_array() -> None:
    encoding, runs = Encoding(), Selection([0, 1])
    assert orjson.dumps(encoded_items(runs, 5, 10, encoding.encode)) == b"[]"
    assert orjson.dumps(encoded_items(runs, 1, 10, encoding.encode)) == orjson.dumps([{"run": 1}])
    assert encoding.encoded == [1]


def test_the_runs_of_a_page_are_the_one_shared_object_of_their_value() -> None:
    first = shared(orjson.dumps({"run": "shared-1"}))
    page = encoded_items(Selection([object()]), 0, 1, lambda _: orjson.dumps({"run": "shared-1"}))
    assert page.parts[0] is first
    assert shared(bytes(bytearray(first))) is first


def test_the_shared_values_are_bounded_in_number_and_bytes_dropping_the_oldest() -> None:
    values = [orjson.dumps({"n": n}) for n in range(4)]
    by_number, by_size = Shared(count=2), Shared(size=len(values[0]) * 3)
    for value in values:
        by_number(value)
        by_size(value)
    assert list(by_number) == values[2:]
    assert list(by_size) == values[1:]
    assert by_size.held == sum(map(len, values[1:]))


def test_what_the_encoding_depends_on_is_part_of_the_key_and_each_selection_keeps_its_own() -> None:
    encoding, runs = Encoding(), Selection([0])
    encoded_items(runs, 0, 1, encoding.encode, True)
    encoded_items(runs, 0, 1, encoding.encode, False)
    encoded_items(runs, 0, 1, encoding.encode, True)
    encoded_items(Selection([0]), 0, 1, encoding.encode, True)  # an equal selection of another view
    assert len(encoding.encoded) == 3


def defragmented(body: Any, items: Any) -> Any:
    """`body` with the page of runs (the fragment) replaced by `items`."""
    return {**body, "data": {**body["data"], "items": items}} if isinstance(body, dict) else items


def b3os_pages(dialect: Any, view: StoreView) -> Iterator[tuple[OperationRequest, list[Any]]]:
    workflow = view.workflow(view.demo.tenant_id, view.demo.workflow_id)
    assert workflow is not None
    for limit, offset, status in ((10, 0, None), (3, 4, None), (5, 8, "success"), (50, 2, None), (5, 9999, None)):
        query = {"limit": limit, "offset": offset, "status": status}
        runs = view.runs(workflow.tenant_id, workflow.id, states=choice_filter(status, dialect.statuses))
        yield OperationRequest({"id": workflow.id}, query), [dialect.run(run) for run in runs[offset : offset + limit]]


def aitasker_pages(dialect: Any, view: StoreView) -> Iterator[tuple[OperationRequest, list[Any]]]:
    path = {"workspace_id": view.demo.tenant_id, "workflow_id": view.demo.workflow_id}
    runs = view.runs(view.demo.tenant_id, view.demo.workflow_id)
    yield OperationRequest(path, {}), [dialect.run(run) for run in runs]


def platform_pages(dialect: Any, view: StoreView) -> Iterator[tuple[OperationRequest, list[Any]]]:
    """cortex (both revisions) and invent: page/take, the flag that widens a run, a status filter."""
    tenant, workflow_id = view.demo.tenant_id, view.demo.workflow_id
    flag = "expand" if dialect.name == "invent" else "verbose"
    for page, take, widened, status in ((1, 10, False, None), (2, 3, False, None), (1, 5, True, "COMPLETED")):
        query = {
            "page": page,
            "take": take,
            "status": status,
            flag: (["all"] if flag == "verbose" else True) if widened else None,
        }
        if dialect.name == "invent":
            runs = view.runs(tenant, states=choice_filter(status, dialect.statuses))
            path = {"org_id": tenant}
        else:
            runs = view.runs(tenant, workflow_id, states=choice_filter(status, dialect.statuses))
            path = {"app_id": tenant, "workflow_id": workflow_id}
        plain = []
        for run in runs[(page - 1) * take : page * take]:
            workflow = view.workflow(run.workflow_tenant_id, run.workflow_id)
            assert workflow is not None
            plain.append(dialect.run(run, workflow, widened))
        yield OperationRequest(path, query, default_tenant_id=tenant), plain


@pytest.mark.parametrize("name", DIALECTS)
def test_a_page_built_from_encoded_runs_is_the_bytes_of_the_plain_page(name: str) -> None:
    dialect = DIALECTS[name]()
    view = live_store(0, dialect.vocabulary).at(REFERENCE_TIME + timedelta(seconds=1))
    handler = next(handle for handle in dialect.handlers().values() if getattr(handle, "__name__", "") == "list_runs")
    pages = {"b3os": b3os_pages, "aitasker": aitasker_pages}.get(name, platform_pages)
    requests = list(pages(dialect, view))
    for _ in range(2):  # the second time every run is already encoded
        for request, plain in requests:
            body = handler(view, request).body
            assert orjson.dumps(body) == orjson.dumps(defragmented(body, plain)), request


def test_around_a_hole_are_the_bytes_orjson_makes_of_the_document_before_and_after_it() -> None:
    document = {"code": 0, "data": {"items": HOLE, "note": "a\x00b"}}
    # A NUL in a string is escaped, so the hole's is the only one.
    assert around_hole(document) == (b'{"code":0,"data":{"items":', b',"note":"a\\u0000b"}}')
    assert around_hole({"no": "hole"}) is None
    assert around_hole([HOLE, HOLE]) is None
