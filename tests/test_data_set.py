"""A served data set: every dialect's data on one clock, changed one dialect at a time."""

from __future__ import annotations

from mock_server.data.changes import Reset, Trigger
from mock_server.data.clock import VirtualClock
from mock_server.data.generate import REFERENCE_TIME
from mock_server.data.writes import TriggerRequest
from mock_server.dialects import DIALECTS
from mock_server.web.data_set import DataSet
from mock_server.web.request_ids import RequestIds


def data_set(seed: int = 0) -> DataSet:
    vocabularies = [DIALECTS[name]().vocabulary for name in ("b3os", "invent")]
    return DataSet.generated(seed, vocabularies, VirtualClock(REFERENCE_TIME, speed=0))


def test_each_dialect_reads_its_data_on_the_clock_of_the_set() -> None:
    data = data_set()
    before = data.read("b3os")
    data.clock.advance(3600)
    after = data.read("b3os")
    assert after.version[2] > before.version[2]
    assert data.version("b3os") == after.version
    assert data.read("invent").view.demo.tenant_id.startswith("org_")


def test_a_change_applies_to_its_dialect_alone_at_the_clocks_now() -> None:
    data = data_set()
    data.clock.advance(90)
    invent = data.read("invent")
    demo = data.read("b3os").view.demo
    run = data.apply("b3os", Trigger(TriggerRequest(demo.workflow_id, demo.tenant_id))).run
    assert run is not None
    assert run.created_at == data.clock.now()
    assert data.read("b3os").version[1] == 1
    assert data.read("invent") == invent


def test_a_reset_restarts_its_dialects_request_ids_from_its_seed() -> None:
    data = data_set()
    first = data.request_ids["b3os"].next()
    assert first == RequestIds(0, "b3os").next()
    data.apply("b3os", Reset(9))
    assert data.request_ids["b3os"].next() == RequestIds(9, "b3os").next()
    assert data.request_ids["invent"].next() == RequestIds(0, "invent").next()
