"""Tokens belong to tenants: each dialect answers another tenant's workflow or run as one that does not exist, on
every operation, and a token given to the mock sees every tenant unless it is bound to one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mock_server import Settings, create_app
from mock_server.testing import running_mock
from tests.dialect_client import but_request_id
from tests.servers import serving
from tests.spec_support import list_operation, operation_response_schema, operations, schema_errors
from workflow_runs_specs import DIALECTS

BODIES: dict[str, dict[str, Any]] = {
    "triggerWorkspaceWorkflow": {},
    "runWorkflow": {},
    "replayWorkflowRun": {},
    "updateRunDataRetentionConfiguration": {"max_age_in_seconds": 60, "preserve_on_failure": False},
}
"""A body each write accepts, so the refusal can only be for the ids of its path."""
NOBODY = "5d0c7d52-0000-4000-8000-000000000000"
"""An id no tenant has, of every parameter's form (aitasker's ids are UUIDs)."""


@pytest.fixture(scope="module")
def mock() -> Iterator[tuple[str, dict[str, Any]]]:
    with serving(create_app(Settings(clock_speed=0))) as url:
        yield url, httpx.get(f"{url}/__mock__/fixtures").json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def listed(url: str, dialect: str, tenant: dict[str, Any]) -> Any:
    """The tenant's list (of its workflow, or of the org for invent), read with the tenant's own token."""
    answer = httpx.get(
        f"{url}/{dialect}{list_operation(dialect)[0].format(**tenant['params'])}", headers=bearer(tenant["token"])
    )
    assert answer.status_code == 200
    return but_request_id(answer.json())


def newest_run(url: str, dialect: str, tenant: dict[str, Any]) -> dict[str, Any]:
    body = listed(url, dialect, tenant)
    run: dict[str, Any] = (body["data"]["items"] if dialect == "b3os" else body)[0]
    return run


def a_run_of(url: str, dialect: str, tenant: dict[str, Any]) -> str:
    run_id: str = newest_run(url, dialect, tenant)["id"]
    return run_id


def filled(dialect: str, path: str, params: dict[str, str], run: dict[str, Any]) -> str:
    """`path` with the ids of `params` and `run` (and its workflow's, where the params name none); b3os' `{id}` is
    a run's id on a run's path, the workflow's on a workflow's."""
    values = {"workflow_id": run.get("workflow_id"), **params, "run_id": run["id"]}
    if dialect == "b3os" and path.startswith("/v1/runs/"):
        values["id"] = run["id"]
    return path.format(**values)


def every_operation_with_ids() -> list[Any]:
    return [
        pytest.param(dialect, operation_id, id=f"{dialect}-{operation_id}")
        for dialect in DIALECTS
        for operation_id, (path, _, _) in operations(dialect).items()
        if "{" in path
    ]


@pytest.mark.parametrize(("dialect", "operation_id"), every_operation_with_ids())
def test_the_demo_token_gets_the_documented_404_for_another_tenants_ids_as_for_ids_no_tenant_has(
    mock: tuple[str, dict[str, Any]], dialect: str, operation_id: str
) -> None:
    url, fixtures = mock
    demo, other = fixtures[dialect]["tenants"][:2]
    path, method, _ = operations(dialect)[operation_id]
    before = listed(url, dialect, other)

    def send(params: dict[str, str], run: dict[str, Any]) -> httpx.Response:
        target = f"{url}/{dialect}{filled(dialect, path, params, run)}"
        return httpx.request(method.upper(), target, json=BODIES.get(operation_id), headers=bearer(demo["token"]))

    refused = send(other["params"], newest_run(url, dialect, other))
    assert refused.status_code == 404, refused.text
    assert not schema_errors(dialect, operation_response_schema(dialect, operation_id, "404"), refused.json())
    # The very answer ids no tenant has get: nothing tells that the other tenant's exist.
    unknown = send(dict.fromkeys(other["params"], NOBODY), {"id": NOBODY, "workflow_id": NOBODY})
    assert but_request_id(refused.json()) == but_request_id(unknown.json())
    # Nothing was written: the other tenant's data is as it was.
    assert listed(url, dialect, other) == before


@pytest.mark.parametrize("dialect", DIALECTS)
def test_each_tenants_token_reads_its_own_data(mock: tuple[str, dict[str, Any]], dialect: str) -> None:
    url, fixtures = mock
    tenants = fixtures[dialect]["tenants"]
    assert tenants[0] == {"token": fixtures[dialect]["token"], "params": fixtures[dialect]["params"]}
    runs = {a_run_of(url, dialect, tenant) for tenant in tenants}
    assert len(runs) == len(tenants) == 3


@pytest.mark.parametrize("dialect", ["cortex-v1", "cortex-v2", "invent"])
def test_the_alias_c_names_the_tokens_own_tenant(mock: tuple[str, dict[str, Any]], dialect: str) -> None:
    url, fixtures = mock
    other = fixtures[dialect]["tenants"][1]
    own = {**other["params"], ("org_id" if dialect == "invent" else "app_id"): "c"}
    path = list_operation(dialect)[0]
    by_alias = httpx.get(f"{url}/{dialect}{path.format(**own)}", headers=bearer(other["token"]))
    assert by_alias.json()[0]["id"] == a_run_of(url, dialect, other)


def test_an_ephemeral_run_belongs_to_the_tenant_whose_token_made_it(mock: tuple[str, dict[str, Any]]) -> None:
    url, fixtures = mock
    demo, other = fixtures["b3os"]["tenants"][:2]
    definition = {"nodes": {"root": {"type": "manual"}}}
    made = httpx.post(f"{url}/b3os/v1/runs", json={"definition": definition}, headers=bearer(other["token"]))
    run_id = made.json()["data"]["runId"]

    def organization(run: str, token: str) -> Any:
        read = httpx.get(f"{url}/b3os/v1/runs/{run}", headers=bearer(token))
        return read.json()["data"]["organizationId"] if read.status_code == 200 else read.status_code

    assert organization(run_id, other["token"]) == organization(a_run_of(url, "b3os", other), other["token"])
    assert organization(run_id, demo["token"]) == 404


def test_a_token_given_unbound_sees_every_tenant_and_a_bound_one_its_tenant_only(fixtures: dict[str, Any]) -> None:
    demo, other = fixtures["cortex-v1"]["tenants"][:2]
    settings = Settings(tokens=("team",), bound_tokens=(("bound", other["params"]["app_id"]),), clock_speed=0)
    path = operations("cortex-v1")["getWorkflowRuns"][0]
    with serving(create_app(settings)) as url:

        def status(token: str, tenant: dict[str, Any]) -> int:
            return httpx.get(f"{url}/cortex-v1{path.format(**tenant['params'])}", headers=bearer(token)).status_code

        # Twice, so the reply is kept: the bound token's answer is still its own.
        assert [status("team", demo), status("team", demo), status("team", other)] == [200, 200, 200]
        assert [status("bound", demo), status("bound", other)] == [404, 200]
        assert "team" not in httpx.get(f"{url}/__mock__/fixtures").text


def test_a_tenant_a_scenario_adds_gets_a_token_of_its_own() -> None:
    scenario = {
        "dialects": {"invent": {"tenants": [{"id": "org_added", "workflows": [{"runs": [{"status": "RUNNING"}]}]}]}}
    }
    path = operations("invent")["getOrgWorkflowRuns"][0]
    with running_mock(Settings(dialects=("invent",), clock_speed=0)) as mock:
        tenants = mock.load_scenario(scenario)["fixtures"]["invent"]["tenants"]
        added = next(entry for entry in tenants if entry["params"]["org_id"] == "org_added")
        assert added["token"].startswith("inv_sk_test_")
        own = httpx.get(mock.base_url + path.format(org_id="org_added"), headers=bearer(added["token"]))
        demo = httpx.get(mock.base_url + path.format(org_id="org_added"), headers=bearer(tenants[0]["token"]))
    assert [run["status"] for run in own.json()] == ["RUNNING"]
    assert demo.status_code == 404
