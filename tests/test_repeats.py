"""Repeated requests are answered with the reply the whole pipeline gave them, while the data is unchanged."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from starlette.types import Message, Receive, Scope, Send

from mock_server import Settings, create_app
from mock_server.app import MockApp
from mock_server.misbehaviour.chaos import Latency
from mock_server.web.auth import AUTHENTICATED_KEY
from mock_server.web.repeats import CACHEABLE_KEY, RepeatedRequests
from tests.servers import serving, with_layer_options


class Pipeline:
    """Stands for everything behind the layer: counts the requests it sees and answers `status`, accepting the
    token of the only `Authorization` header when it is one of `accepted` (as the security handler does)."""

    def __init__(self, status: int = 200, mark: bool = True, accepted: tuple[str, ...] = ("t", "u")) -> None:
        self.status = status
        self.mark = mark
        self.accepted = accepted
        self.seen = 0
        self.version = "v1"
        """The data version the answers are marked as made from."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.seen += 1
        headers = [value.decode() for name, value in scope["headers"] if name == b"authorization"]
        token = headers[0].split(" ", 1)[-1] if len(headers) == 1 else None
        if token not in self.accepted:
            await send({"type": "http.response.start", "status": 401, "headers": []})
            await send({"type": "http.response.body", "body": b"refused"})
            return
        extensions = scope.setdefault("extensions", {})
        extensions[AUTHENTICATED_KEY] = token
        if self.mark:
            extensions[CACHEABLE_KEY] = self.version
        body = f"answer {self.seen}".encode()
        await send({"type": "http.response.start", "status": self.status, "headers": [(b"x-n", b"1")]})
        await send({"type": "http.response.body", "body": body})


def call(
    layer: RepeatedRequests,
    method: str = "GET",
    query: bytes = b"",
    headers: tuple[Any, ...] = (),
    authorization: tuple[bytes, ...] = (b"Bearer t",),
) -> bytes:
    sent_headers = [*((b"authorization", value) for value in authorization), *headers]
    path = "/b3os/v1/workflows/wf/runs"
    scope: Scope = {"type": "http", "method": method, "path": path, "query_string": query, "headers": sent_headers}
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(layer(scope, receive, send))
    return b"".join(message.get("body", b"") for message in sent)


def test_a_request_that_came_once_is_not_remembered() -> None:
    pipeline = Pipeline()
    layer = RepeatedRequests(pipeline, version_of=lambda path, sandbox: "v1")
    assert call(layer) == b"answer 1"
    assert (len(layer.remembered), pipeline.seen) == (0, 1)


def test_a_request_coming_again_gets_the_answer_of_its_second_time_without_the_pipeline() -> None:
    pipeline = Pipeline()
    layer = RepeatedRequests(pipeline, version_of=lambda path, sandbox: "v1")
    assert [call(layer) for _ in range(4)] == [b"answer 1", b"answer 2", b"answer 2", b"answer 2"]
    assert pipeline.seen == 2


def test_a_request_coming_again_only_after_as_many_others_as_the_layer_holds_is_not_remembered() -> None:
    pipeline = Pipeline()
    layer = RepeatedRequests(pipeline, version_of=lambda path, sandbox: "v1", capacity=2)
    for query in (b"", b"limit=1", b"limit=2", b""):  # two others came once after the first: it is forgotten
        call(layer, query=query)
    assert len(layer.remembered) == 0
    assert call(layer) == call(layer) == b"answer 5"  # but it was noted again, so it is now a repeat


def test_the_same_request_naming_another_sandbox_is_remembered_apart_and_never_answered_from_the_other() -> None:
    pipeline = Pipeline()
    layer = RepeatedRequests(pipeline, version_of=lambda path, sandbox: "v1")
    in_a = [call(layer, headers=((b"x-mock-sandbox", b"a"),)) for _ in range(3)]
    in_b = [call(layer, headers=((b"x-mock-sandbox", b"b"),)) for _ in range(3)]
    twice = [call(layer, headers=((b"x-mock-sandbox", b"a"), (b"x-mock-sandbox", b"b"))) for _ in range(3)]
    assert in_a == [b"answer 1", b"answer 2", b"answer 2"]
    assert in_b == [b"answer 3", b"answer 4", b"answer 4"]
    assert twice == [b"answer 5", b"answer 6", b"answer 7"]  # several: the pipeline refuses them, every time


