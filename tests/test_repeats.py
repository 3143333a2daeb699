"""Repeated requests are answered with the reply the whole pipeline gave them, while the data is unchanged."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from starlette.types import Message, Receive, Scope, Send

from mock_server import Settings
from mock_server.app import MockApp
from mock_server.web.repeats import CACHEABLE_KEY, RepeatedRequests


class Pipeline:
    """Stands for everything behind the layer: counts the requests it sees and answers `status`."""

    def __init__(self, status: int = 200, mark: bool = True) -> None:
        self.status = status
        self.mark = mark
        self.seen = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.seen += 1
        if self.mark:
            scope.setdefault("extensions", {})[CACHEABLE_KEY] = "v1"
        body = f"answer {self.seen}".encode()
        await send({"type": "http.response.start", "status": self.status, "headers": [(b"x-n", b"1")]})
        await send({"type": "http.response.body", "body": body})


def call(layer: RepeatedRequests, method: str = "GET", query: bytes = b"", headers: tuple[Any, ...] = ()) -> bytes:
    sent_headers = [(b"authorization", b"Bearer t"), *headers]
    path = "/b3os/v1/workflows/wf/runs"
    scope: Scope = {"type": "http", "method": method, "path": path, "query_string": query, "headers": sent_headers}
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(layer(scope, receive, send))
    return b"".join(message.get("body", b"") for message in sent)


def test_a_repeated_request_gets_the_same_bytes_without_the_pipeline() -> None:
    pipeline = Pipeline()
    layer = RepeatedRequests(pipeline, version_of=lambda path: "v1")
    assert call(layer) == call(layer) == b"answer 1"
    assert pipeline.seen == 1


def test_another_query_or_token_takes_the_pipeline() -> None:
    pipeline = Pipeline()
    layer = RepeatedRequests(pipeline, version_of=lambda path: "v1")
    call(layer)
    call(layer, query=b"limit=5")
    scope_token = ((b"x-other", b"1"),)
    call(layer, headers=scope_token)
    assert pipeline.seen == 2


def test_new_data_takes_the_pipeline_again() -> None:
    pipeline = Pipeline()
    current = {"version": "v1"}
    layer = RepeatedRequests(pipeline, version_of=lambda path: current["version"])
    call(layer)
    assert call(layer) == b"answer 1"
    current["version"] = "v2"
    assert call(layer) == b"answer 2"


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
    layer = RepeatedRequests(pipeline, version_of=lambda path: "v1")
    call(layer, method=method, headers=headers)
    call(layer, method=method, headers=headers)
    assert pipeline.seen == 2


def test_the_remembered_answers_are_bounded() -> None:
    layer = RepeatedRequests(Pipeline(), version_of=lambda path: "v1", capacity=3)
    for index in range(10):
        call(layer, query=f"limit={index}".encode())
    assert len(layer.remembered) == 3


@pytest.mark.parametrize(
    "settings",
    [
        pytest.param(Settings(latency_ms=(10, 10)), id="latency"),
        pytest.param(Settings(error_rates=(("all", 0.1),)), id="error-rate"),
        pytest.param(Settings(rate_limits=(("aitasker", 300),)), id="rate-limit"),
    ],
)
def test_per_request_behaviour_turns_the_layer_off(settings: Settings) -> None:
    mock = MockApp(settings)
    mock.app.middleware._build_middleware_stack()
    assert not [m for m in mock.app.middleware.middlewares if getattr(m, "func", None) is RepeatedRequests]


def test_the_default_settings_install_the_layer() -> None:
    mock = MockApp(Settings())
    assert [m for m in mock.app.middleware.middlewares if getattr(m, "func", None) is RepeatedRequests]
