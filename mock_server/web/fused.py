"""One call per routed request for what Connexion's security, request validation and app layers do to it in turn.

Behind the routing layer, Connexion's security layer, its request validation layer and its app are each a
`RoutedMiddleware`: each looks up the request's operation by the routing record in the scope, and calls its own
operation object, which calls the next layer. When those three layers follow each other (nothing was added
between them, such as the rate limits or latency) and the operation's objects are ours (`QuickSecurity` with
the bearer check, `QuickRequestValidation`, `DirectOperation`), `FusedOperation` calls the same three objects'
work in the same order, looked up once per operation rather than three times per request: the bearer check
first, whose refusal no later step outlives; then the parameters, or Connexion's whole request validation for an
operation with a request body or a request with a `Content-Type`; then the handler. Any other stack takes the
layers one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from connexion.apps.asynchronous import AsyncASGIApp
from connexion.middleware.abstract import RoutedMiddleware
from connexion.middleware.routing import RoutingOperation
from starlette.types import ASGIApp, Receive, Scope, Send

from mock_server.web.plugins import (
    DirectOperation,
    QuickRequestValidation,
    QuickRequestValidationMiddleware,
    QuickSecurity,
    QuickSecurityMiddleware,
)
from mock_server.web.routing import QuickRouting


class FusedOperation:
    """An operation's bearer check, request validation and handler, called in that order."""

    __slots__ = ("authenticate", "operation", "validation")

    def __init__(
        self, authenticate: Callable[[Scope], None], validation: QuickRequestValidation, operation: DirectOperation
    ) -> None:
        self.authenticate = authenticate
        self.validation = validation
        self.operation = operation

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.authenticate(scope)  # raises the 401 before anything else runs
        if self.validation.validated_quickly(scope):
            await self.operation(scope, receive, send)
            return
        await self.validation(scope, receive, send)  # Connexion's request validation, then the same operation


def operation_in(layer: RoutedMiddleware, base_path: str, operation_id: str) -> Any:
    """The operation object `layer` calls for a request routed to `operation_id` of the API at `base_path`, as
    `RoutedMiddleware` finds it; None if it has none."""
    for api in layer.apis.get(base_path, ()):
        if operation_id in api.operations:
            return api.operations[operation_id]
    return None


def fuse(first: ASGIApp, base_path: str, operation_id: str) -> FusedOperation | None:
    """The fused operation for requests routed to `operation_id` at `base_path` whose next layer is `first`; None
    unless the layers from `first` on are our security, our request validation and Connexion's app, in turn, each
    with our operation object for it."""
    if not isinstance(first, QuickSecurityMiddleware):
        return None
    validation_layer = first.app
    if not isinstance(validation_layer, QuickRequestValidationMiddleware):
        return None
    app = validation_layer.app
    if not isinstance(app, AsyncASGIApp):
        return None
    security = operation_in(first, base_path, operation_id)
    validation = operation_in(validation_layer, base_path, operation_id)
    operation = operation_in(app, base_path, operation_id)
    if not (
        isinstance(security, QuickSecurity)
        and security.authenticate is not None
        and security.next_app is validation_layer
        and isinstance(validation, QuickRequestValidation)
        and validation.next_app is app
        and isinstance(operation, DirectOperation)
    ):
        return None
    return FusedOperation(security.authenticate, validation, operation)


class FusedRouting(QuickRouting):
    """The quicker routing layer, sending each request it routes to its operation's `FusedOperation` when there is
    one, worked out at the operation's first request (every API has been added to every layer by then)."""

    def __init__(self, app: ASGIApp) -> None:
        super().__init__(app)
        self.fused: dict[RoutingOperation, ASGIApp] = {}

    def after_routing(self, operation: RoutingOperation, base_path: str) -> ASGIApp:
        found = self.fused.get(operation)
        if found is None:
            fused = fuse(self.app, base_path, operation.operation_id)
            found = self.fused[operation] = fused if fused is not None else operation.next_app
        return found
