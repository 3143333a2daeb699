"""Server-wide latency and error rate: drawn from the seed, applied where they should be, answered as documented."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.types import ASGIApp, Receive, Scope, Send

from mock_server import Settings, create_app
from mock_server.misbehaviour.chaos import ErrorRate, Latency, seeded
from mock_server.web.auth import AUTHENTICATED_KEY
from tests.dialect_client import DialectClient, conforming
from tests.servers import serving, with_layer_options
from tests.spec_support import response_schema, schema_errors
from workflow_runs_specs import DIALECTS


async def hello(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "http":
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"5")]})
        await send({"type": "http.response.body", "body": b"hello"})


def accepting(app: ASGIApp) -> ASGIApp:
    """`app` behind a stand-in for the security layer: it accepts every request but those under /anonymous."""

    async def security(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/anonymous"):
            scope.setdefault("extensions", {})[AUTHENTICATED_KEY] = "t"
        await app(scope, receive, send)

    return security


def delays_of(paths: list[str], seed: int, low: int = 100, high: int = 400) -> list[float]:
    """The delays a server with latency `low`-`high` ms and `seed` sleeps for while answering `paths`."""
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    with serving(accepting(Latency(hello, low, high, seeded(seed, "latency"), sleep=sleep))) as url:
        for path in paths:
            assert httpx.get(url + path).text == "hello"
    return slept


# --- latency -------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_latency_delays_every_answer_by_a_draw_from_the_range() -> None:
    delays = delays_of(["/b3os/v1/workflows/x/runs", "/invent/ui/", "/nowhere"] * 10, seed=0)
    assert len(delays) == 30
    assert all(0.1 <= delay <= 0.4 for delay in delays)
    assert len(set(delays)) > 1


@pytest.mark.slow
def test_the_same_seed_draws_the_same_delays() -> None:
    paths = ["/b3os/v1/workflows/x/runs"] * 10
    assert delays_of(paths, seed=4) == delays_of(paths, seed=4)
    assert delays_of(paths, seed=4) != delays_of(paths, seed=5)


def test_requests_authentication_did_not_accept_are_not_delayed() -> None:
    assert delays_of(["/anonymous/b3os/v1/workflows/x/runs", "/anonymous/__mock__/fixtures"], seed=0) == []


def test_the_mock_delays_only_what_authentication_accepted(fixtures: dict[str, Any]) -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    app = with_layer_options(create_app(Settings(latency_ms=(60_000, 60_000), clock_speed=0)), Latency, sleep=sleep)
    with serving(app) as url:
        client = DialectClient(url, "b3os", fixtures["b3os"])
        for headers in ({}, {"Authorization": "Bearer wrong"}):
            assert conforming("b3os", client.get(headers=headers)).status_code == 401
        assert httpx.get(f"{url}/__mock__/fixtures").status_code == 200
        assert httpx.get(f"{url}/b3os/openapi.json").status_code == 200
        assert slept == []
        assert client.get().status_code == 200
        assert client.get({"limit": "0"}).status_code == 400  # an authenticated error is delayed too
        assert slept == [60.0, 60.0]
        client.http.close()


def test_a_fixed_latency_delays_every_answer_alike() -> None:
    assert set(delays_of(["/b3os/v1/workflows/x/runs"] * 5, seed=0, low=200, high=200)) == {0.2}


def test_the_mock_answers_as_usual_with_latency_on(fixtures: dict[str, Any]) -> None:
    with serving(create_app(Settings(dialects=("cortex-v1", "invent"), latency_ms=(1, 3), clock_speed=0))) as url:
        client = DialectClient(url, "cortex-v1", fixtures["cortex-v1"])
        assert conforming("cortex-v1", client.get()).status_code == 200
        assert httpx.get(f"{url}/__mock__/fixtures").status_code == 200
        client.http.close()


# --- error rate ----------------------------------------------------------------------------------------


def test_an_error_rate_fails_that_fraction_with_the_given_statuses() -> None:
    always, never = ErrorRate(1.0, (429, 500), random.Random(1)), ErrorRate(0.0, (500,), random.Random(1))
    assert {always.draw() for _ in range(50)} == {429, 500}
    assert {never.draw() for _ in range(50)} == {None}
    half = ErrorRate(0.5, (500,), random.Random(2))
    failed = Counter(half.draw() for _ in range(1000))[500]
    assert 400 < failed < 600


@pytest.fixture(scope="module")
def failing_b3os() -> Iterator[tuple[str, dict[str, Any]]]:
    """A mock whose b3os fails every list request, and whose other dialects never fail."""
    with serving(create_app(Settings(error_rates=(("b3os", 1.0),), clock_speed=0))) as url:
        yield url, httpx.get(f"{url}/__mock__/fixtures").json()


def test_a_failed_request_gets_a_documented_429_or_a_500_in_the_dialect_shape(
    failing_b3os: tuple[str, dict[str, Any]],
) -> None:
    url, fixtures = failing_b3os
    client = DialectClient(url, "b3os", fixtures["b3os"])
    answers = [client.get() for _ in range(30)]
    assert {answer.status_code for answer in answers} == {429, 500}
    for answer in answers:
        if answer.status_code == 429:
            conforming("b3os", answer)
            assert int(answer.headers["retry-after"]) > 0
        else:  # no spec documents a 5xx: the body is the dialect's error shape
            assert not schema_errors("b3os", response_schema("b3os", "404"), answer.json())
    client.http.close()


@pytest.mark.parametrize("dialect", [name for name in DIALECTS if name != "b3os"])
def test_an_error_rate_for_one_dialect_leaves_the_others_alone(
    failing_b3os: tuple[str, dict[str, Any]], dialect: str
) -> None:
    url, fixtures = failing_b3os
    client = DialectClient(url, dialect, fixtures[dialect])
    assert {client.get().status_code for _ in range(10)} == {200}
    client.http.close()


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        pytest.param({"Prefer": "code=200"}, 200, id="preferring-an-answer"),
        pytest.param({"Prefer": "example=pastTheEnd"}, 200, id="preferring-an-example"),
        pytest.param({"Authorization": "Bearer wrong"}, 401, id="unauthenticated"),
    ],
)
def test_requests_that_would_not_reach_the_list_or_prefer_an_answer_do_not_fail(
    failing_b3os: tuple[str, dict[str, Any]], headers: dict[str, str], status: int
) -> None:
    url, fixtures = failing_b3os
    client = DialectClient(url, "b3os", fixtures["b3os"])
    sent = {"Authorization": f"Bearer {client.token}", **headers}
    assert {client.get(headers=sent).status_code for _ in range(10)} == {status}
    client.http.close()


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        pytest.param("GET", "/v1/workflows/wf_nope/runs", 404, id="list-of-an-unknown-workflow"),
        pytest.param("GET", "/v1/workflows/{id}/runs?limit=0", 400, id="list-out-of-bounds"),
        pytest.param("GET", "/v1/runs/{run}", 200, id="get-of-one-run"),
        pytest.param("GET", "/v1/runs/run_nope", 404, id="get-of-an-unknown-run"),
        pytest.param("POST", "/v1/runs/{run}/retry", 409, id="write"),
    ],
)
def test_only_list_requests_answered_200_otherwise_fail(
    failing_b3os: tuple[str, dict[str, Any]], method: str, path: str, status: int
) -> None:
    url, fixtures = failing_b3os
    client = DialectClient(url, "b3os", fixtures["b3os"])
    headers = {"Authorization": f"Bearer {client.token}"}
    # The handler's own answer, as preferred (which no error rate fails): the running runs, to read and retry.
    listed = client.get({"status": "running"}, headers={**headers, "Prefer": "code=200"})
    run = listed.json()["data"]["items"][0]["id"]
    target = path.format(id=client.params["id"], run=run)
    assert {client.http.request(method, target, headers=headers).status_code for _ in range(5)} == {status}
    client.http.close()


def statuses_of(settings: Settings, fixtures: dict[str, Any], count: int) -> list[int]:
    with serving(create_app(settings)) as url:
        client = DialectClient(url, "invent", fixtures["invent"])
        statuses = [client.get().status_code for _ in range(count)]
        client.http.close()
    return statuses


def test_the_same_seed_fails_the_same_requests(fixtures: dict[str, Any]) -> None:
    settings = Settings(dialects=("invent", "b3os"), error_rates=(("all", 0.5),), clock_speed=0)
    first = statuses_of(settings, fixtures, 30)
    assert set(first) == {200, 429, 500}
    assert statuses_of(settings, fixtures, 30) == first
