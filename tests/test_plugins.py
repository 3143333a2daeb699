"""The Connexion plug-ins: quicker security and request validation answering as Connexion's, Swagger UI under its
path only."""

from __future__ import annotations

import asyncio
import functools

import pytest
from connexion.security import SecurityHandlerFactory
from starlette.types import Message, Receive, Scope, Send

from mock_server import Settings, create_app
from mock_server.app import MockApp
from mock_server.problems import MockProblem, ProblemKind
from mock_server.web.auth import AUTHENTICATED_KEY
from mock_server.web.plugins import (
    QuickSecurity,
    QuickSecurityMiddleware,
    make_security_handler,
)
from tests.dialect_client import but_request_id


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
    assert (plain.status_code, but_request_id(plain.json())) == (typed.status_code, but_request_id(typed.json()))
    assert plain.status_code == (200 if query in ("", "?limit=5&offset=3") else 400)


def test_swagger_ui_is_still_served_under_its_path_and_nothing_else_reaches_it() -> None:
    from starlette.testclient import TestClient

    with TestClient(create_app(Settings(dialects=("b3os",)))) as client:
        assert client.get("/ui/").status_code == 200
        assert "swagger" in client.get("/ui/").text.lower()
        assert client.get("/nothing-here").status_code == 404


BEARER = {"bearerAuth": {"type": "http", "scheme": "bearer"}}


@functools.cache
def accepting_good_token() -> MockApp:
    return MockApp(Settings(dialects=("b3os",), tokens=("good-token",)))


def quick_security(security: list[dict[str, list[str]]], seen: list[Scope]) -> QuickSecurity:
    async def next_app(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(scope)

    factory = SecurityHandlerFactory({"bearer": make_security_handler(accepting_good_token().sandboxes, "b3os")})
    return QuickSecurity(next_app, security_handler_factory=factory, security=security, security_schemes=BEARER)


async def no_receive() -> Message:
    raise AssertionError("security reads no body")


async def no_send(message: Message) -> None:
    raise AssertionError("security sends nothing")


def http_scope(*headers: tuple[bytes, bytes]) -> Scope:
    return {"type": "http", "method": "GET", "path": "/runs", "headers": list(headers)}


@pytest.mark.parametrize(
    "headers",
    [
        [],
        [(b"authorization", b"Bearer wrong")],
        [(b"authorization", b"Basic Z29vZC10b2tlbg==")],
        [(b"authorization", b"Bearer good-token"), (b"authorization", b"Bearer good-token")],
    ],
    ids=["none", "unknown", "other-scheme", "twice"],
)
def test_the_quick_bearer_check_refuses_what_authentication_refuses_before_anything_else_runs(
    headers: list[tuple[bytes, bytes]],
) -> None:
    seen: list[Scope] = []
    operation = quick_security([{"bearerAuth": []}], seen)
    assert operation.authenticate is not None
    scope = http_scope(*headers)
    with pytest.raises(MockProblem) as raised:
        asyncio.run(operation(scope, no_receive, no_send))
    assert raised.value.problem.kind is ProblemKind.UNAUTHORIZED
    assert seen == []
    assert AUTHENTICATED_KEY not in scope.get("extensions", {})


def test_the_quick_bearer_check_records_the_token_it_accepted_and_calls_on() -> None:
    seen: list[Scope] = []
    scope = http_scope((b"authorization", b"bearer good-token"))
    asyncio.run(quick_security([{"bearerAuth": []}], seen)(scope, no_receive, no_send))
    assert seen == [scope]
    assert scope["extensions"][AUTHENTICATED_KEY] == "good-token"


@pytest.mark.parametrize("security", [[{"bearerAuth": []}, {}], [{}]], ids=["bearer-or-nothing", "optional"])
def test_any_other_security_takes_connexions_own_verification(security: list[dict[str, list[str]]]) -> None:
    seen: list[Scope] = []
    operation = quick_security(security, seen)
    assert operation.authenticate is None
    asyncio.run(operation(http_scope(), no_receive, no_send))
    assert len(seen) == 1


def test_every_operation_of_every_dialect_gets_the_quick_bearer_check() -> None:
    from starlette.testclient import TestClient

    app = create_app(Settings())
    with TestClient(app) as client:
        client.get("/__mock__/fixtures")  # the stack is built at the first request
    layer = next(layer for layer in app.middleware.middleware_stack if isinstance(layer, QuickSecurityMiddleware))
    operations = [operation for apis in layer.apis.values() for api in apis for operation in api.operations.values()]
    assert len(operations) >= 5 * 3
    assert all(operation.authenticate is not None for operation in operations)
