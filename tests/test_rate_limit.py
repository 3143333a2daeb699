"""Rate limiting per key: the window, and over HTTP the headers, the 429s and what is counted."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mock_server import Settings, create_app
from mock_server.misbehaviour.rate_limit import FixedWindow, Verdict
from tests.dialect_client import DialectClient, conforming
from tests.servers import serving
from workflow_runs_specs import DIALECTS

LIMIT = 3


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# --- the window ----------------------------------------------------------------------------------------


def test_a_window_allows_the_limit_then_refuses_until_it_reopens() -> None:
    clock = FakeClock()
    window = FixedWindow(2, window=60, clock=clock)
    assert [window.hit("k"), window.hit("k")] == [Verdict(True, 1, 0), Verdict(True, 0, 0)]
    clock.now += 20.5
    assert window.hit("k") == Verdict(False, 0, 40)
    clock.now += 39.5
    assert window.hit("k") == Verdict(True, 1, 0)


def test_refused_requests_do_not_count_and_keys_count_apart() -> None:
    clock = FakeClock()
    window = FixedWindow(1, window=60, clock=clock)
    assert window.hit("a").allowed
    assert not any(window.hit("a").allowed for _ in range(5))
    assert window.hit("b").allowed
    clock.now += 60
    assert window.hit("a").allowed


def test_retry_after_is_at_least_a_second() -> None:
    clock = FakeClock()
    window = FixedWindow(1, window=60, clock=clock)
    window.hit("k")
    clock.now += 59.9
    assert window.hit("k").retry_after == 1


# --- over HTTP -----------------------------------------------------------------------------------------


class Limited:
    """A mock limiting every dialect to `LIMIT` requests a minute per key, accepting `other-key` too."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.fixtures: dict[str, Any] = httpx.get(f"{url}/__mock__/fixtures").json()
        self.clients: list[DialectClient] = []

    def client(self, dialect: str) -> DialectClient:
        self.clients.append(DialectClient(self.url, dialect, self.fixtures[dialect]))
        return self.clients[-1]


@pytest.fixture
def limited() -> Iterator[Limited]:
    settings = Settings(rate_limits=(("all", LIMIT),), tokens=("other-key",), clock_speed=0)
    with serving(create_app(settings)) as url:
        mock = Limited(url)
        yield mock
        for client in mock.clients:
            client.http.close()


def limits(response: httpx.Response) -> tuple[str | None, str | None]:
    return response.headers.get("x-ratelimit-limit"), response.headers.get("x-ratelimit-remaining")


def test_aitasker_says_the_limit_and_what_is_left_on_every_answer(limited: Limited) -> None:
    client = limited.client("aitasker")
    unknown = {**client.params, "workflow_id": "00000000-0000-4000-8000-000000000000"}
    answers = [client.get(), client.get(params=unknown), client.get(params={**client.params, "workflow_id": "x"})]
    assert [conforming("aitasker", answer).status_code for answer in answers] == [200, 404, 422]
    assert [limits(answer) for answer in answers] == [("3", "2"), ("3", "1"), ("3", "0")]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_past_the_limit_the_answer_is_429_with_retry_after(limited: Limited, dialect: str) -> None:
    client = limited.client(dialect)
    assert [client.get().status_code for _ in range(LIMIT)] == [200] * LIMIT
    refused = conforming(dialect, client.get())
    assert refused.status_code == 429
    assert 0 < int(refused.headers["retry-after"]) <= 60
    assert str(LIMIT) in refused.text
    expected = ("3", "0") if dialect == "aitasker" else (None, None)  # only aitasker documents X-RateLimit-*
    assert limits(refused) == expected


def test_each_key_has_its_own_limit(limited: Limited) -> None:
    client = limited.client("b3os")
    for _ in range(LIMIT):
        client.get()
    assert client.get().status_code == 429
    assert client.get(headers={"Authorization": "Bearer other-key"}).status_code == 200


def test_requests_without_a_valid_key_are_not_counted(limited: Limited) -> None:
    client = limited.client("aitasker")
    right = ("Authorization", f"Bearer {client.token}")
    for headers in ([], [("Authorization", "Bearer wrong")], [right, ("Authorization", "Bearer wrong")]) * LIMIT:
        answer = client.get(headers=headers)
        assert answer.status_code == 401
        assert limits(answer) == (None, None)
    assert limits(client.get()) == ("3", "2")


def test_only_requests_to_the_api_operation_are_counted(limited: Limited) -> None:
    url = limited.url
    client = limited.client("invent")
    key = {"Authorization": f"Bearer {client.token}"}
    for _ in range(LIMIT + 1):
        assert httpx.get(f"{url}/invent/openapi.json", headers=key).status_code == 200
    assert client.get().status_code == 200


def test_a_preferred_429_keeps_its_own_limit_headers(limited: Limited) -> None:
    client = limited.client("aitasker")
    answer = client.get(headers={"Authorization": f"Bearer {client.token}", "Prefer": "code=429"})
    assert answer.headers.get_list("x-ratelimit-remaining") == ["0"]
    assert answer.headers.get_list("x-ratelimit-limit") == [str(LIMIT)]
    assert limits(client.get()) == ("3", "1")


def test_no_limit_and_no_limit_headers_by_default(mock_url: str, fixtures: dict[str, Any]) -> None:
    client = DialectClient(mock_url, "aitasker", fixtures["aitasker"])
    answers = [client.get() for _ in range(LIMIT * 3)]
    assert {answer.status_code for answer in answers} == {200}
    assert {limits(answer) for answer in answers} == {(None, None)}
    client.http.close()
