"""The Connexion plug-ins: the response validator catches non-conforming replies, once compiled per schema."""

from __future__ import annotations

from typing import Any

import httpx
import orjson
import pytest
from connexion.json_schema import Draft4ResponseValidator
from connexion.middleware.context import ContextMiddleware
from connexion.middleware.request_validation import RequestValidationMiddleware
from connexion.middleware.swagger_ui import SwaggerUIMiddleware

from mock_server import Settings, create_app
from mock_server.data.store import Store
from mock_server.dialects.b3os import B3OS
from mock_server.dialects.base import OperationRequest, Reply
from mock_server.web.plugins import QuickRequestValidationMiddleware, ResponseValidator, SwaggerUIOnly
from tests.servers import serving


@pytest.fixture
def broken_b3os(monkeypatch: pytest.MonkeyPatch) -> None:
    """b3os answering a run whose status is not in its enum."""
    original = B3OS.list_runs

    def list_runs(store: Store, request: OperationRequest) -> Reply:
        reply = original(store, request)
        body = orjson.loads(orjson.dumps(reply.body))  # the page is encoded runs; change a plain copy
        body["data"]["items"][0]["status"] = "CANCELLED"
        return Reply(reply.status, body, reply.headers)

    monkeypatch.setattr(B3OS, "list_runs", list_runs)


def get_demo(url: str, **query: int) -> httpx.Response:
    fixture: dict[str, Any] = httpx.get(f"{url}/__mock__/fixtures").json()["b3os"]
    headers = {"Authorization": f"Bearer {fixture['token']}"}
    return httpx.get(f"{url}/v1/workflows/{fixture['params']['id']}/runs", headers=headers, params=query)


@pytest.mark.usefixtures("broken_b3os")
def test_with_response_validation_a_nonconforming_reply_becomes_a_500_in_the_vendor_shape() -> None:
    with serving(create_app(Settings(dialects=("b3os",), validate_responses=True))) as url:
        first, second = get_demo(url), get_demo(url)
    for response in (first, second):
        assert response.status_code == 500
        body = response.json()
        assert body["code"] == 500
        assert "does not conform" in body["message"]
        assert "data/items/0/status" in body["message"]


@pytest.mark.usefixtures("broken_b3os")
def test_without_response_validation_the_reply_is_sent_as_is() -> None:
    with serving(create_app(Settings(dialects=("b3os",)))) as url:
        response = get_demo(url)
    assert response.status_code == 200
    assert response.json()["data"]["items"][0]["status"] == "CANCELLED"


def test_conforming_replies_pass_response_validation_and_the_200_schema_compiles_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compiled: list[object] = []

    def counting(schema: Any, **options: Any) -> Any:
        compiled.append(schema)
        return Draft4ResponseValidator(schema, **options)

    monkeypatch.setattr("mock_server.web.plugins.Draft4ResponseValidator", counting)
    ResponseValidator.compiled.clear()
    ResponseValidator.conforming.clear()
    # Three different pages, so each takes the whole pipeline (an identical request would be answered as a repeat).
    with serving(create_app(Settings(dialects=("b3os",), validate_responses=True))) as url:
        answers = [get_demo(url, offset=offset) for offset in (0, 5, 10)]
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert len({answer.content for answer in answers}) == 3
    assert len(ResponseValidator.conforming) == 3  # each distinct body was judged
    assert len(compiled) == 2  # the body around the list and the list's items, each compiled once, for the first


@pytest.mark.parametrize(
    "query",
    ["", "?limit=5&offset=3", "?limit=0", "?status=nope", "?limitt=5"],
    ids=["default", "paged", "out-of-bounds", "bad-enum", "unknown"],
)
def test_a_get_answers_the_same_with_or_without_a_content_type(query: str) -> None:
    """Without a Content-Type the parameters are validated by the validator built once; with one, Connexion's
    whole path runs; the answers must not differ."""
    from starlette.testclient import TestClient

    with TestClient(create_app(Settings(dialects=("b3os",), clock_speed=0))) as client:
        fixture = client.get("/__mock__/fixtures").json()["b3os"]
        path = f"/v1/workflows/{fixture['params']['id']}/runs{query}"
        token = {"Authorization": f"Bearer {fixture['token']}"}
        plain = client.get(path, headers=token)
        typed = client.get(path, headers={**token, "Content-Type": "application/json"})
    assert (plain.status_code, plain.content) == (typed.status_code, typed.content)
    assert plain.status_code == (200 if query in ("", "?limit=5&offset=3") else 400)


def test_swagger_ui_is_still_served_under_its_path_and_nothing_else_reaches_it() -> None:
    from starlette.testclient import TestClient

    with TestClient(create_app(Settings(dialects=("b3os",)))) as client:
        assert client.get("/ui/").status_code == 200
        assert "swagger" in client.get("/ui/").text.lower()
        assert client.get("/nothing-here").status_code == 404


def test_the_quicker_stack_swaps_in_our_layers_and_leaves_out_connexions_context() -> None:
    app = create_app(Settings(dialects=("b3os",)))
    stack = app.middleware.middlewares
    assert QuickRequestValidationMiddleware in stack
    assert SwaggerUIOnly in stack
    assert not {ContextMiddleware, RequestValidationMiddleware, SwaggerUIMiddleware} & set(stack)
