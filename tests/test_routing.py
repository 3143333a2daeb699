"""The quicker routing layer: what reaches the next layer is what Connexion's routing gives it, for every request."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from connexion.middleware.routing import RoutingMiddleware
from connexion.resolver import Resolver
from connexion.spec import Specification
from starlette.routing import Mount, Route, Router
from starlette.types import Message, Receive, Scope, Send

from mock_server.web.routing import ANY_METHOD, QuickRouting, by_method, operation_routes

OK = {"200": {"description": "ok"}}
SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "runs", "version": "1"},
    "paths": {
        "/runs": {
            "get": {"operationId": "listRuns", "responses": OK},
            "post": {"operationId": "addRun", "responses": OK},
        },
        "/runs/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {"operationId": "getRun", "responses": OK},
        },
        "/runs/{id}/cancel": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "post": {"operationId": "cancelRun", "responses": OK},
        },
    },
}


def routed(layer_class: type[RoutingMiddleware], base_paths: tuple[str, ...]) -> tuple[RoutingMiddleware, list[Scope]]:
    seen: list[Scope] = []

    async def next_app(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(scope)

    layer = layer_class(next_app)
    for base_path in base_paths:
        layer.add_api(
            Specification.from_dict(SPEC), base_path=base_path, resolver=Resolver(function_resolver=lambda _: None)
        )
    return layer, seen


async def no_receive() -> Message:
    raise AssertionError("routing reads no body")


async def no_send(message: Message) -> None:
    raise AssertionError("routing sends nothing")


def outcome(layer_class: type[RoutingMiddleware], base_paths: tuple[str, ...], method: str, path: str) -> Any:
    """What the next layer got (the scope's routing record and path parameters), or what was raised."""
    layer, seen = routed(layer_class, base_paths)
    scope = {"type": "http", "method": method, "path": path, "root_path": "", "headers": [], "app": object()}
    incoming = set(scope)
    try:
        asyncio.run(layer(scope, no_receive, no_send))
    except Exception as error:  # Starlette's 405 with its Allow header (Starlette lists a set of methods)
        headers = getattr(error, "headers", None) or {}
        allowed = sorted(headers.get("Allow", "").split(", "))
        return type(error).__name__, getattr(error, "status_code", None), allowed
    (passed,) = seen
    assert passed is not scope
    return passed["extensions"], passed["path_params"], set(passed) - incoming


REQUESTS = [
    ("GET", "/runs"),
    ("HEAD", "/runs"),
    ("POST", "/runs"),
    ("GET", "/runs/abc"),
    ("GET", "/runs/a%2Fb"),
    ("POST", "/runs/abc/cancel"),
    ("GET", "/runs/abc/cancel"),
    ("DELETE", "/runs/abc"),
    ("GET", "/runs/"),
    ("GET", "/nothing"),
    ("GET", "/"),
    ("GET", "/runs/abc/cancel/more"),
]


@pytest.mark.parametrize("base_paths", [("",), ("/v1", "/v2"), ("/v1", "/v1/more")], ids=["root", "two", "nested"])
@pytest.mark.parametrize(("method", "path"), REQUESTS, ids=[f"{method} {path}" for method, path in REQUESTS])
def test_the_next_layer_gets_what_connexions_routing_gives_it(
    base_paths: tuple[str, ...], method: str, path: str
) -> None:
    for base_path in base_paths:
        full = base_path + path
        assert outcome(QuickRouting, base_paths, method, full) == outcome(RoutingMiddleware, base_paths, method, full)


def test_a_request_matching_an_operation_in_full_is_routed_without_the_routers() -> None:
    layer, _ = routed(QuickRouting, ("/v1",))
    assert isinstance(layer, QuickRouting)
    found = layer.route({"type": "http", "method": "GET", "path": "/v1/runs/abc"})
    assert found is not None
    operation, params, base_path = found
    assert (operation.operation_id, params, base_path) == ("getRun", {"id": "abc"}, "/v1")


@pytest.mark.parametrize(
    ("method", "path", "root_path"),
    [("GET", "/v2/runs", ""), ("GET", "/v1/runs/", ""), ("GET", "/v1/runs", "/v1")],
    ids=["no-mount", "no-route", "root-path"],
)
def test_anything_else_is_left_to_connexions_routers(method: str, path: str, root_path: str) -> None:
    layer, _ = routed(QuickRouting, ("/v1",))
    assert isinstance(layer, QuickRouting)
    assert layer.route({"type": "http", "method": method, "path": path, "root_path": root_path}) is None


@pytest.mark.parametrize(("method", "path"), [("DELETE", "/v1/runs"), ("OPTIONS", "/v1/runs"), ("PUT", "/v1/runs")])
def test_another_method_is_a_405_allowing_every_method_of_the_path_where_starlette_allows_its_first_routes(
    method: str, path: str
) -> None:
    quick = outcome(QuickRouting, ("/v1",), method, path)
    assert quick == ("HTTPException", 405, ["GET", "HEAD", "POST"])
    assert outcome(RoutingMiddleware, ("/v1",), method, path) in (
        ("HTTPException", 405, ["GET", "HEAD"]),
        ("HTTPException", 405, ["POST"]),
    )


@pytest.mark.parametrize(
    ("path", "operation_id", "params"),
    [
        ("/v1/runs/abc\n", "getRun", {"id": "abc\n"}),
        ("/v1/runs/a\nb/cancel", "cancelRun", {"id": "a\nb"}),
        ("/v1/runs/\u00e1\n", "getRun", {"id": "\u00e1\n"}),
    ],
)
def test_an_id_with_a_line_break_is_routed_whole_where_starlette_drops_the_break_or_routes_nothing(
    path: str, operation_id: str, params: dict[str, str]
) -> None:
    method = "POST" if path.endswith("cancel") else "GET"
    layer, _ = routed(QuickRouting, ("/v1",))
    assert isinstance(layer, QuickRouting)
    found = layer.route({"type": "http", "method": method, "path": path})
    assert found is not None
    assert (found[0].operation_id, found[1]) == (operation_id, params)


@pytest.mark.parametrize("path", ["/v1/runs\n", "/v1/runs/abc/cancel\n", "/v1/\n"])
def test_a_path_with_a_line_break_no_operation_takes_is_a_404_not_the_path_before_the_break(path: str) -> None:
    method = "POST" if "cancel" in path else "GET"
    assert outcome(QuickRouting, ("/v1",), method, path) == ("HTTPException", 404, [""])


def test_a_router_holding_anything_but_mounts_of_operation_routes_is_never_taken_apart() -> None:
    async def endpoint(scope: Scope, receive: Receive, send: Send) -> None:
        pass

    assert operation_routes(Router(routes=[Route("/x", endpoint)])) is None
    assert operation_routes(Router(routes=[Mount("/m", Router(routes=[Route("/x", endpoint)]))])) is None
    assert operation_routes(Router(routes=[Mount("/{tenant}", Router())])) is None
    assert operation_routes(Router()) == ()


def test_a_mounts_routes_are_grouped_by_method_in_matching_order_with_those_taking_any_method_in_every_group() -> None:
    async def endpoint(scope: Scope, receive: Receive, send: Send) -> None:
        pass

    first = Route("/runs/{id}", endpoint, methods=["GET"])
    anything = Route("/runs/{id}/any", endpoint)
    anything.methods = None  # as a route built for an ASGI app, which takes every method
    last = Route("/runs", endpoint, methods=["GET", "POST"])
    grouped = by_method([first, anything, last])
    assert grouped["GET"] == grouped["HEAD"] == (first, anything, last)
    assert grouped["POST"] == (anything, last)
    assert grouped[ANY_METHOD] == (anything,)