def test_refused_requests_are_not_noted_so_they_never_push_out_a_request_that_will_repeat() -> None:
    pipeline = Pipeline()
    layer = RepeatedRequests(pipeline, version_of=lambda path, sandbox: "v1", capacity=2)
    call(layer)
    for number in range(5):
        assert call(layer, query=f"limit={number}".encode(), authorization=(b"Bearer junk",)) == b"refused"
    assert len(layer.asked) == 1
    assert call(layer) == call(layer) == b"answer 7"  # the pipeline's seventh answer, remembered
    assert pipeline.seen == 7


def test_answers_not_marked_by_a_read_handler_are_not_noted() -> None:
    layer = RepeatedRequests(Pipeline(mark=False), version_of=lambda path, sandbox: "v1")
    for number in range(3):
        call(layer, query=f"limit={number}".encode())
    assert len(layer.asked) == 0


def test_another_query_or_token_takes_the_pipeline() -> None:
    pipeline = Pipeline()
    layer = RepeatedRequests(pipeline, version_of=lambda path, sandbox: "v1")
    call(layer)
    call(layer)
    assert call(layer, query=b"limit=5") == b"answer 3"
    assert call(layer, authorization=(b"Bearer u",)) == b"answer 4"
    assert pipeline.seen == 4


def test_the_same_token_with_the_scheme_in_another_case_is_the_same_credential() -> None:
    pipeline = Pipeline()
    layer = RepeatedRequests(pipeline, version_of=lambda path, sandbox: "v1")
    answers = [call(layer), call(layer, authorization=(b"bearer t",)), call(layer)]
    assert answers == [b"answer 1", b"answer 2", b"answer 2"]


def test_a_wrong_token_after_a_right_one_was_remembered_is_judged_by_authentication() -> None:
    pipeline = Pipeline()
    layer = RepeatedRequests(pipeline, version_of=lambda path, sandbox: "v1")
    assert [call(layer) for _ in range(3)] == [b"answer 1", b"answer 2", b"answer 2"]
    assert call(layer, authorization=(b"Bearer nope",)) == b"refused"
    assert call(layer, authorization=()) == b"refused"


@pytest.mark.parametrize(
    "authorization",
    [
        pytest.param((b"Bearer t", b"Bearer nope"), id="right-first"),
        pytest.param((b"Bearer nope", b"Bearer t"), id="right-last"),
        pytest.param((b"Bearer t", b"Bearer t"), id="right-twice"),
        pytest.param((), id="none"),
        pytest.param((b"Basic t",), id="not-bearer"),
    ],
)
def test_requests_without_exactly_one_bearer_token_always_take_the_pipeline(authorization: tuple[bytes, ...]) -> None:
    pipeline = Pipeline()
    layer = RepeatedRequests(pipeline, version_of=lambda path, sandbox: "v1")
    call(layer)
    call(layer)
    for _ in range(3):
        call(layer, authorization=authorization)
    assert pipeline.seen == 5


def test_an_answer_authentication_gave_to_another_credential_is_not_remembered() -> None:
    """A pipeline that accepted a token other than the one in the key (a flaw behind this layer) is not trusted."""

    async def accepting_another(scope: Scope, receive: Receive, send: Send) -> None:
        scope.setdefault("extensions", {}).update({AUTHENTICATED_KEY: "someone-else", CACHEABLE_KEY: "v1"})
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"answer"})

    layer = RepeatedRequests(accepting_another, version_of=lambda path, sandbox: "v1")
    call(layer)
    call(layer)
    assert len(layer.remembered) == 0


def test_a_wrong_token_after_a_right_one_was_served_from_memory_gets_401_from_the_mock(
    mock_url: str, fixtures: dict[str, Any]
) -> None:
    fixture = fixtures["b3os"]
    url = f"{mock_url}/b3os/v1/workflows/{fixture['params']['id']}/runs?limit=3&offset=7"
    right, wrong = f"Bearer {fixture['token']}", "Bearer nope"
    for _ in range(3):  # the third from memory
        assert httpx.get(url, headers={"Authorization": right}).status_code == 200
    for headers in ([("Authorization", right), ("Authorization", wrong)], [("Authorization", wrong)]):
        response = httpx.get(url, headers=headers)
        assert response.status_code == 401
        assert "data" not in response.json() or response.json()["data"] is None


@pytest.mark.parametrize("order", ["right-first", "right-last"])
def test_two_authorization_headers_get_401_from_the_mock_in_either_order(
    mock_url: str, fixtures: dict[str, Any], order: str
) -> None:
    fixture = fixtures["invent"]
    url = f"{mock_url}/invent/orgs/{fixture['params']['org_id']}/workflows/runs"
    right, wrong = ("Authorization", f"Bearer {fixture['token']}"), ("Authorization", "Bearer nope")
    headers = [right, wrong] if order == "right-first" else [wrong, right]
    for _ in range(2):  # the second time too, after any layer could have remembered something
        response = httpx.get(url, headers=headers)
        assert response.status_code == 401
        assert response.json()["status"] == 401
        assert "one Authorization header" in response.json()["message"]


