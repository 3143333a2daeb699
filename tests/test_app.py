"""The mock over HTTP, dialect by dialect: paging, filters, auth, not-found, bad input, determinism, conformance.

Every response these tests receive is also checked against the dialect's spec (`conforming`).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import httpx
import pytest

from mock_server import Settings, create_app
from mock_server.data.generate import generate_store
from mock_server.dialects import DIALECTS as DIALECT_MODULES
from tests.dialect_client import DialectClient, conforming, items_of, path_of
from tests.servers import serving
from tests.spec_support import list_operation, operations, resolve, response_schema, schema_errors
from workflow_runs_specs import DIALECTS
from workflow_runs_specs.reader import Spec

PAGE_TAKE = ("cortex-v1", "cortex-v2", "invent")
STATUS_VALUES = {
    "b3os": ["running", "waiting", "success", "failure", "cancelled"],
    "cortex-v1": ["PENDING", "RUNNING", "CANCELLED", "COMPLETED", "SKIPPED", "FAILED"],
    "cortex-v2": ["PENDING", "RUNNING", "CANCELLED", "COMPLETED", "SKIPPED", "FAILED"],
    "invent": ["PENDING", "RUNNING", "CANCELED", "COMPLETED", "SKIPPED", "FAILED"],
}
ORIGIN_VALUES = {
    "cortex-v1": ["WORKFLOW", "TRIGGER", "RECORD", "TEST", "ENDPOINT"],
    "cortex-v2": ["WORKFLOW", "TRIGGER", "RECORD", "TEST", "ENDPOINT", "WEBHOOK"],
    "invent": ["WORKFLOW", "TRIGGER", "WEBHOOK"],
}
UNKNOWN_IDS = {
    "aitasker": {"workspace_id": str(uuid.UUID(int=1)), "workflow_id": str(uuid.UUID(int=2))},
    "b3os": {"id": "wf_doesnotexist"},
    "cortex-v1": {"app_id": "app_doesnotexist", "workflow_id": "wf_doesnotexist"},
    "cortex-v2": {"app_id": "app_doesnotexist", "workflow_id": "wf_doesnotexist"},
    "invent": {"org_id": "org_doesnotexist"},
}


def moment(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)


# --- fixtures ------------------------------------------------------------------------------------------


def test_fixtures_give_a_token_and_parameters_that_reach_the_demo_data(fixtures: dict[str, Any]) -> None:
    assert set(fixtures) == set(DIALECTS)
    for dialect in DIALECTS:
        assert fixtures[dialect]["token"]
        _, operation = list_operation(dialect)
        path_names = {p["name"] for p in operation["parameters"] if "$ref" not in p and p["in"] == "path"}
        assert path_names <= set(fixtures[dialect]["params"])


@pytest.mark.parametrize("dialect", DIALECTS)
def test_demo_parameters_reach_at_least_forty_runs(clients: dict[str, DialectClient], dialect: str) -> None:
    assert len(clients[dialect].everything()) >= 40


# --- paging --------------------------------------------------------------------------------------------


def test_b3os_offset_walk_visits_every_run_once_and_has_more_tells_the_truth(
    clients: dict[str, DialectClient],
) -> None:
    client = clients["b3os"]
    everything = [run["id"] for run in client.everything()]
    seen: list[str] = []
    offset = 0
    while True:
        response = conforming("b3os", client.get({"limit": 7, "offset": offset}))
        data = response.json()["data"]
        assert (data["limit"], data["offset"]) == (7, offset)
        assert len(data["items"]) <= 7
        seen += [run["id"] for run in data["items"]]
        offset += 7
        assert data["hasMore"] == (offset < len(everything))
        if not data["hasMore"]:
            break
    assert seen == everything


def test_b3os_pages_default_to_twenty_and_past_the_end_is_empty(clients: dict[str, DialectClient]) -> None:
    client = clients["b3os"]
    first = client.get().json()["data"]
    assert (first["limit"], first["offset"], len(first["items"])) == (20, 0, 20)
    beyond = conforming("b3os", client.get({"offset": 5000})).json()["data"]
    assert (beyond["items"], beyond["hasMore"]) == ([], False)


@pytest.mark.parametrize("dialect", PAGE_TAKE)
def test_page_walk_visits_every_run_once_with_truthful_headers(clients: dict[str, DialectClient], dialect: str) -> None:
    client = clients[dialect]
    everything = [run["id"] for run in client.everything()]
    seen: list[str] = []
    page = 1
    while True:
        response = conforming(dialect, client.get({"page": page, "take": 9}))
        headers = response.headers
        assert headers["pagination-count"] == str(len(everything))
        assert (headers["pagination-page"], headers["pagination-take"]) == (str(page), "9")
        runs = response.json()
        assert len(runs) <= 9
        if not runs:
            break
        seen += [run["id"] for run in runs]
        page += 1
    assert seen == everything
    assert page == -(-len(everything) // 9) + 1


@pytest.mark.parametrize("dialect", PAGE_TAKE)
def test_page_defaults_are_page_one_of_twenty(clients: dict[str, DialectClient], dialect: str) -> None:
    response = clients[dialect].get()
    assert (response.headers["pagination-page"], response.headers["pagination-take"]) == ("1", "20")
    assert len(response.json()) == 20


@pytest.mark.parametrize("dialect", DIALECTS)
def test_runs_come_newest_first(clients: dict[str, DialectClient], dialect: str) -> None:
    key = "startedAt" if dialect == "b3os" else "created_at"
    runs = clients[dialect].everything()
    stamps = [(moment(run[key]), run["id"]) for run in runs]
    assert stamps == sorted(stamps, reverse=True)


# --- filters ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dialect", "value"), [pytest.param(d, v, id=f"{d}-{v}") for d, values in STATUS_VALUES.items() for v in values]
)
def test_status_filter_returns_only_matching_runs(clients: dict[str, DialectClient], dialect: str, value: str) -> None:
    runs = clients[dialect].everything(status=value)
    assert runs, f"the demo data has no {value} run"
    assert {run["status"] for run in runs} == {value}


@pytest.mark.parametrize(
    ("dialect", "value"), [pytest.param(d, v, id=f"{d}-{v}") for d, values in ORIGIN_VALUES.items() for v in values]
)
def test_origin_filter_returns_only_matching_runs(clients: dict[str, DialectClient], dialect: str, value: str) -> None:
    runs = clients[dialect].everything(origin=value)
    assert runs
    assert {run["origin"] for run in runs} == {value}


@pytest.mark.parametrize("dialect", PAGE_TAKE)
def test_all_is_the_unfiltered_list(clients: dict[str, DialectClient], dialect: str) -> None:
    client = clients[dialect]
    assert client.everything(status="ALL", origin="ALL") == client.everything()


@pytest.mark.parametrize("dialect", PAGE_TAKE)
def test_filters_combine_and_counts_follow_them(clients: dict[str, DialectClient], dialect: str) -> None:
    client = clients[dialect]
    response = client.get({"status": "FAILED", "origin": "TRIGGER", "take": 100})
    runs = response.json()
    assert all((run["status"], run["origin"]) == ("FAILED", "TRIGGER") for run in runs)
    assert response.headers["pagination-count"] == str(len(runs))


# --- ownership, timeline, vendor-specific fields ----------------------------------------------------------


def test_every_run_belongs_to_the_path_tenant_and_workflow(clients: dict[str, DialectClient]) -> None:
    owners = {
        "aitasker": [("workflow_id", "workflow_id")],
        "b3os": [("workflowId", "id")],
        "cortex-v1": [("workflow_app_id", "app_id"), ("workflow_id", "workflow_id")],
        "cortex-v2": [("workflow_app_id", "app_id"), ("workflow_id", "workflow_id")],
        "invent": [("org_id", "org_id")],
    }
    for dialect, pairs in owners.items():
        client = clients[dialect]
        for run in client.everything():
            assert all(run[field] == client.params[param] for field, param in pairs), (dialect, run["id"])


def test_aitasker_node_runs_point_at_their_run_and_fall_inside_it(clients: dict[str, DialectClient]) -> None:
    runs = clients["aitasker"].everything()
    assert any(run["node_runs"] for run in runs)
    for run in runs:
        for node in run["node_runs"]:
            assert node["workflow_run_id"] == run["id"]
            if node["started_at"] is not None:
                assert moment(run["started_at"]) <= moment(node["started_at"])
            if node["completed_at"] is not None and run["completed_at"] is not None:
                assert moment(node["completed_at"]) <= moment(run["completed_at"])


@pytest.mark.parametrize("dialect", DIALECTS)
def test_timelines_are_consistent(clients: dict[str, DialectClient], dialect: str) -> None:
    start, end = {"b3os": ("startedAt", "finishedAt"), "aitasker": ("started_at", "completed_at")}.get(
        dialect, ("started_at", "ended_at")
    )
    active = {"pending", "running", "waiting", "PENDING", "RUNNING"}
    for run in clients[dialect].everything():
        if run[start] is not None and run[end] is not None:
            assert moment(run[start]) <= moment(run[end])
        assert (run[end] is None) == (run["status"] in active), run
        if run["status"] in ("pending", "PENDING"):
            assert run[start] is None


@pytest.mark.parametrize("dialect", ["cortex-v1", "cortex-v2"])
def test_cortex_verbose_all_fills_versions_and_usage_calls(clients: dict[str, DialectClient], dialect: str) -> None:
    plain = clients[dialect].runs({"take": 5})
    verbose = clients[dialect].runs({"take": 5, "verbose": "all"})
    assert all(run["workflow_version"] is None and "calls" not in run["usage"] for run in plain)
    versioned = [run for run in verbose if run["origin"] != "TEST"]
    assert versioned
    assert all(run["workflow_version"]["version"] == run["version"] for run in versioned)
    assert all(run["workflow_version"] is None and "version" not in run for run in verbose if run["origin"] == "TEST")
    assert all(run["workflow_version_draft"]["steps"] for run in verbose)
    assert any(run["usage"]["calls"] for run in verbose)


def test_cortex_v2_runs_carry_retention_and_v1_runs_do_not(clients: dict[str, DialectClient]) -> None:
    assert all("retention" in run and "retention_due_at" in run for run in clients["cortex-v2"].everything())
    assert not any("retention" in run for run in clients["cortex-v1"].everything())
    kept_forever = [run for run in clients["cortex-v2"].everything() if run["retention"]["max_age_in_seconds"] == -1]
    assert kept_forever
    assert all(run["retention_due_at"] is None for run in kept_forever)


def test_invent_expand_adds_outputs_and_usage_calls(clients: dict[str, DialectClient]) -> None:
    plain = clients["invent"].runs({"take": 30})
    expanded = clients["invent"].runs({"take": 30, "expand": "true"})
    assert not any("outputs" in run or "calls" in run.get("usage", {}) for run in plain)
    assert any(run.get("outputs") for run in expanded)
    assert all("calls" in run["usage"] for run in expanded if "usage" in run)


@pytest.mark.parametrize(("dialect", "alias"), [("cortex-v1", "app_id"), ("cortex-v2", "app_id"), ("invent", "org_id")])
def test_c_names_the_tenant_of_the_key(clients: dict[str, DialectClient], dialect: str, alias: str) -> None:
    client = clients[dialect]
    via_alias = conforming(dialect, client.get({"take": 100}, params={**client.params, alias: "c"}))
    assert via_alias.json() == client.everything()


# --- not found, auth, bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("which", ["tenant", "workflow"])
def test_unknown_tenant_or_workflow_gets_the_documented_404(
    clients: dict[str, DialectClient], dialect: str, which: str
) -> None:
    client = clients[dialect]
    unknown = UNKNOWN_IDS[dialect]
    names = list(unknown)
    name = names[0] if which == "tenant" or len(names) == 1 else names[-1]
    response = conforming(dialect, client.get(params={**client.params, name: unknown[name]}))
    assert response.status_code == 404


def test_aitasker_answers_the_one_documented_404_body_whichever_parent_is_unknown(
    clients: dict[str, DialectClient],
) -> None:
    client = clients["aitasker"]
    unknown = UNKNOWN_IDS["aitasker"]
    tenants = generate_store(0, DIALECT_MODULES["aitasker"]().vocabulary).tenants
    other_workspace = next(tenant.id for tenant in tenants if tenant.id != client.params["workspace_id"])
    cases = [
        {**client.params, "workspace_id": unknown["workspace_id"]},  # no such workspace
        {**client.params, "workflow_id": unknown["workflow_id"]},  # no such workflow in the workspace
        {**client.params, "workspace_id": other_workspace},  # a workspace the workflow is not in
        dict(unknown),  # neither exists
    ]
    answers = [client.get(params=params) for params in cases]
    assert [answer.status_code for answer in answers] == [404] * len(cases)
    response = resolve("aitasker", list_operation("aitasker")[1]["responses"]["404"])
    documented = resolve("aitasker", response["content"]["application/json"]["examples"]["workflowNotFound"])
    assert all(answer.json() == documented["value"] for answer in answers)
    assert len({answer.content for answer in answers}) == 1


def test_a_workflow_of_another_tenant_is_not_found(clients: dict[str, DialectClient], mock_url: str) -> None:
    client = clients["cortex-v1"]
    other_tenant = UNKNOWN_IDS["cortex-v1"]["app_id"]
    assert client.get(params={**client.params, "app_id": other_tenant}).status_code == 404


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize(
    "authorization",
    [
        pytest.param(None, id="no-header"),
        pytest.param("Bearer", id="scheme-without-token"),
        pytest.param("Token abc", id="other-scheme"),
        pytest.param("Bearer wrong-token", id="unknown-token"),
    ],
)
def test_missing_malformed_or_unknown_tokens_get_401_in_the_vendor_shape(
    clients: dict[str, DialectClient], dialect: str, authorization: str | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    response = conforming(dialect, clients[dialect].get(headers=headers))
    assert response.status_code == 401


def test_aitasker_401_is_fastapis(clients: dict[str, DialectClient]) -> None:
    response = clients["aitasker"].get(headers={})
    assert response.json() == {"detail": "Not authenticated"}
    assert response.headers["www-authenticate"] == "Bearer"


BAD_INPUT: list[Any] = [
    pytest.param("aitasker", {}, {"workspace_id": "not-a-uuid"}, 422, id="aitasker-malformed-uuid"),
    pytest.param("b3os", {"limit": "0"}, None, 400, id="b3os-limit-below-one"),
    pytest.param("b3os", {"limit": "101"}, None, 400, id="b3os-limit-above-100"),
    pytest.param("b3os", {"limit": "ten"}, None, 400, id="b3os-limit-not-a-number"),
    pytest.param("b3os", {"offset": "-1"}, None, 400, id="b3os-negative-offset"),
    pytest.param("b3os", {"status": "ALL"}, None, 400, id="b3os-has-no-ALL"),
    pytest.param("b3os", {"status": "CANCELLED"}, None, 400, id="b3os-status-is-lowercase"),
    pytest.param("b3os", {"take": "5"}, None, 400, id="b3os-other-vendors-paging"),
    pytest.param("cortex-v1", {"status": "CANCELED"}, None, 400, id="cortex-v1-invent-spelling"),
    pytest.param("cortex-v1", {"origin": "WEBHOOK"}, None, 400, id="cortex-v1-has-no-webhook"),
    pytest.param("cortex-v1", {"page": "0"}, None, 400, id="cortex-v1-page-is-1-based"),
    pytest.param("cortex-v1", {"take": "101"}, None, 400, id="cortex-v1-take-above-100"),
    pytest.param("cortex-v1", {"take": "2.5"}, None, 400, id="cortex-v1-fractional-take"),
    pytest.param("cortex-v1", {"verbose": "some"}, None, 400, id="cortex-v1-verbose-only-all"),
    pytest.param("cortex-v1", {"next": "abc"}, None, 400, id="cortex-v1-next-unsupported"),
    pytest.param("cortex-v2", {"status": "ALL", "origin": "EMAIL"}, None, 400, id="cortex-v2-unknown-origin"),
    pytest.param("cortex-v2", {"status": "running"}, None, 400, id="cortex-v2-status-is-uppercase"),
    pytest.param("invent", {"status": "CANCELLED"}, None, 400, id="invent-cortex-spelling"),
    pytest.param("invent", {"origin": "RECORD"}, None, 400, id="invent-has-no-record-origin"),
    pytest.param("invent", {"expand": "maybe"}, None, 400, id="invent-expand-is-boolean"),
    pytest.param("invent", {"limit": "10"}, None, 400, id="invent-other-vendors-paging"),
    pytest.param("invent", "take=5&take=6", None, 400, id="invent-repeated-take"),
]


@pytest.mark.parametrize(("dialect", "query", "params", "status"), BAD_INPUT)
def test_bad_input_gets_the_documented_4xx_in_the_vendor_shape(
    clients: dict[str, DialectClient],
    dialect: str,
    query: dict[str, str] | str,
    params: dict[str, str] | None,
    status: int,
) -> None:
    client = clients[dialect]
    response = conforming(dialect, client.get(query, params={**client.params, **(params or {})}))
    assert response.status_code == status
    assert "Traceback" not in response.text


def test_aitasker_ignores_query_parameters_it_does_not_declare_as_fastapi_does(
    clients: dict[str, DialectClient],
) -> None:
    client = clients["aitasker"]
    plain = client.get()
    response = conforming("aitasker", client.get({"page": "2", "limit": "1"}))
    assert response.status_code == 200
    assert response.json() == plain.json()


@pytest.mark.parametrize(
    ("dialect", "status"), [("b3os", 400), ("cortex-v1", 400), ("cortex-v2", 400), ("invent", 400)]
)
def test_the_other_dialects_refuse_an_unknown_query_parameter_naming_it(
    clients: dict[str, DialectClient], dialect: str, status: int
) -> None:
    response = conforming(dialect, clients[dialect].get({"pagesize": "5"}))
    assert response.status_code == status
    assert "pagesize" in response.text


def test_platform_validation_errors_name_each_parameter_zod_style(clients: dict[str, DialectClient]) -> None:
    body = clients["cortex-v2"].get({"take": "500", "status": "CANCELED"}).json()
    assert {(error["code"], tuple(error["path"])) for error in body["errors"]} == {
        ("too_big", ("take",)),
        ("invalid_enum_value", ("status",)),
    }


def test_aitasker_validation_errors_locate_the_parameter(clients: dict[str, DialectClient]) -> None:
    client = clients["aitasker"]
    body = client.get(params={**client.params, "workflow_id": "nope"}).json()
    assert body["detail"][0]["loc"] == ["path", "workflow_id"]
    assert body["detail"][0]["type"] == "uuid_parsing"


# --- determinism ---------------------------------------------------------------------------------------------


def snapshot(base_url: str, fixtures: dict[str, Any]) -> dict[str, bytes]:
    answers = {}
    for dialect in DIALECTS:
        client = DialectClient(base_url, dialect, fixtures[dialect])
        size = {"aitasker": {}, "b3os": {"limit": 100}}.get(dialect, {"take": 100})
        answers[dialect] = client.get(size).content
        client.http.close()
    return answers


@pytest.mark.slow
def test_the_same_seed_gives_byte_identical_responses_across_restarts(fixtures: dict[str, Any]) -> None:
    # Fresh mocks asked the same requests in the same order: b3os' request ids are the same too.
    with serving(create_app(Settings(seed=0, clock_speed=0))) as first:
        before = snapshot(first, fixtures)
    with serving(create_app(Settings(seed=0, clock_speed=0))) as restarted:
        assert snapshot(restarted, fixtures) == before


def test_another_seed_gives_other_data(fixtures: dict[str, Any]) -> None:
    with serving(create_app(Settings(seed=1))) as other:
        other_fixtures = httpx.get(f"{other}/__mock__/fixtures").json()
        assert other_fixtures != fixtures
        answers = snapshot(other, other_fixtures)
        assert all(len(items_of(d, httpx.Response(200, content=answers[d]).json())) >= 40 for d in DIALECTS)


# --- serving -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("dialect", DIALECTS)
def test_swagger_ui_and_the_spec_are_served(mock_url: str, dialect: str) -> None:
    assert "swagger" in httpx.get(f"{mock_url}/{dialect}/ui/").text.lower()
    spec = httpx.get(f"{mock_url}/{dialect}/openapi.json").json()
    assert spec["servers"][0]["url"] == f"/{dialect}"
    assert list_operation(dialect)[0] in spec["paths"]
    # Every operation, so Swagger UI's "Try it out" reaches each one on the mock.
    served = {(path, method) for path, item in spec["paths"].items() for method in item if method != "parameters"}
    assert served == {(op.path, op.method) for op in Spec.of_dialect(dialect).operations}


def test_any_origin_may_call_by_default(clients: dict[str, DialectClient]) -> None:
    client = clients["invent"]
    headers = {"Authorization": f"Bearer {client.token}", "Origin": "http://localhost:5173"}
    response = client.get(headers=headers)
    assert response.headers["access-control-allow-origin"] in ("*", "http://localhost:5173")
    assert "pagination-count" in response.headers["access-control-expose-headers"].lower()


def test_cors_preflight_is_answered(clients: dict[str, DialectClient]) -> None:
    client = clients["b3os"]
    response = client.http.options(
        path_of("b3os", client.params),
        headers={
            "Origin": "http://localhost:3000",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert response.status_code == 200
    assert "GET" in response.headers["access-control-allow-methods"]


def test_origins_can_be_restricted() -> None:
    settings = Settings(dialects=("b3os",), cors_origins=("http://app.example.com",))
    with serving(create_app(settings)) as url:
        fixtures = httpx.get(f"{url}/__mock__/fixtures").json()["b3os"]
        path = path_of("b3os", fixtures["params"])
        headers = {"Authorization": f"Bearer {fixtures['token']}"}
        allowed = httpx.get(url + path, headers={**headers, "Origin": "http://app.example.com"})
        denied = httpx.get(url + path, headers={**headers, "Origin": "http://evil.example.com"})
    assert allowed.headers["access-control-allow-origin"] == "http://app.example.com"
    assert "access-control-allow-origin" not in denied.headers


def test_a_single_dialect_is_served_at_the_root_and_extra_tokens_work() -> None:
    with serving(create_app(Settings(dialects=("invent",), tokens=("team-token",)))) as url:
        fixtures = httpx.get(f"{url}/__mock__/fixtures").json()
        assert list(fixtures) == ["invent"]
        path = path_of("invent", fixtures["invent"]["params"])
        response = httpx.get(url + path, headers={"Authorization": "Bearer team-token"})
        assert conforming("invent", response).status_code == 200
        assert httpx.get(f"{url}/openapi.json").json()["servers"][0]["url"] == "/"


def test_unknown_paths_get_a_json_404_naming_the_dialects(mock_url: str) -> None:
    response = httpx.get(f"{mock_url}/nowhere")
    assert response.status_code == 404
    assert "/cortex-v2" in response.json()["message"]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_other_methods_get_405_with_allow_in_the_vendor_shape(clients: dict[str, DialectClient], dialect: str) -> None:
    client = clients[dialect]
    response = client.http.delete(path_of(dialect, client.params))
    assert response.status_code == 405
    assert "GET" in response.headers["allow"]
    assert response.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_405_allows_every_method_of_its_path(clients: dict[str, DialectClient], dialect: str) -> None:
    client = clients[dialect]
    by_path: dict[str, set[str]] = {}
    for path, method, _ in operations(dialect).values():
        by_path.setdefault(path, set()).add(method.upper())
    for template, methods in by_path.items():
        path = template.format(**{**client.params, "id": "x", "run_id": "x", "workflow_id": "x", "org_id": "x"})
        refused = client.http.options(path, headers={"Authorization": f"Bearer {client.token}"})
        assert refused.status_code == 405, template
        assert methods <= set(refused.headers["allow"].split(", ")), template
        assert not schema_errors(dialect, response_schema(dialect, "404"), refused.json())


@pytest.mark.parametrize("run_id", ["Q%0A%C3%A1x", "RUN%0A", "%0A"])
def test_an_id_with_a_line_break_is_that_id_and_answers_the_runs_404_in_json(
    clients: dict[str, DialectClient], run_id: str
) -> None:
    client = clients["cortex-v2"]
    newest = client.runs()[0]["id"]
    base = path_of("cortex-v2", client.params)
    token = {"Authorization": f"Bearer {client.token}"}
    for method, suffix in (("GET", ""), ("POST", "/cancel")):
        path = f"{base}/{run_id.replace('RUN', newest)}{suffix}"
        answer = client.http.request(method, path, headers=token)
        assert (answer.status_code, answer.json()["message"]) == (404, "Run not found"), path
