"""The spec as served to Swagger UI: valid OpenAPI 3.0, its path parameters' first examples the demo data (a run
that exists where one is named), so what Try it out fills in answers 200 on every read operation; how to
authorize said; the files in specs/ untouched."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from openapi_spec_validator import validate

from mock_server import Settings, create_app
from mock_server.testing import serving
from mock_server.web.served_spec import DEMO_EXAMPLE, Demo, demo_value
from workflow_runs_specs import DIALECTS
from workflow_runs_specs.reader import Spec


def filled_in(parameters: list[dict[str, Any]]) -> tuple[dict[str, str], dict[str, str]]:
    """What Swagger UI fills in: each parameter's first example, else its example, else its schema's default."""
    path: dict[str, str] = {}
    query: dict[str, str] = {}
    for parameter in parameters:
        examples = list(parameter.get("examples", {}).values())
        schema = parameter.get("schema", {})
        value = examples[0]["value"] if examples else parameter.get("example", schema.get("default"))
        if value is not None:
            shown = str(value).lower() if isinstance(value, bool) else str(value)
            (path if parameter["in"] == "path" else query)[parameter["name"]] = shown
    return path, query


@pytest.mark.parametrize("dialect", DIALECTS)
def test_what_try_it_out_fills_in_answers_200_on_every_read_operation(
    mock_url: str, fixtures: dict[str, Any], dialect: str
) -> None:
    spec = httpx.get(f"{mock_url}/{dialect}/openapi.json").json()
    token = fixtures[dialect]["token"]
    reads = [(path, item["get"]) for path, item in spec["paths"].items() if "get" in item]
    assert reads
    for path, operation in reads:
        path_values, query = filled_in(operation.get("parameters", []))
        url = f"{mock_url}{spec['servers'][0]['url']}{path.format(**path_values)}"
        answer = httpx.get(url, params=query, headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 200, (url, query, answer.text[:300])


@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_served_spec_is_valid_and_says_how_to_authorize_with_the_demo_token(
    mock_url: str, fixtures: dict[str, Any], dialect: str
) -> None:
    spec = httpx.get(f"{mock_url}/{dialect}/openapi.json").json()
    validate(spec)
    token = fixtures[dialect]["token"]
    assert token in spec["info"]["description"]
    assert all(token in scheme["description"] for scheme in spec["components"]["securitySchemes"].values())


@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_spec_files_keep_the_vendors_examples(mock_url: str, dialect: str) -> None:
    httpx.get(f"{mock_url}/{dialect}/openapi.json")
    assert DEMO_EXAMPLE not in str(Spec.of_dialect(dialect).document)


def test_the_examples_follow_the_data_after_a_reset_to_another_seed() -> None:
    settings = Settings(dialects=("b3os",), clock_speed=0, admin_token="admin-secret")
    with serving(create_app(settings)) as url:
        before = httpx.get(f"{url}/openapi.json").json()
        reset = httpx.post(f"{url}/__mock__/reset", json={"seed": 7}, headers={"Authorization": "Bearer admin-secret"})
        after = httpx.get(f"{url}/openapi.json").json()
    workflow = reset.json()["fixtures"]["b3os"]["params"]["id"]
    listing = after["paths"]["/v1/workflows/{id}/runs"]["get"]["parameters"]
    (shown,) = [p["examples"][DEMO_EXAMPLE]["value"] for p in listing if p["in"] == "path"]
    assert shown == workflow
    assert before != after


def test_an_id_after_runs_names_a_run_and_after_workflows_the_fixtures_workflow() -> None:
    demo = Demo("t", (("id", "wf_1"), ("app_id", "app_1")), "run_1")
    assert demo_value("/v1/runs/{id}", "id", demo) == "run_1"
    assert demo_value("/v1/workflows/{id}/runs", "id", demo) == "wf_1"
    assert demo_value("/apps/{app_id}/workflows/{workflow_id}/runs/{run_id}", "run_id", demo) == "run_1"
    assert demo_value("/apps/{app_id}/runs", "app_id", demo) == "app_1"
    assert demo_value("/apps/{app_id}/runs", "workflow_id", demo) is None
