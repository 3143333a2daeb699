"""The HTTP client: the URL it asks, a curl that asks it again, and a one-line account of the answer."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from contracts.core.errors import RunAbortedError, UnreachableError
from contracts.core.redaction import Secret
from contracts.http.client import Client, Exchange
from contracts.http.waiting import Waiter
from mock_server import Settings, create_app
from tests.servers import free_port, serving
from tests.test_contracts_waiting import recorded_in


def test_path_parameters_are_quoted_and_the_query_encoded() -> None:
    client = Client("http://api.example.com/base/", "/apps/{app_id}/workflows/{workflow_id}/runs")

    url = client.url({"app_id": "a/b", "workflow_id": "wf 1"}, {"status": "ALL", "take": "5"})

    assert url == "http://api.example.com/base/apps/a%2Fb/workflows/wf%201/runs?status=ALL&take=5"


def test_the_curl_command_reads_the_token_from_its_variable_and_quotes_the_rest_for_the_shell() -> None:
    secret = Secret("b3sk_live_it's", "B3OS_TOKEN")
    headers = {"Authorization": "Bearer b3sk_live_it's"}
    exchange = Exchange("http://x/runs?a=1&b=2", headers, 200, httpx.Headers(), b"[]", secret)

    assert exchange.curl() == "curl -sS -i -H \"Authorization: Bearer $B3OS_TOKEN\" 'http://x/runs?a=1&b=2'"


def test_other_authorization_headers_are_shown_as_sent() -> None:
    exchange = Exchange("http://x", {"Authorization": "Bearer it's"}, 401, httpx.Headers(), b"", Secret("b3sk_live_1"))

    assert exchange.curl() == "curl -sS -i -H 'Authorization: Bearer it'\"'\"'s' http://x"


def test_an_answer_that_echoes_the_token_is_described_without_it_even_where_it_is_cut() -> None:
    token = "b3sk_live_" + "s" * 40
    body = b'{"detail": "' + b"x" * 280 + f'bad token {token}"}}'.encode()
    exchange = Exchange("http://x", {}, 401, httpx.Headers(), body, Secret(token))

    assert "sss" not in exchange.describe()
    assert "bad token [token]" in Exchange("http://x", {}, 401, httpx.Headers(), body[270:], Secret(token)).describe()


def test_an_answer_is_described_in_one_line_with_its_body_cut_short() -> None:
    headers = httpx.Headers({"content-type": "application/json; charset=utf-8"})
    exchange = Exchange("http://x", {}, 404, headers, b'{"detail": "' + b"x" * 400 + b'"}')

    assert exchange.media_type == "application/json"
    assert exchange.describe().startswith('404 application/json {"detail": "xxx')
    assert exchange.describe().endswith("...")
    assert len(exchange.describe()) < 350


def test_a_body_that_is_not_json_raises_value_error() -> None:
    exchange = Exchange("http://x", {}, 200, httpx.Headers(), b"<html>")

    with pytest.raises(ValueError, match="Expecting value"):
        exchange.json()


def test_a_real_answer_is_recorded_with_the_request_headers(mock_url: str, fixtures: dict[str, Any]) -> None:
    client = Client(f"{mock_url}/b3os", "/v1/workflows/{id}/runs")
    token = f"Bearer {fixtures['b3os']['token']}"

    exchange = client.get(fixtures["b3os"]["params"], {"limit": "2"}, authorization=token)
    client.close()

    assert exchange.status == 200
    assert len(exchange.json()["data"]["items"]) == 2
    assert exchange.request_headers == {"Authorization": token}


def test_a_server_that_does_not_answer_raises_unreachable_error() -> None:
    client = Client(f"http://127.0.0.1:{free_port()}", "/runs")

    with pytest.raises(UnreachableError, match=r"^no answer from http://127\.0\.0\.1:\d+/runs: "):
        client.get({}, authorization=None)


class RateLimited:
    """An ASGI app answering 429 (Retry-After: 0) to the first `throttled` requests, then an empty list."""

    def __init__(self, throttled: int) -> None:
        self.throttled = throttled

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        status, headers = 200, [(b"content-type", b"application/json")]
        if self.throttled > 0:
            self.throttled -= 1
            status, headers = 429, [*headers, (b"retry-after", b"0")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"[]"})


def test_a_rate_limited_request_is_sent_again_after_the_wait_the_server_asks_for() -> None:
    waits: list[float] = []
    with serving(RateLimited(throttled=2)) as url:
        client = Client(url, "/runs", waiter=Waiter(pause=recorded_in(waits)))
        exchange = client.get({}, authorization=None)
        client.close()

    assert exchange.status == 200
    assert waits == [0.0, 0.0]


def test_a_server_that_keeps_rate_limiting_stops_the_run() -> None:
    with serving(RateLimited(throttled=10)) as url:
        client = Client(url, "/runs", waiter=Waiter(pause=lambda seconds, stop: False))
        with pytest.raises(RunAbortedError, match="kept answering 429"):
            client.get({}, authorization=None)
        client.close()


def test_a_run_stopped_while_a_request_waits_for_its_rate_limit_stops_as_on_ctrl_c() -> None:
    waiter = Waiter()
    waiter.stopped.set()
    with serving(RateLimited(throttled=1)) as url:
        client = Client(url, "/runs", waiter=waiter)
        with pytest.raises(KeyboardInterrupt):
            client.get({}, authorization=None)
        client.close()


def test_a_request_is_sent_again_as_it_was_and_its_curl_shows_the_status() -> None:
    with serving(RateLimited(throttled=0)) as url:
        client = Client(url, "/runs", secret=Secret("b3sk_live_1234", "B3OS_TOKEN"))
        first = client.get({}, {"limit": "5"}, authorization="Bearer b3sk_live_1234")
        again = client.read(first.request)
        client.close()

    assert again.request == first.request
    assert again.status == 200
    assert first.curl().startswith('curl -sS -i -H "Authorization: Bearer $B3OS_TOKEN" ')


def test_a_write_is_sent_once_with_its_json_body_and_its_curl_repeats_it_without_the_token() -> None:
    template = "/apps/{app_id}/workflows/{workflow_id}/runs"
    # A mock of its own: the write adds a run, which the session's shared mock must not see.
    with serving(create_app(Settings(dialects=("cortex-v1",), seed=0, clock_speed=0))) as url:
        fixture = httpx.get(f"{url}/__mock__/fixtures").json()["cortex-v1"]
        token = fixture["token"]
        client = Client(url, template, secret=Secret(token))
        exchange = client.send("POST", fixture["params"], template, {"input": {}}, authorization=f"Bearer {token}")
        client.close()

    assert (exchange.status, exchange.method, exchange.body) == (200, "POST", b'{"input": {}}')
    curl = exchange.curl()
    assert curl.startswith('curl -sS -i -X POST -H "Authorization: Bearer $CONTRACTS_TOKEN"')
    assert "-H 'Content-Type: application/json' --data '{\"input\": {}}'" in curl
    assert token not in curl


def test_every_exchange_is_told_to_the_observer_each_rate_limited_attempt_included() -> None:
    seen: list[Exchange] = []
    with serving(RateLimited(throttled=1)) as url:
        client = Client(url, "/runs", waiter=Waiter(pause=recorded_in([])), observe=seen.append)
        client.get({}, authorization=None)
        client.send("POST", {}, "/runs", {"a": 1}, authorization=None)
        client.close()

    assert [(exchange.method, exchange.status) for exchange in seen] == [("GET", 429), ("GET", 200), ("POST", 200)]


def test_the_headers_of_every_request_go_with_reads_and_writes_and_show_in_their_curl() -> None:
    template = "/apps/{app_id}/workflows/{workflow_id}/runs"
    sandbox = {"X-Mock-Sandbox": "ci-job-7"}
    admin = {"Authorization": "Bearer admin"}
    settings = Settings(dialects=("cortex-v1",), seed=0, clock_speed=0, admin_token="admin")
    with serving(create_app(settings)) as url:
        fixture = httpx.get(f"{url}/__mock__/fixtures").json()["cortex-v1"]
        token = f"Bearer {fixture['token']}"
        client = Client(url, template, secret=Secret(fixture["token"]), headers=sandbox)
        read = client.get(fixture["params"], {"take": "1"}, authorization=token)
        written = client.send("POST", fixture["params"], template, {"input": {}}, authorization=token)
        unauthenticated = client.get(fixture["params"], authorization=None)
        client.close()
        logged = httpx.get(f"{url}/__mock__/requests", headers={**admin, **sandbox}).json()["requests"]

    assert (read.status, written.status, unauthenticated.status) == (200, 200, 401)
    assert read.request_headers == {**sandbox, "Authorization": token}
    assert unauthenticated.request_headers == sandbox
    assert [entry["method"] for entry in logged] == ["GET", "POST", "GET"]
    for exchange in (read, written):
        assert "-H 'X-Mock-Sandbox: ci-job-7'" in exchange.curl()
