"""Tests of mock_server.web.response_validation: the same verdicts as Connexion's response validation, cheaper.

The mock's own behaviour with `--validate-responses` is checked on b3os; the layer's checks (media type,
required headers, body) are compared with Connexion's own middleware on a small app of their own, whose
handlers can answer what the mock never does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import orjson
import pytest
from connexion import AsyncApp
from connexion.datastructures import MediaTypeDict
from connexion.middleware.response_validation import ResponseValidationMiddleware
from connexion.resolver import Resolver
from starlette.testclient import TestClient

from mock_server import Settings, create_app
from mock_server.data.view import StoreView
from mock_server.dialects.b3os import B3os
from mock_server.dialects.base import OperationRequest, Reply
from mock_server.web.response_bodies import BodyJudge
from mock_server.web.response_validation import (
    QuickResponseValidation,
    QuickResponseValidationMiddleware,
    ResponseValidator,
)
from tests.servers import serving


def replacing_b3os_list(monkeypatch: pytest.MonkeyPatch, change: Callable[[Reply], Reply]) -> None:
    """Every b3os instance's list handler (each app makes its own) answers `change` of the list's reply."""
    original = B3os.list_runs

    def list_runs(self: B3os, view: StoreView, request: OperationRequest) -> Reply:
        reply = original(self, view, request)
        plain = orjson.loads(orjson.dumps(reply.body))  # the page holds encoded runs; change a plain copy
        return change(Reply(reply.status, plain, reply.headers))

    monkeypatch.setattr(B3os, "list_runs", list_runs)


def get_demo(url: str, prefer: str | None = None, **query: int) -> httpx.Response:
    """The demo workflow's runs on b3os, with a `Prefer` header if given."""
    fixture: dict[str, Any] = httpx.get(f"{url}/__mock__/fixtures").json()["b3os"]
    headers = {"Authorization": f"Bearer {fixture['token']}", **({"Prefer": prefer} if prefer else {})}
    return httpx.get(f"{url}/v1/workflows/{fixture['params']['id']}/runs", headers=headers, params=query)


