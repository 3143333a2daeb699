"""Following the spec's links: runtime expressions read from the request's path and the answer's body."""

from __future__ import annotations

from contracts.spec.links import Link, pointer, response_links
from workflow_runs_specs import reader


def test_a_json_pointer_reads_objects_and_arrays_and_misses_what_is_not_there() -> None:
    body = {"data": {"items": [{"id": "run_1"}], "a/b": 1, "t~": 2}}
    assert pointer(body, "/data/items/0/id") == "run_1"
    assert pointer(body, "/data/a~1b") == 1
    assert pointer(body, "/data/t~0") == 2
    assert pointer(body, "/data/items/1/id") is None
    assert pointer(body, "/data/missing") is None


def test_link_arguments_come_from_the_request_path_and_the_answer() -> None:
    link = Link("GetRun", "getRun", {"workflow_id": "$request.path.workflow_id", "run_id": "$response.body#/0/id"})
    assert link.arguments({"workflow_id": "wf_1"}, [{"id": "run_9"}]) == {"workflow_id": "wf_1", "run_id": "run_9"}
    assert link.from_answer("run_id")
    assert not link.from_answer("workflow_id")


def test_a_link_whose_expression_reaches_nothing_has_no_arguments() -> None:
    link = Link("GetRun", "getRun", {"run_id": "$response.body#/0/id"})
    assert link.arguments({}, []) is None
    assert Link("GetRun", "getRun", {"run_id": "$response.body#/0"}).arguments({}, [{"id": "x"}]) is None


def test_the_b3os_list_links_its_first_run_to_get_cancel_and_retry() -> None:
    spec = reader.Spec.of_dialect("b3os")
    links = {link.operation_id: link for link in response_links(spec.list_runs(), 200)}
    assert set(links) == {"getRun", "cancelRun", "retryRun"}
    assert links["getRun"].parameters == {"id": "$response.body#/data/items/0/id"}
