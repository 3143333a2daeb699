"""The quicker exception layer: every answer, rendered error or raised exception is what Connexion's layer gives."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.middleware.exceptions import ExceptionMiddleware
from starlette.exceptions import HTTPException
from starlette.types import Message, Receive, Scope, Send

from mock_server.web.exceptions import QuickExceptions


class Refused(Exception):
    pass


def refused(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    return ConnexionResponse(status_code=418, body=f'{{"path":"{request.url.path}"}}', mimetype="application/json")


def failing_app(failure: Exception | None, *, after_start: bool = False) -> Any:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if after_start or failure is None:
            await send({"type": "http.response.start", "status": 200, "headers": []})
        if failure is not None:
            raise failure
        await send({"type": "http.response.body", "body": b"fine"})

    return app


async def no_receive() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def outcome(layer_class: type[ExceptionMiddleware], app: Any) -> Any:
    """The messages sent, or the exception raised, by `layer_class` around `app`."""
    layer = layer_class(app)
    layer.add_exception_handler(Refused, refused)
    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/runs", "query_string": b"", "headers": [], "app": object()}
    try:
        asyncio.run(layer(scope, no_receive, send))
    except Exception as error:
        return type(error).__name__, str(error), type(error.__cause__).__name__
    return sent


FAILURES = {
    "none": (None, 200),
    "own-handler": (Refused(), 418),
    "not-found": (HTTPException(404), 404),
    "method-not-allowed": (HTTPException(405, headers={"Allow": "GET"}), 405),
    "unexpected": (ValueError("boom"), 500),
}


@pytest.mark.parametrize(("failure", "status"), FAILURES.values(), ids=FAILURES.keys())
def test_an_answer_or_a_rendered_error_is_what_connexions_layer_sends(failure: Exception | None, status: int) -> None:
    quick = outcome(QuickExceptions, failing_app(failure))
    assert quick == outcome(ExceptionMiddleware, failing_app(failure))
    assert quick[0]["status"] == status


@pytest.mark.parametrize("failure", [Refused(), ValueError("boom")], ids=["own-handler", "unexpected"])
def test_an_exception_after_the_answer_started_is_starlettes_runtime_error(failure: Exception) -> None:
    quick = outcome(QuickExceptions, failing_app(failure, after_start=True))
    assert quick == outcome(ExceptionMiddleware, failing_app(failure, after_start=True))
    assert quick[0] == "RuntimeError"


def test_the_handler_gets_the_request_that_raised() -> None:
    sent = outcome(QuickExceptions, failing_app(Refused()))
    assert sent[0]["status"] == 418
    assert sent[1]["body"] == b'{"path":"/runs"}'
