"""CORS as a browser app meets it: any header its libraries add, the methods of the path, credentials, and
`--cors-origin` narrowing who may call."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mock_server import Settings, create_app
from mock_server.testing import serving
from mock_server.web.cors import PathMethods
from tests.dialect_client import path_of

ORIGIN = "http://localhost:5173"
HEADERS_APPS_SEND = (
    "traceparent",
    "baggage",
    "sentry-trace",
    "X-Requested-With",
    "Cache-Control",
    "Idempotency-Key",
)


def preflight(url: str, method: str, origin: str = ORIGIN, headers: str = "authorization") -> httpx.Response:
    asked = {"Origin": origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": headers}
    return httpx.options(url, headers=asked)


def list_url(mock_url: str, fixtures: dict[str, Any], dialect: str = "b3os") -> str:
    return f"{mock_url}/{dialect}" + path_of(dialect, fixtures[dialect]["params"])


@pytest.mark.parametrize("header", HEADERS_APPS_SEND)
def test_a_preflight_allows_each_header_tracing_and_error_reporting_libraries_add(
    mock_url: str, fixtures: dict[str, Any], header: str
) -> None:
    asked = f"authorization,content-type,{header.lower()}"
    response = preflight(list_url(mock_url, fixtures), "GET", headers=asked)
    assert response.status_code == 200
    assert response.headers["access-control-allow-headers"] == asked
    assert response.headers["access-control-allow-origin"] == ORIGIN


def test_a_preflight_allows_the_methods_of_its_path_and_refuses_others(mock_url: str, fixtures: dict[str, Any]) -> None:
    listing = preflight(list_url(mock_url, fixtures), "GET")
    assert listing.status_code == 200
    assert listing.headers["access-control-allow-methods"] == "GET, HEAD"
    refused = preflight(list_url(mock_url, fixtures), "DELETE")
    assert refused.status_code == 400
    assert "Disallowed CORS method" in refused.text
    cancel = preflight(f"{mock_url}/b3os/v1/runs/run_x/cancel", "POST")
    assert (cancel.status_code, cancel.headers["access-control-allow-methods"]) == (200, "POST")


def test_a_preflight_asking_for_private_network_access_is_allowed_and_only_then(
    mock_url: str, fixtures: dict[str, Any]
) -> None:
    url = list_url(mock_url, fixtures)
    asked = {"Origin": ORIGIN, "Access-Control-Request-Method": "GET", "Access-Control-Request-Private-Network": "true"}
    assert httpx.options(url, headers=asked).headers["access-control-allow-private-network"] == "true"
    assert "access-control-allow-private-network" not in preflight(url, "GET").headers


def test_a_preflight_to_a_path_nothing_serves_lets_the_browser_see_its_404(mock_url: str) -> None:
    response = preflight(f"{mock_url}/b3os/v1/nowhere", "GET")
    assert response.status_code == 200
    answer = httpx.get(f"{mock_url}/b3os/v1/nowhere", headers={"Origin": ORIGIN})
    assert answer.status_code == 404
    assert answer.headers["access-control-allow-origin"] == ORIGIN


def test_a_credentialed_request_gets_its_origin_echoed_with_vary_origin(
    mock_url: str, fixtures: dict[str, Any]
) -> None:
    token = fixtures["b3os"]["token"]
    response = httpx.get(list_url(mock_url, fixtures), headers={"Origin": ORIGIN, "Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert response.headers["access-control-allow-credentials"] == "true"
    assert "Origin" in response.headers["vary"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_the_preflight_of_a_credentialed_request_names_the_origin_not_a_wildcard(
    mock_url: str, fixtures: dict[str, Any]
) -> None:
    response = preflight(list_url(mock_url, fixtures), "GET")
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert response.headers["access-control-allow-credentials"] == "true"
    assert "Origin" in response.headers["vary"]


def test_a_request_without_origin_gets_no_cors_header_but_varies_on_origin(
    mock_url: str, fixtures: dict[str, Any]
) -> None:
    response = httpx.get(list_url(mock_url, fixtures))
    assert "access-control-allow-origin" not in response.headers
    assert response.headers["vary"] == "Origin"


@pytest.fixture(scope="module")
def narrowed() -> Iterator[str]:
    with serving(create_app(Settings(dialects=("b3os",), cors_origins=("http://app.example.com",)))) as url:
        yield url


def test_cors_origin_narrows_who_may_call_and_preflight(narrowed: str) -> None:
    fixtures = httpx.get(f"{narrowed}/__mock__/fixtures").json()
    url = narrowed + path_of("b3os", fixtures["b3os"]["params"])
    assert preflight(url, "GET", origin="http://app.example.com").status_code == 200
    refused = preflight(url, "GET", origin="http://evil.example.com")
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
    denied = httpx.get(url, headers={"Origin": "http://evil.example.com"})
    assert "access-control-allow-origin" not in denied.headers


def test_path_methods_match_templates_in_full_and_add_head_to_get() -> None:
    paths = PathMethods()
    paths.add("/b3os/v1/runs/{id}", ["get"])
    paths.add("/b3os/v1/runs/{id}/cancel", ["post"])
    assert paths.of("/b3os/v1/runs/r1") == {"GET", "HEAD"}
    assert paths.of("/b3os/v1/runs/r1/cancel") == {"POST"}
    assert paths.of("/b3os/v1/runs/r1/cancel/more") == frozenset()
    assert paths.every() == {"GET", "POST"}
