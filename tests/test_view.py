"""What handlers read: a view's selections are tuples of their runs that keep what readers derive from them."""

from __future__ import annotations

from datetime import timedelta

from mock_server.data.generate import REFERENCE_TIME
from mock_server.data.schedule import live_store
from mock_server.data.view import Selection, StoreView
from mock_server.dialects import DIALECTS


def test_a_selection_is_the_tuple_of_its_items_and_its_slices_plain_tuples() -> None:
    selection = Selection(["a", "b", "c"])
    assert selection == ("a", "b", "c")
    assert type(selection[1:]) is tuple
    assert Selection([]) == ()


def test_each_selection_keeps_a_memo_of_its_own() -> None:
    one, other = Selection([1]), Selection([1])
    one.memo["page"] = "encoded"
    assert (one.memo, other.memo) == ({"page": "encoded"}, {})


def test_a_view_gives_the_same_selection_for_the_same_filters_while_it_lasts() -> None:
    store = live_store(0, DIALECTS["invent"]().vocabulary)
    view: StoreView = store.at(REFERENCE_TIME)
    tenant = view.demo.tenant_id
    selection = view.runs(tenant, origins={"WEBHOOK"})
    selection.memo["page"] = "encoded"
    assert view.runs(tenant, origins=["WEBHOOK"]) is selection
    later = store.at(REFERENCE_TIME + timedelta(hours=1))
    assert later.runs(tenant, origins={"WEBHOOK"}).memo == {}


def test_a_workflow_is_found_by_its_id_alone_the_first_one_where_tenants_share_it() -> None:
    view: StoreView = live_store(0, DIALECTS["b3os"]().vocabulary).at(REFERENCE_TIME)
    for workflow in view.workflows:
        assert view.workflow_by_id(workflow.id) == workflow
    assert view.workflow_by_id("wf_nope") is None
