"""The Connexion plug-ins: quicker request validation answering as Connexion's, Swagger UI under its path only."""

from __future__ import annotations

import pytest
from connexion.middleware.context import ContextMiddleware
from connexion.middleware.request_validation import RequestValidationMiddleware
from connexion.middleware.response_validation import ResponseValidationMiddleware
from connexion.middleware.swagger_ui import SwaggerUIMiddleware

from mock_server import Settings, create_app
from mock_server.web.plugins import QuickRequestValidationMiddleware, SwaggerUIOnly
from mock_server.web.response_validation import QuickResponseValidationMiddleware


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
    assert {QuickRequestValidationMiddleware, QuickResponseValidationMiddleware, SwaggerUIOnly} <= set(stack)
    assert not {
        ContextMiddleware,
        RequestValidationMiddleware,
        ResponseValidationMiddleware,
        SwaggerUIMiddleware,
    } & set(stack)