def test_with_response_validation_a_nonconforming_reply_becomes_a_500_in_the_vendor_shape(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def cancelled(reply: Reply) -> Reply:
        reply.body["data"]["items"][0]["status"] = "CANCELLED"  # not in b3os' enum
        return reply

    replacing_b3os_list(monkeypatch, cancelled)
    with serving(create_app(Settings(dialects=("b3os",), validate_responses=True))) as url:
        first, second = get_demo(url), get_demo(url, offset=0)
    for response in (first, second):
        assert response.status_code == 500
        body = response.json()
        assert body["code"] == 500
        assert "does not conform" in body["message"]
        assert "data/items/0/status" in body["message"]
        assert '"CANCELLED"' in body["message"]


def test_without_response_validation_the_reply_is_sent_as_is(monkeypatch: pytest.MonkeyPatch) -> None:
    def cancelled(reply: Reply) -> Reply:
        reply.body["data"]["items"][0]["status"] = "CANCELLED"
        return reply

    replacing_b3os_list(monkeypatch, cancelled)
    with serving(create_app(Settings(dialects=("b3os",)))) as url:
        response = get_demo(url)
    assert response.status_code == 200
    assert response.json()["data"]["items"][0]["status"] == "CANCELLED"


def test_a_documented_header_left_out_is_refused_on_every_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """b3os documents Retry-After as required on its 429."""
    replacing_b3os_list(monkeypatch, lambda reply: Reply(429, {"code": 429, "message": "slow down", "data": None}))
    with serving(create_app(Settings(dialects=("b3os",), validate_responses=True))) as url:
        answers = [get_demo(url, offset=offset) for offset in (0, 1)]
    for answer in answers:
        assert answer.status_code == 500
        assert "retry-after" in answer.json()["message"].lower()


def test_conforming_replies_pass_and_each_status_s_schema_and_definition_are_read_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compiled: list[object] = []
    read: list[int] = []

    class Counting(BodyJudge):
        def __init__(self, schema: Any) -> None:
            compiled.append(schema)
            super().__init__(schema)

    original_plan = QuickResponseValidation.plan

    def plan(self: QuickResponseValidation, status: int, headers: list[tuple[bytes, bytes]]) -> Any:
        if not any(key[0] == status for key in self.plans):
            read.append(status)
        return original_plan(self, status, headers)

    monkeypatch.setattr("mock_server.web.response_validation.BodyJudge", Counting)
    monkeypatch.setattr(ResponseValidator, "compiled", {})
    monkeypatch.setattr(QuickResponseValidation, "plan", plan)
    # Different pages, so each takes the whole pipeline (an identical request would be answered as a repeat).
    with serving(create_app(Settings(dialects=("b3os",), validate_responses=True))) as url:
        answers = [get_demo(url, offset=offset) for offset in (0, 5, 10)]
        # The mock's errors are raised, and rendered outside Connexion's validation; documented ones are answered.
        documented = [get_demo(url, "code=404", offset=offset) for offset in (1, 2)]
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert [answer.status_code for answer in documented] == [404, 404]
    assert len({answer.content for answer in answers}) == 3
    assert len(compiled) == 2  # the list's 200 and 404 schemas, each compiled once
    assert read == [200, 404]


# A small app of its own: one operation documenting a JSON 200 with a required header, and a JSON 404.
SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/thing": {
            "get": {
                "operationId": "thing",
                "responses": {
                    "200": {
                        "description": "a thing",
                        "headers": {"X-Count": {"required": True, "schema": {"type": "integer"}}},
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["name"],
                                    "properties": {"name": {"type": "string", "nullable": True}},
                                    "additionalProperties": False,
                                }
                            }
                        },
                    },
                    "404": {
                        "description": "none",
                        "content": {"application/json": {"schema": {"type": "object", "required": ["error"]}}},
                    },
                },
            }
        }
    },
}
ANSWERS: dict[str, tuple[Any, int, dict[str, str]]] = {
    "conforming": ({"name": "a"}, 200, {"X-Count": "1"}),
    "null where nullable": ({"name": None}, 200, {"X-Count": "1"}),
    "extra field": ({"name": "a", "other": 1}, 200, {"X-Count": "1"}),
    "missing required field": ({}, 200, {"X-Count": "1"}),
    "missing required header": ({"name": "a"}, 200, {}),
    "another media type": ("plain words", 200, {"X-Count": "1", "Content-Type": "text/plain"}),
    "a charset": ({"name": "a"}, 200, {"X-Count": "1", "Content-Type": "application/json; charset=utf-8"}),
    "error conforming": ({"error": "none"}, 404, {}),
    "error not conforming": ({"reason": "none"}, 404, {}),
    "error in another media type": ("none", 404, {"Content-Type": "text/plain"}),
    "undocumented status": ({"anything": 1}, 418, {}),
}


def small_app(answer: tuple[Any, int, dict[str, str]], *, ours: bool) -> AsyncApp:
    async def thing() -> tuple[Any, int, dict[str, str]]:
        return answer

    app = AsyncApp(__name__)
    validators = {"response": MediaTypeDict({"*/*json": ResponseValidator})} if ours else None
    app.add_api(SPEC, resolver=Resolver(function_resolver=lambda _: thing), validate_responses=True,
                validator_map=validators)  # fmt: skip
    if ours:  # only the response validation layer swapped, as `quicker_middlewares` swaps it
        swapped = {ResponseValidationMiddleware: QuickResponseValidationMiddleware}
        app.middleware.middlewares[:] = [swapped.get(layer, layer) for layer in app.middleware.middlewares]
    return app


@pytest.mark.parametrize("case", list(ANSWERS))
def test_the_layer_answers_as_connexion_s_own_response_validation(case: str) -> None:
    answers = {}
    for ours in (False, True):
        with TestClient(small_app(ANSWERS[case], ours=ours), raise_server_exceptions=False) as client:
            answers[ours] = [client.get("/thing") for _ in range(2)]  # the second from what the first worked out
    theirs, mine = answers[False], answers[True]
    assert [answer.status_code for answer in mine] == [answer.status_code for answer in theirs]
    ours_refused_body = [answer.json()["detail"] for answer in mine if answer.status_code == 500]
    if ours_refused_body and ours_refused_body[0].startswith("Response body does not conform to the specification"):
        # The same verdict; only the message is ours, naming where and what.
        assert len(ours_refused_body) == 2
        assert all("does not conform to specification" in answer.json()["detail"] for answer in theirs)
    else:
        assert [answer.content for answer in mine] == [answer.content for answer in theirs]
    accepted = {
        "conforming",
        "null where nullable",
        "error conforming",
        "undocumented status",
    }
    assert (mine[0].status_code != 500) is (case in accepted), mine[0].text
