"""Request bodies of the writes: every bad body gets the vendor's 4xx in its error shape, never a 5xx or
problem+json; the documented size limit holds; a body where the spec has none is refused."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from mock_server import Settings, create_app
from mock_server.dialects import DIALECTS
from mock_server.web.bodies import MAX_BODY_BYTES


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(seed=0, clock_speed=0))) as made:
        yield made


def params(client: TestClient, dialect: str) -> dict[str, str]:
    found: dict[str, str] = client.get("/__mock__/fixtures").json()[dialect]["params"]
    return found


def writes(client: TestClient) -> list[tuple[str, str, str]]:
    """One write per dialect whose body has a schema: dialect, method and path."""
    aitasker, b3os = params(client, "aitasker"), params(client, "b3os")
    v1, v2 = params(client, "cortex-v1"), params(client, "cortex-v2")
    invent = params(client, "invent")
    workflow = client.get(f"/invent/orgs/{invent['org_id']}/workflows/runs", headers=auth("invent")).json()[0][
        "workflow_id"
    ]
    return [
        (
            "aitasker",
            "POST",
            f"/api/v1/workspaces/{aitasker['workspace_id']}/workflows/{aitasker['workflow_id']}/trigger",
        ),
        ("b3os", "POST", f"/v1/workflows/{b3os['id']}/run"),
        ("cortex-v1", "POST", f"/apps/{v1['app_id']}/workflows/{v1['workflow_id']}/runs"),
        ("cortex-v2", "POST", f"/apps/{v2['app_id']}/workflows/{v2['workflow_id']}/runs"),
        ("invent", "POST", f"/orgs/{invent['org_id']}/workflows/{workflow}/runs"),
    ]


def auth(dialect: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {DIALECTS[dialect]().demo_token}"}


def assert_vendor_error(dialect: str, response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    if dialect == "aitasker":
        assert "detail" in body
    elif dialect == "b3os":
        assert (body["code"] // 1000 if body["code"] > 999 else body["code"], body["data"]) == (status, None)
    else:
        assert body["status"] == status
    return body


BAD_BODIES = [
    pytest.param(b"{not json", "application/json", id="invalid-json"),
    pytest.param(b" \t\n", "application/json", id="blank-is-not-json"),
    pytest.param(b"[1, 2]", "application/json", id="not-an-object"),
    pytest.param(b'{"unknown_field": 1}', "application/json", id="unknown-field"),
    pytest.param(b'{"a": 1}', "text/plain", id="wrong-content-type"),
]


@pytest.mark.parametrize(("raw", "content_type"), BAD_BODIES)
def test_a_bad_body_gets_each_vendors_documented_4xx_in_its_shape(
    client: TestClient, raw: bytes, content_type: str
) -> None:
    for dialect, method, path in writes(client):
        headers = {**auth(dialect), "Content-Type": content_type}
        response = client.request(method, f"/{dialect}{path}", content=raw, headers=headers)
        assert_vendor_error(dialect, response, 422 if dialect == "aitasker" else 400)


def test_a_wrong_type_is_reported_at_its_field_in_the_vendors_words(client: TestClient) -> None:
    (aitasker, b3os, cortex, _, invent) = writes(client)
    answer = client.post(f"/aitasker{aitasker[2]}", json={"trigger_payload": "SUP-1"}, headers=auth("aitasker"))
    detail = assert_vendor_error("aitasker", answer, 422)["detail"]
    assert detail == [
        {
            "type": "dict_type",
            "loc": ["body", "trigger_payload"],
            "msg": "Input should be a valid dictionary",
            "input": "SUP-1",
        }
    ]
    answer = client.post(f"/b3os{b3os[2]}", json={"runId": "nope"}, headers=auth("b3os"))
    assert assert_vendor_error("b3os", answer, 400)["code"] == 400078
    answer = client.post(
        f"/cortex-v1{cortex[2]}", json={"workflow_version_id": "wfv_unknown"}, headers=auth("cortex-v1")
    )
    assert assert_vendor_error("cortex-v1", answer, 400)["errors"][0]["path"] == ["workflow_version_id"]
    answer = client.post(f"/invent{invent[2]}", json={"stream": True}, headers=auth("invent"))
    assert assert_vendor_error("invent", answer, 400)["errors"][0]["path"] == ["stream"]


def test_b3os_refuses_dust_test_with_simulate_and_a_taken_run_id(client: TestClient) -> None:
    path = f"/b3os{writes(client)[1][2]}"
    refused = client.post(path, json={"dustTest": True, "simulate": True}, headers=auth("b3os"))
    assert "dustTest and simulate" in assert_vendor_error("b3os", refused, 400)["message"]
    assert client.post(path, json={"runId": "run_taken"}, headers=auth("b3os")).status_code == 200
    taken = client.post(path, json={"runId": "run_taken"}, headers=auth("b3os"))
    assert assert_vendor_error("b3os", taken, 400)["code"] == 400079


def test_a_body_over_the_documented_mebibyte_gets_413_in_the_vendors_shape(client: TestClient) -> None:
    raw = b'{"input": {"x": "' + b"x" * MAX_BODY_BYTES + b'"}}'
    for dialect, method, path in writes(client):
        headers = {**auth(dialect), "Content-Type": "application/json"}
        response = client.request(method, f"/{dialect}{path}", content=raw, headers=headers)
        assert_vendor_error(dialect, response, 413)


def test_a_required_body_that_is_missing_is_refused(client: TestClient) -> None:
    dialect, method, path = writes(client)[0]
    response = client.request(method, f"/{dialect}{path}", headers=auth(dialect))
    assert assert_vendor_error(dialect, response, 422)["detail"][0]["type"] == "missing"


def test_an_operation_without_a_body_refuses_one(client: TestClient) -> None:
    run_id = client.post(f"/b3os{writes(client)[1][2]}", headers=auth("b3os")).json()["data"]["runId"]
    response = client.post(f"/b3os/v1/runs/{run_id}/cancel", json={"reason": "x"}, headers=auth("b3os"))
    assert_vendor_error("b3os", response, 400)
    assert client.get(f"/b3os/v1/runs/{run_id}", headers=auth("b3os")).json()["data"]["status"] == "running"


def test_a_write_without_a_valid_token_is_refused_before_its_body_is_read(client: TestClient) -> None:
    for dialect, method, path in writes(client):
        response = client.request(
            method, f"/{dialect}{path}", content=b"{not json", headers={"Content-Type": "application/json"}
        )
        assert_vendor_error(dialect, response, 401)


def test_browsers_may_send_the_writes_cross_origin(client: TestClient) -> None:
    for dialect, method, path in writes(client):
        preflight = client.options(
            f"/{dialect}{path}",
            headers={"Origin": "http://localhost:3000", "Access-Control-Request-Method": method},
        )
        assert preflight.status_code == 200, (dialect, method, path)
        assert method in preflight.headers["access-control-allow-methods"]


def test_prefer_chooses_a_documented_answer_of_a_write_after_authentication(client: TestClient) -> None:
    dialect, method, path = writes(client)[2]
    chosen = client.request(method, f"/{dialect}{path}", headers={**auth(dialect), "Prefer": "code=413"})
    assert_vendor_error(dialect, chosen, 413)
    assert client.request(method, f"/{dialect}{path}", headers={"Prefer": "code=413"}).status_code == 401


def test_the_request_log_shows_writes() -> None:
    with TestClient(create_app(Settings(seed=0, clock_speed=0, admin_token="admin-secret"))) as client:
        dialect, method, path = writes(client)[4]
        client.request(method, f"/{dialect}{path}", json={}, headers=auth(dialect))
        admin = {"Authorization": "Bearer admin-secret"}
        logged = client.get("/__mock__/requests?dialect=invent", headers=admin).json()["requests"]
        assert any(entry["method"] == "POST" and entry["path"] == f"/{dialect}{path}" for entry in logged), logged


@pytest.mark.parametrize("max_age", [3_153_600_001, 1_000_000_000_000_000])
def test_a_retention_beyond_a_hundred_years_is_a_400_in_cortex_shape_never_a_500(
    client: TestClient, max_age: int
) -> None:
    found = params(client, "cortex-v2")
    runs_path = f"/cortex-v2/apps/{found['app_id']}/workflows/{found['workflow_id']}/runs"
    finished = next(
        run for run in client.get(runs_path, headers=auth("cortex-v2")).json() if run["status"] == "COMPLETED"
    )
    response = client.patch(
        f"{runs_path}/{finished['id']}/retention",
        headers=auth("cortex-v2"),
        json={"max_age_in_seconds": max_age, "preserve_on_failure": True},
    )
    body = assert_vendor_error("cortex-v2", response, 400)
    assert "max_age_in_seconds" in response.text, body
