"""The middleware stack: Connexion's layers swapped for ours, and those with nothing to do left out."""

from __future__ import annotations

import asyncio

from connexion.middleware.context import ContextMiddleware
from connexion.middleware.exceptions import ExceptionMiddleware
from connexion.middleware.lifespan import LifespanMiddleware
from connexion.middleware.request_validation import RequestValidationMiddleware
from connexion.middleware.response_validation import ResponseValidationMiddleware
from connexion.middleware.routing import RoutingMiddleware
from connexion.middleware.security import SecurityMiddleware
from connexion.middleware.swagger_ui import SwaggerUIMiddleware
from starlette.types import Message

from mock_server import Settings, create_app
from mock_server.web.exceptions import QuickExceptions
from mock_server.web.fused import FusedRouting
from mock_server.web.plugins import QuickRequestValidationMiddleware, QuickSecurityMiddleware, SwaggerUIOnly
from mock_server.web.response_validation import QuickResponseValidationMiddleware
from mock_server.web.stack import quicker_middlewares


def test_the_quicker_stack_swaps_in_our_layers_and_leaves_out_connexions_context() -> None:
    app = create_app(Settings(dialects=("b3os",), validate_responses=True))
    stack = app.middleware.middlewares
    quick = {
        QuickExceptions,
        FusedRouting,
        QuickSecurityMiddleware,
        QuickRequestValidationMiddleware,
        QuickResponseValidationMiddleware,
        SwaggerUIOnly,
    }
    assert quick <= set(stack)
    assert not {
        ExceptionMiddleware,
        RoutingMiddleware,
        ContextMiddleware,
        SecurityMiddleware,
        RequestValidationMiddleware,
        ResponseValidationMiddleware,
        SwaggerUIMiddleware,
    } & set(stack)


def test_the_lifespan_layer_is_left_out_only_when_the_app_has_no_lifespan_handler() -> None:
    stack = [LifespanMiddleware, ContextMiddleware]
    assert quicker_middlewares(stack, lifespan=False) == []
    assert quicker_middlewares(stack, lifespan=True) == [LifespanMiddleware]
    assert LifespanMiddleware not in create_app(Settings(dialects=("b3os",))).middleware.middlewares


def test_the_response_validation_layer_is_left_out_only_when_no_api_validates_responses() -> None:
    stack = [ResponseValidationMiddleware, ContextMiddleware]
    assert quicker_middlewares(stack, validating_responses=False) == []
    assert quicker_middlewares(stack, validating_responses=True) == [QuickResponseValidationMiddleware]
    served = create_app(Settings(dialects=("b3os",))).middleware.middlewares
    validating = create_app(Settings(dialects=("b3os",), validate_responses=True)).middleware.middlewares
    assert QuickResponseValidationMiddleware not in served
    assert QuickResponseValidationMiddleware in validating


def test_without_the_lifespan_layer_the_app_still_starts_and_stops_as_asgi_lifespan_asks() -> None:
    app = create_app(Settings(dialects=("b3os",)))
    events = iter([{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}])
    sent: list[str] = []

    async def receive() -> Message:
        return next(events)

    async def send(message: Message) -> None:
        sent.append(message["type"])

    asyncio.run(app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}, receive, send))
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
