"""The landing pages: `/` and each dialect's root say what is here (HTML for a browser, JSON when asked), and
`/__mock__` lists the admin routes, each one a route that answers."""

from __future__ import annotations

import shlex
from typing import Any

import httpx
import pytest

from mock_server import Settings, create_app
from mock_server.testing import serving
from workflow_runs_specs import DIALECTS

JSON = {"Accept": "application/json"}


def test_the_root_page_lists_every_dialect_its_swagger_ui_demo_token_and_the_admin_routes(
    mock_url: str, fixtures: dict[str, Any]
) -> None:
    page = httpx.get(f"{mock_url}/", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    for dialect in DIALECTS:
        assert f"href='{mock_url}/{dialect}/ui/'" in page.text
        assert fixtures[dialect]["token"] in page.text
        assert all(value in page.text for value in fixtures[dialect]["params"].values())
    assert "/__mock__/reset" in page.text


def test_the_root_answers_json_when_asked_with_what_the_fixtures_say(mock_url: str, fixtures: dict[str, Any]) -> None:
    index = httpx.get(f"{mock_url}/", headers=JSON).json()
    assert [entry["dialect"] for entry in index["dialects"]] == list(DIALECTS)
    for entry in index["dialects"]:
        fixture = fixtures[entry["dialect"]]
        assert (entry["token"], entry["params"]) == (fixture["token"], fixture["params"])
        assert httpx.get(entry["swagger_ui"]).status_code == 200
        assert httpx.get(entry["openapi"]).json()["openapi"] == "3.0.3"
    assert {route["path"] for route in index["admin"]} >= {"/__mock__/fixtures", "/__mock__/reset"}


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_dialects_root_is_its_page_not_a_redirect_and_its_curl_answers_200(mock_url: str, dialect: str) -> None:
    page = httpx.get(f"{mock_url}/{dialect}")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    entry = httpx.get(f"{mock_url}/{dialect}", headers=JSON).json()
    assert entry["dialect"] == dialect
    curl, flag, header, url = shlex.split(entry["list"])
    assert (curl, flag) == ("curl", "-H")
    name, _, value = header.partition(": ")
    assert httpx.get(url, headers={name: value}).status_code == 200


def test_the_admin_index_lists_each_route_and_each_listed_route_exists(mock_url: str) -> None:
    routes = httpx.get(f"{mock_url}/__mock__").json()["routes"]
    assert {(route["method"], route["path"]) for route in routes} >= {
        ("GET", "/__mock__/fixtures"),
        ("POST", "/__mock__/clock"),
        ("DELETE", "/__mock__/requests"),
    }
    for route in routes:
        assert route["description"]
        answer = httpx.request(route["method"], f"{mock_url}{route['path']}")
        # Open routes answer; the others refuse without the admin token (403: admin routes are off here).
        assert answer.status_code == (403 if route["admin_token"] else 200), route


def test_head_of_a_page_has_no_body_and_other_methods_are_not_the_page(mock_url: str) -> None:
    head = httpx.head(f"{mock_url}/")
    assert (head.status_code, head.content) == (200, b"")
    assert httpx.post(f"{mock_url}/").status_code in (404, 405)


def test_what_the_request_sent_is_escaped_in_the_page(mock_url: str) -> None:
    page = httpx.get(f"{mock_url}/", headers={"Host": "x<script>y", "Accept": "text/html"})
    assert "<script>" not in page.text
    assert "x&lt;script&gt;y" in page.text


def test_with_one_dialect_the_root_is_its_landing_page() -> None:
    with serving(create_app(Settings(dialects=("invent",)))) as url:
        index = httpx.get(f"{url}/", headers=JSON).json()
    assert [entry["dialect"] for entry in index["dialects"]] == ["invent"]
    assert index["dialects"][0]["swagger_ui"] == f"{url}/ui/"