def test_new_data_takes_the_pipeline_again_and_its_answer_is_remembered_at_once() -> None:
    pipeline = Pipeline()
    current = {"version": "v1"}
    layer = RepeatedRequests(pipeline, version_of=lambda path, sandbox: current["version"])
    assert [call(layer) for _ in range(3)] == [b"answer 1", b"answer 2", b"answer 2"]
    current["version"] = pipeline.version = "v2"
    assert [call(layer) for _ in range(2)] == [b"answer 3", b"answer 3"]


@pytest.mark.parametrize(
    ("pipeline", "method", "headers"),
    [
        pytest.param(Pipeline(), "HEAD", (), id="not-get"),
        pytest.param(Pipeline(), "GET", ((b"prefer", b"code=404"),), id="prefer-header"),
        pytest.param(Pipeline(status=404), "GET", (), id="not-200"),
        pytest.param(Pipeline(mark=False), "GET", (), id="not-marked-by-the-handler"),
    ],
)
def test_what_is_not_a_pure_function_of_the_request_always_takes_the_pipeline(
    pipeline: Pipeline, method: str, headers: tuple[Any, ...]
) -> None:
    layer = RepeatedRequests(pipeline, version_of=lambda path, sandbox: "v1")
    for _ in range(3):
        call(layer, method=method, headers=headers)
    assert pipeline.seen == 3


def test_the_remembered_answers_are_bounded() -> None:
    layer = RepeatedRequests(Pipeline(), version_of=lambda path, sandbox: "v1", capacity=3)
    for index in range(10):
        call(layer, query=f"limit={index}".encode())
        call(layer, query=f"limit={index}".encode())
    assert (len(layer.remembered), len(layer.asked)) == (3, 0)


def test_the_requests_noted_once_are_bounded() -> None:
    layer = RepeatedRequests(Pipeline(), version_of=lambda path, sandbox: "v1", capacity=3)
    for index in range(10):
        call(layer, query=f"limit={index}".encode())
    assert (len(layer.remembered), len(layer.asked)) == (0, 3)


def test_the_remembered_bodies_are_bounded_in_bytes_keeping_the_newest() -> None:
    layer = RepeatedRequests(
        Pipeline(), version_of=lambda path, sandbox: "v1", size=20
    )  # bodies "answer N", 8 or 9 bytes
    for index in range(10):
        call(layer, query=f"limit={index}".encode())
        call(layer, query=f"limit={index}".encode())
    assert [key[1] for key in layer.remembered] == [b"limit=8", b"limit=9"]
    assert layer.remembered.held == len(b"answer 18") + len(b"answer 20")


def repeated_list_answers(app: Any, times: int) -> list[int]:
    """The statuses of `times` identical list requests for b3os' demo workflow, one after the other."""
    with serving(app) as url:
        fixture = httpx.get(f"{url}/__mock__/fixtures").json()["b3os"]
        headers = {"Authorization": f"Bearer {fixture['token']}"}
        return [
            httpx.get(f"{url}/b3os/v1/workflows/{fixture['params']['id']}/runs", headers=headers).status_code
            for _ in range(times)
        ]


def test_with_a_rate_limit_a_repeated_read_is_still_counted_and_refused_past_the_limit() -> None:
    assert repeated_list_answers(create_app(Settings(rate_limits=(("b3os", 2),))), 4) == [200, 200, 429, 429]


def test_with_an_error_rate_a_repeated_read_still_draws_its_own_failure() -> None:
    statuses = repeated_list_answers(create_app(Settings(error_rates=(("b3os", 0.5),))), 12)
    second_success = [index for index, status in enumerate(statuses) if status == 200][1]  # a memory keeps this one
    assert any(status != 200 for status in statuses[second_success + 1 :]), statuses


def test_with_latency_every_repeated_read_is_delayed() -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    app = with_layer_options(create_app(Settings(latency_ms=(10, 10))), Latency, sleep=sleep)
    assert repeated_list_answers(app, 4) == [200] * 4
    assert slept == [0.01] * 4


def test_the_default_settings_install_the_layer() -> None:
    mock = MockApp(Settings())
    assert [m for m in mock.app.middleware.middlewares if getattr(m, "func", None) is RepeatedRequests]
