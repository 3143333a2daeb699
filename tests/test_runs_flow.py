"""The runs resource through a real server, per dialect: trigger, get, list, cancel (or retry, replay), get
again; every answer conforms to the spec's schema of its operation and status, and they tell one story."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from openapi_schema_validator import OAS30Validator

from mock_server import Settings, create_app
from mock_server.dialects import DIALECTS
from mock_server.testing import serving
from workflow_runs_specs.reader import Spec


@pytest.fixture(scope="module")
def mock() -> Iterator[str]:
    with serving(create_app(Settings(seed=0, clock_speed=0))) as url:
        yield url


class Flow:
    """Requests of one dialect, each answer checked against the schema its spec gives the operation and status."""

    def __init__(self, url: str, dialect: str) -> None:
        self.spec = Spec.of_dialect(dialect)
        self.base = f"{url}/{dialect}"
        self.headers = {"Authorization": f"Bearer {DIALECTS[dialect]().demo_token}"}
        self.params: dict[str, str] = httpx.get(f"{url}/__mock__/fixtures").json()[dialect]["params"]

    def call(self, operation_id: str, path: dict[str, str], body: Any = None, status: int = 200, **query: Any) -> Any:
        operation = self.spec.operation(operation_id)
        target = operation.path.format(**path)
        response = httpx.request(
            operation.method.upper(), f"{self.base}{target}", headers=self.headers, json=body, params=query
        )
        assert response.status_code == status, (operation_id, response.text)
        schema = operation.response_schema(status)
        assert schema is not None, f"{operation_id} documents no {status} body"
        OAS30Validator({**schema, "components": self.spec.document["components"]}).validate(response.json())
        return response.json()


def test_aitasker_trigger_get_and_list_tell_the_same_story(mock: str) -> None:
    flow = Flow(mock, "aitasker")
    run = flow.call("triggerWorkspaceWorkflow", flow.params, {"trigger_payload": {"ticket_id": "SUP-1"}})
    assert (run["status"], run["trigger_payload"]) == ("pending", {"ticket_id": "SUP-1"})
    got = flow.call("getRun", {**flow.params, "run_id": run["id"]})
    listed = flow.call("getWorkspaceWorkflowRuns", flow.params)
    assert got == run == listed[0]
    other = {**flow.params, "workflow_id": "00000000-0000-4000-8000-000000000000", "run_id": run["id"]}
    flow.call("getRun", other, status=404)


def test_b3os_run_get_list_cancel_retry_and_get_again_tell_the_same_story(mock: str) -> None:
    flow = Flow(mock, "b3os")
    created = flow.call("runWorkflow", flow.params, {"payload": {"amount": 5}, "simulate": True})
    run_id = created["data"]["runId"]
    got = flow.call("getRun", {"id": run_id})["data"]
    assert (got["status"], got["isSimulation"], got["simulationForks"] != []) == ("running", True, True)
    listed = flow.call("listWorkflowRuns", flow.params)["data"]["items"][0]
    assert listed == {key: got[key] for key in listed}
    cancelled = flow.call("cancelRun", {"id": run_id})["data"]
    assert cancelled["status"] == "cancelled"
    assert cancelled["finishedAt"] is not None
    flow.call("cancelRun", {"id": run_id}, status=409)
    retried = flow.call("retryRun", {"id": run_id})["data"]
    assert (retried["sourceRunId"], retried["status"]) == (run_id, "running")
    again = flow.call("getRun", {"id": run_id}, summary="true")["data"]
    assert again["status"] == "cancelled"
    assert "executionState" not in again
    heads = flow.call("listWorkflowRuns", flow.params)["data"]["items"]
    # Made at the same frozen instant, the two are ordered by id (descending), as the spec says of ties.
    assert [item["id"] for item in heads[:2]] == sorted([retried["id"], run_id], reverse=True)


@pytest.mark.parametrize("dialect", ["cortex-v1", "cortex-v2"])
def test_cortex_run_get_list_cancel_replay_and_get_again_tell_the_same_story(mock: str, dialect: str) -> None:
    flow = Flow(mock, dialect)
    run = flow.call("runWorkflow", flow.params, {"input": {"ticket_id": "SUP-2"}})
    one = {**flow.params, "run_id": run["id"]}
    assert (run["status"], run["origin"]) == ("PENDING", "ENDPOINT")
    assert flow.call("getWorkflowRun", one) == run == flow.call("getWorkflowRuns", flow.params)[0]
    cancelled = flow.call("cancelWorkflowRun", one)
    assert cancelled["status"] == "CANCELLED"
    assert flow.call("getWorkflowRun", one) == cancelled == flow.call("getWorkflowRuns", flow.params)[0]
    refused = flow.call("cancelWorkflowRun", one, status=409)
    assert refused["message"] == f"run {run['id']} is CANCELLED and cannot be cancelled"  # the vendor's state name
    replayed = flow.call("replayWorkflowRun", one, {"identifier": "flow"})
    assert replayed["id"] != run["id"]
    assert replayed["input"] == {"ticket_id": "SUP-2"}
    assert flow.call("replayWorkflowRun", one, {"identifier": "flow"})["id"] == replayed["id"]
    if dialect == "cortex-v2":
        kept = flow.call(
            "updateRunDataRetentionConfiguration", one, {"max_age_in_seconds": 60, "preserve_on_failure": False}
        )
        assert kept["retention"] == {"max_age_in_seconds": 60, "preserve_on_failure": False}
        assert kept["retention_due_at"] is not None
        assert flow.call("getWorkflowRun", one) == kept


def test_invent_run_heads_the_org_list_at_once(mock: str) -> None:
    flow = Flow(mock, "invent")
    listed = flow.call("getOrgWorkflowRuns", flow.params)
    workflow_id = listed[0]["workflow_id"]
    run = flow.call("runWorkflow", {**flow.params, "workflow_id": workflow_id}, {"identifier": "flow"})
    assert run["status"] == "PENDING"
    assert flow.call("getOrgWorkflowRuns", flow.params)[0] == run
    same = flow.call("runWorkflow", {**flow.params, "workflow_id": workflow_id}, {"identifier": "flow"})
    assert same == run


@pytest.mark.slow
def test_the_same_seed_and_the_same_requests_give_byte_identical_answers_and_a_reset_restores_the_data() -> None:
    def session(url: str) -> list[bytes]:
        flow = Flow(url, "cortex-v2")
        answers = []
        for _ in range(2):
            made = httpx.post(
                f"{flow.base}/apps/{flow.params['app_id']}/workflows/{flow.params['workflow_id']}/runs",
                json={"input": {"n": 1}},
                headers=flow.headers,
            )
            run_id = made.json()["id"]
            cancel = (
                f"{flow.base}/apps/{flow.params['app_id']}/workflows/{flow.params['workflow_id']}/runs/{run_id}/cancel"
            )
            answers += [made.content, httpx.post(cancel, headers=flow.headers).content]
        listing = f"{flow.base}/apps/{flow.params['app_id']}/workflows/{flow.params['workflow_id']}/runs"
        answers.append(httpx.get(listing, headers=flow.headers).content)
        return answers

    settings = Settings(seed=3, clock_speed=0, admin_token="admin-secret")
    with serving(create_app(settings)) as first, serving(create_app(settings)) as second:
        once = session(first)
        assert once == session(second)
        flow = Flow(first, "cortex-v2")
        listing = f"{flow.base}/apps/{flow.params['app_id']}/workflows/{flow.params['workflow_id']}/runs"
        reset = httpx.post(
            f"{first}/__mock__/reset", json={"seed": 3}, headers={"Authorization": "Bearer admin-secret"}
        )
        assert reset.status_code == 200
        assert session(first) == once
        assert httpx.get(listing, headers=flow.headers).content == once[-1]


def test_a_run_of_another_workflow_is_the_documented_404_through_get_and_every_write(mock: str) -> None:
    flow = Flow(mock, "cortex-v1")
    run = flow.call("runWorkflow", flow.params, {})
    elsewhere = {**flow.params, "workflow_id": "wf_elsewhere", "run_id": run["id"]}
    for operation_id in ("getWorkflowRun", "cancelWorkflowRun", "replayWorkflowRun"):
        flow.call(operation_id, elsewhere, status=404)
    assert flow.call("getWorkflowRun", {**flow.params, "run_id": run["id"]})["status"] == "PENDING"


def test_b3os_honours_summary_and_node_ids_and_refuses_unknown_nodes(mock: str) -> None:
    flow = Flow(mock, "b3os")
    run_id = flow.call("runWorkflow", flow.params, {})["data"]["runId"]
    full = flow.call("getRun", {"id": run_id})["data"]
    assert set(full["executionState"]) == set(full["workflowDefinition"]["nodes"])
    only_root = flow.call("getRun", {"id": run_id}, nodeIds="root")["data"]
    assert list(only_root["executionState"]) == ["root"]
    flow.call("getRun", {"id": run_id}, status=400, nodeIds="no-such-node")
    flow.call("getRun", {"id": run_id}, status=400, nodeIds="root", summary="true")


def test_b3os_runs_an_inline_definition_and_refuses_one_without_a_manual_root(mock: str) -> None:
    flow = Flow(mock, "b3os")
    nodes: dict[str, dict[str, Any]] = {
        "root": {"type": "manual", "children": ["notify"]},
        "notify": {"type": "telegram_message", "chatId": "ops", "text": "done"},
    }
    made = flow.call("createEphemeralRun", {}, {"definition": {"nodes": nodes}, "propValues": {"chat": "ops"}})
    run = flow.call("getRun", {"id": made["data"]["runId"]})["data"]
    assert (run["workflowId"], run["propValues"]) == ("", {"chat": "ops"})
    assert run["workflowDefinition"]["nodes"] == {**nodes, "notify": {**nodes["notify"], "children": []}}
    cron = {"definition": {"nodes": {"root": {"type": "cronjob"}}}}
    assert flow.call("createEphemeralRun", {}, cron, status=400)["code"] == 400229
    rootless = {"definition": {"nodes": {"notify": {"type": "telegram_message"}}}}
    assert flow.call("createEphemeralRun", {}, rootless, status=400)["code"] == 400228
