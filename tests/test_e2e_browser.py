"""End to end in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright, which downloads
nothing): a page on another origin calls the mock with the headers tracing and error-reporting libraries add and
with credentials, and Swagger UI's Try it out, after authorizing with the demo token, answers 200 on every
read operation of every dialect."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from mock_server import Settings, create_app
from mock_server.testing import serving
from workflow_runs_specs import DIALECTS

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.xdist_group("browser")]

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HEADERS_APPS_SEND = {
    "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    "baggage": "userId=alice",
    "sentry-trace": "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
    "X-Requested-With": "XMLHttpRequest",
    "Cache-Control": "no-cache",
    "Idempotency-Key": "6a1c0f5e-2a8b-4c1e-9f1d-1a2b3c4d5e6f",
}
FETCH = """async ({url, token, extra, credentials}) => {
    try {
        const answer = await fetch(url, {headers: {Authorization: `Bearer ${token}`, ...extra}, credentials});
        await answer.text();
        return String(answer.status);
    } catch (error) {
        return `${error.name}: ${error.message}`;
    }
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: run tools/install_browser.sh (.ci/run does)"
    # Playwright's launch gives the browser a new profile of its own (a new --user-data-dir) each time.
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def browser_mock_url() -> Iterator[str]:
    """A mock of every dialect with its clock frozen, for this module alone (Try it out's answers stay put)."""
    with serving(create_app(Settings(seed=0, clock_speed=0))) as url:
        yield url


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    opened = browser.new_context()
    opened.set_default_timeout(15_000)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def app_origin() -> Iterator[str]:
    """A frontend's dev server: another origin (another port) on loopback, serving one page."""

    async def page(request: Request) -> Response:
        return HTMLResponse("<!doctype html><title>app</title>")

    with serving(Starlette(routes=[Route("/", page)])) as url:
        yield url


@pytest.mark.parametrize("credentials", ["same-origin", "include"])
def test_a_page_on_another_origin_sending_each_header_apps_add_gets_200(
    context: BrowserContext, browser_mock_url: str, app_origin: str, credentials: str
) -> None:
    fixtures: dict[str, Any] = httpx.get(f"{browser_mock_url}/__mock__/fixtures").json()
    b3os = fixtures["b3os"]
    url = f"{browser_mock_url}/b3os/v1/workflows/{b3os['params']['id']}/runs?limit=5"
    page = context.new_page()
    page.goto(f"{app_origin}/")
    calls = {name: {name: value} for name, value in HEADERS_APPS_SEND.items()}
    calls["all of them"] = HEADERS_APPS_SEND
    answered = {
        name: page.evaluate(FETCH, {"url": url, "token": b3os["token"], "extra": extra, "credentials": credentials})
        for name, extra in calls.items()
    }
    assert answered == dict.fromkeys(calls, "200")


def authorize(page: Page, token: str) -> None:
    page.locator(".auth-wrapper .authorize").click()
    page.locator(".modal-ux input").first.fill(token)
    page.locator(".modal-ux .auth-btn-wrapper .authorize").click()
    page.locator(".modal-ux .btn-done").click()


def try_it_out(page: Page, operation_id: str) -> str:
    """Open the operation, Try it out with what Swagger UI fills in, Execute; the status shown in the page."""
    block = page.locator(f".opblock[id$='-{operation_id}']")
    block.locator(".opblock-summary").first.click()
    block.locator(".try-out__btn").click()
    block.locator(".execute").click()
    status = block.locator(".live-responses-table .response .response-col_status").first
    status.wait_for()
    return status.inner_text().strip()


@pytest.mark.parametrize("dialect", DIALECTS)
def test_try_it_out_after_authorizing_with_the_demo_token_answers_200_on_every_read(
    context: BrowserContext, browser_mock_url: str, dialect: str
) -> None:
    fixtures: dict[str, Any] = httpx.get(f"{browser_mock_url}/__mock__/fixtures").json()
    spec = httpx.get(f"{browser_mock_url}/{dialect}/openapi.json").json()
    reads = [item["get"]["operationId"] for item in spec["paths"].values() if "get" in item]
    page = context.new_page()
    page.goto(f"{browser_mock_url}/{dialect}/ui/")
    authorize(page, fixtures[dialect]["token"])
    assert {operation_id: try_it_out(page, operation_id) for operation_id in reads} == dict.fromkeys(reads, "200")
