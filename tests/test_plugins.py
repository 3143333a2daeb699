"""The Connexion plug-ins: the response validator catches non-conforming replies, once compiled per schema."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mock_server import Settings, create_app
from mock_server.dialects import DIALECTS
from mock_server.dialects.base import ListRequest, Reply
from mock_server.plugins import ResponseValidator
from mock_server.store import Store
from tests.servers import serving


@pytest.fixture
def broken_b3os(monkeypatch: pytest.MonkeyPatch) -> None:
    """b3os answering a run whose status is not in its enum."""
    original = DIALECTS["b3os"].list_runs

    def list_runs(store: Store, request: ListRequest) -> Reply:
        reply = original(store, request)
        reply.body["data"]["items"][0]["status"] = "CANCELLED"
        return reply

    monkeypatch.setattr(DIALECTS["b3os"], "list_runs", list_runs)


def get_demo(url: str) -> httpx.Response:
    fixture: dict[str, Any] = httpx.get(f"{url}/__mock__/fixtures").json()["b3os"]
    headers = {"Authorization": f"Bearer {fixture['token']}"}
    return httpx.get(f"{url}/v1/workflows/{fixture['params']['id']}/runs", headers=headers)


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


def test_conforming_replies_pass_response_validation_and_each_schema_compiles_once() -> None:
    ResponseValidator.compiled.clear()
    with serving(create_app(Settings(dialects=("b3os",), validate_responses=True))) as url:
        answers = [get_demo(url) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert len(ResponseValidator.compiled) == 1
