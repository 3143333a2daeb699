"""The middleware stack: Connexion's list of layers with ours in place of its own, and those with nothing to do left
out."""

from __future__ import annotations

from typing import Any

from connexion.middleware.context import ContextMiddleware
from connexion.middleware.exceptions import ExceptionMiddleware
from connexion.middleware.lifespan import LifespanMiddleware
from connexion.middleware.request_validation import RequestValidationMiddleware
from connexion.middleware.response_validation import ResponseValidationMiddleware
from connexion.middleware.routing import RoutingMiddleware
from connexion.middleware.security import SecurityMiddleware
from connexion.middleware.swagger_ui import SwaggerUIMiddleware

from mock_server.web.exceptions import QuickExceptions
from mock_server.web.fused import FusedRouting
from mock_server.web.plugins import QuickRequestValidationMiddleware, QuickSecurityMiddleware, SwaggerUIOnly
from mock_server.web.response_validation import QuickResponseValidationMiddleware


def quicker_middlewares(
    middlewares: list[Any], *, lifespan: bool = True, validating_responses: bool = True
) -> list[Any]:
    """Connexion's middleware list with its exception, routing, security, request validation, response validation
    and Swagger UI layers replaced by ours, and without its context layer, nor its lifespan layer when the app has no
    `lifespan`, nor its response validation layer when no API validates responses. The routing layer calls an
    operation's security, request validation and handler at once when they follow it (`fused.FusedRouting`).

    The context layer only sets the context variables Connexion's own operation decorators read; operations
    here are `DirectOperation`s, which read the typed parameters from the scope, and the other routes are plain
    Starlette endpoints, so it had nothing to serve. The lifespan layer runs the app's `lifespan` handler; without
    one it passes every scope on, lifespan events included, to the app's router, which answers them. The response
    validation layer of APIs that do not validate responses looks up each routed request's operation only to pass
    the request on as it came.
    """
    replacements = {
        ExceptionMiddleware: QuickExceptions,
        RoutingMiddleware: FusedRouting,
        SecurityMiddleware: QuickSecurityMiddleware,
        RequestValidationMiddleware: QuickRequestValidationMiddleware,
        ResponseValidationMiddleware: QuickResponseValidationMiddleware,
        SwaggerUIMiddleware: SwaggerUIOnly,
    }
    left_out = {ContextMiddleware}
    if not lifespan:
        left_out.add(LifespanMiddleware)
    if not validating_responses:
        left_out.add(ResponseValidationMiddleware)
    return [replacements.get(middleware, middleware) for middleware in middlewares if middleware not in left_out]
