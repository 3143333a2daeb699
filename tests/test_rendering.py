"""Tests of mock_server.dialects.rendering: a record rendered and encoded once per set of argument objects, within
bounds, and pages built from encoded runs byte for byte as the plain page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson
import pytest

from mock_server.data.schedule import live_store
from mock_server.data.store import Store
from mock_server.dialects import DIALECTS
from mock_server.dialects.base import OperationRequest, choice_filter
from mock_server.dialects.rendering import (
    HOLE,
    Shared,
    around_hole,
    encoded_items,
    encoded_once,
    rendered_once,
    shared,
)


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


class Encoding:
    def __init__(self) -> None:
        self.encoded: list[object] = []

    def encode(self, run: object) -> bytes:
        self.encoded.append(run)
        return orjson.dumps({"run": id(run)})


def test_each_run_of_a_selection_is_encoded_once_for_every_page_cut_from_it() -> None:
    encoding, owner = Encoding(), object()
    runs = tuple(object() for _ in range(10))
    first = orjson.dumps(encoded_items(runs, 2, 6, encoding.encode, owner))
    second = orjson.dumps(encoded_items(runs, 4, 9, encoding.encode, owner))
    assert first == orjson.dumps([{"run": id(run)} for run in runs[2:6]])
    assert second == orjson.dumps([{"run": id(run)} for run in runs[4:9]])
    assert sorted(map(id, encoding.encoded)) == sorted(map(id, runs[2:9]))


def test_a_page_past_the_end_of_a_selection_is_an_empty_or_shorter_array() -> None:
    encoding, runs = Encoding(), (object(), object())
    assert orjson.dumps(encoded_items(runs, 5, 10, encoding.encode)) == b"[]"
    assert orjson.dumps(encoded_items(runs, 1, 10, encoding.encode)) == orjson.dumps([{"run": id(runs[1])}])
    assert encoding.encoded == [runs[1]]


def test_the_runs_of_a_page_are_the_one_shared_object_of_their_value() -> None:
    first = shared(orjson.dumps({"run": "shared-1"}))
    page = encoded_items((object(),), 0, 1, lambda _: orjson.dumps({"run": "shared-1"}))
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


def test_what_the_encoding_depends_on_is_part_of_the_key() -> None:
    encoding, runs = Encoding(), (object(),)
    encoded_items(runs, 0, 1, encoding.encode, True)
    encoded_items(runs, 0, 1, encoding.encode, False)
    encoded_items(runs, 0, 1, encoding.encode, True)
    assert len(encoding.encoded) == 2


def test_encoded_once_encodes_the_rendering_once_per_argument_objects() -> None:
    counting = Counting()
    encode = encoded_once(Counting.render)
    record = object()
    assert encode(counting, record, True) == orjson.dumps({"record": id(record), "flag": True})
    assert encode(counting, record, True) is encode(counting, record, True)
    assert counting.calls == 1


def defragmented(body: Any, items: Any) -> Any:
    """`body` with the page of runs (the fragment) replaced by `items`."""
    return {**body, "data": {**body["data"], "items": items}} if isinstance(body, dict) else items


def b3os_pages(store: Store) -> Iterator[tuple[OperationRequest, list[Any]]]:
    dialect: Any = DIALECTS["b3os"]
    workflow = store.workflow(store.demo.tenant_id, store.demo.workflow_id)
    assert workflow is not None
    for limit, offset, status in ((10, 0, None), (3, 4, None), (5, 8, "success"), (50, 2, None), (5, 9999, None)):
        query = {"limit": limit, "offset": offset, "status": status}
        runs = store.runs(workflow.tenant_id, workflow.id, states=choice_filter(status, dialect.statuses))
        yield OperationRequest({"id": workflow.id}, query), [dialect.run(run) for run in runs[offset : offset + limit]]


def aitasker_pages(store: Store) -> Iterator[tuple[OperationRequest, list[Any]]]:
    dialect: Any = DIALECTS["aitasker"]
    path = {"workspace_id": store.demo.tenant_id, "workflow_id": store.demo.workflow_id}
    runs = store.runs(store.demo.tenant_id, store.demo.workflow_id)
    yield OperationRequest(path, {}), [dialect.run(run) for run in runs]


def platform_pages(name: str, store: Store) -> Iterator[tuple[OperationRequest, list[Any]]]:
    """cortex (both revisions) and invent: page/take, the flag that widens a run, a status filter."""
    dialect: Any = DIALECTS[name]
    tenant, workflow_id = store.demo.tenant_id, store.demo.workflow_id
    flag = "expand" if name == "invent" else "verbose"
    for page, take, widened, status in ((1, 10, False, None), (2, 3, False, None), (1, 5, True, "COMPLETED")):
        query = {
            "page": page,
            "take": take,
            "status": status,
            flag: (["all"] if flag == "verbose" else True) if widened else None,
        }
        if name == "invent":
            runs = store.runs(tenant, states=choice_filter(status, dialect.statuses))
            path = {"org_id": tenant}
        else:
            runs = store.runs(tenant, workflow_id, states=choice_filter(status, dialect.statuses))
            path = {"app_id": tenant, "workflow_id": workflow_id}
        plain = []
        for run in runs[(page - 1) * take : page * take]:
            workflow = store.workflow(run.workflow_tenant_id, run.workflow_id)
            assert workflow is not None
            plain.append(
                dialect.run(run, workflow.draft_steps, widened)
                if name == "invent"
                else dialect.run(run, workflow, widened)
            )
        yield OperationRequest(path, query, default_tenant_id=tenant), plain


@pytest.mark.parametrize("name", DIALECTS)
def test_a_page_built_from_encoded_runs_is_the_bytes_of_the_plain_page(name: str) -> None:
    dialect = DIALECTS[name]
    store = live_store(0, dialect.vocabulary)
    handler = next(handle for handle in dialect.handlers().values() if getattr(handle, "__name__", "") == "list_runs")
    pages = {"b3os": b3os_pages, "aitasker": aitasker_pages}.get(name)
    requests = list(pages(store) if pages else platform_pages(name, store))
    for _ in range(2):  # the second time every run is already encoded
        for request, plain in requests:
            body = handler(store, request).body
            assert orjson.dumps(body) == orjson.dumps(defragmented(body, plain)), request


def test_around_a_hole_are_the_bytes_orjson_makes_of_the_document_before_and_after_it() -> None:
    document = {"code": 0, "data": {"items": HOLE, "note": "a\x00b"}}
    # A NUL in a string is escaped, so the hole's is the only one.
    assert around_hole(document) == (b'{"code":0,"data":{"items":', b',"note":"a\\u0000b"}}')
    assert around_hole({"no": "hole"}) is None
    assert around_hole([HOLE, HOLE]) is None
