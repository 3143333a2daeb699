"""Connexion's routing layer, finding an operation with Starlette's own route matching but without its routers.

Connexion routes every request through a Starlette router holding one `Mount` per API, each holding a router of
one `Route` per operation; the route's endpoint records the operation in the scope for the layers below. The
matching is cheap; the dispatch around it (two routers, a mount, a route, a context variable, the copies of the
scope) cost more than the security check of the request. `QuickRouting` matches with the very same compiled
`Mount` and `Route` patterns and records what Connexion's endpoint would, and leaves every request it does not
route to an operation in full (no route: Starlette's 404 or redirect; a `root_path`; the app's own routes) to
Connexion's routers, so their answers are unchanged, but for two that Starlette gets wrong:

- A path's operations are one `Route` each, and Starlette answers another method with the `Allow` of the first
  route matching the path (`GET, HEAD` where the path also takes `POST`): the 405 is raised here, allowing every
  method of every route matching the path.
- Starlette's patterns end in `$`, which also matches before a final line break, and its mount's `.*` stops at a
  line break: `.../runs/RUN_ID%0A` was answered as run `RUN_ID`, and an id holding a line break was no endpoint.
  Paths are matched here in full (`fullmatch`, the mount's pattern across line breaks), and a path with a line
  break that no operation takes is a 404 here rather than the routers' match of a shorter path.
"""

from __future__ import annotations

import re
from typing import Any

from connexion.middleware.abstract import ROUTING_CONTEXT
from connexion.middleware.routing import RoutingMiddleware, RoutingOperation
from connexion.spec import Specification
from starlette.exceptions import HTTPException
from starlette.routing import Mount, Route, Router
from starlette.types import ASGIApp, Receive, Scope, Send

ByMethod = dict[str, tuple[Route, ...]]
"""A mount's routes that take each method, in matching order; under `ANY_METHOD`, the routes taking every method."""
Routes = tuple[tuple[Mount, re.Pattern[str], ByMethod], ...]
"""Each mount, its pattern matching across line breaks, and its routes."""
ANY_METHOD = ""


def by_method(routes: list[Route]) -> ByMethod:
    """`routes` grouped by the methods they take, each group in the routes' order.

    The first route matching both path and method is the one Starlette's router calls, so only the routes taking
    a request's method need trying; a route declaring no methods takes all of them.
    """
    methods = {method for route in routes for method in route.methods or ()}
    grouped = {
        method: tuple(route for route in routes if not route.methods or method in route.methods) for method in methods
    }
    grouped[ANY_METHOD] = tuple(route for route in routes if not route.methods)
    return grouped


def operation_routes(router: Router) -> Routes | None:
    """Each mount of `router` with its operations' routes, in matching order; None if any is of another kind."""
    table = []
    for mount in router.routes:
        if not isinstance(mount, Mount) or set(mount.param_convertors) != {"path"}:
            return None
        routes = getattr(mount.app, "routes", None)
        if routes is None or not all(
            isinstance(route, Route) and isinstance(route.endpoint, RoutingOperation) for route in routes
        ):
            return None
        table.append((mount, re.compile(mount.path_regex.pattern, re.DOTALL), by_method(routes)))
    return tuple(table)


class QuickRouting(RoutingMiddleware):  # type: ignore[misc]  # Connexion is untyped
    """Connexion's `RoutingMiddleware`: a request matching an operation's route and method in full goes to the next
    layer at once, with the scope Connexion's routing would give it; any other request takes Connexion's routers."""

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.routes: Routes | None = ()

    def add_api(self, specification: Specification, base_path: str | None = None, **kwargs: Any) -> None:
        super().add_api(specification, base_path=base_path, **kwargs)
        self.routes = operation_routes(self.router)

    def route(self, scope: Scope) -> tuple[RoutingOperation, dict[str, Any], str] | None:
        """The operation a request's path and method match in full, its path parameters and its API's base path.

        As Starlette's routers match: the first mount whose pattern matches the path is the only one tried, and
        the first of its routes that matches path and method wins. Raises the 405 of a path whose routes take
        other methods, and the 404 of a path with a line break that no route takes.
        """
        if self.routes is None or scope.get("root_path"):
            return None
        path: str = scope["path"]
        for _, pattern, routes in self.routes:
            matched = pattern.fullmatch(path)
            if matched is None:
                continue
            remaining = "/" + matched["path"]
            base_path = path[: -len(remaining)]
            taking = routes.get(scope["method"])
            for route in routes[ANY_METHOD] if taking is None else taking:
                found = route.path_regex.fullmatch(remaining)
                if found is not None:
                    convertors = route.param_convertors
                    params = {name: convertors[name].convert(value) for name, value in found.groupdict().items()}
                    return route.endpoint, params, base_path
            refuse(routes, remaining, "\n" in path)
            return None
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = self.route(scope) if scope["type"] == "http" else None
        if found is None:
            await super().__call__(scope, receive, send)
            return
        operation, params, base_path = found
        # What Connexion's `RoutingOperation` does to a copy of the scope as the request came in.
        routed = dict(scope)
        routed.setdefault("path_params", {}).update(params)
        context = routed.setdefault("extensions", {}).setdefault(ROUTING_CONTEXT, {})
        context.update({"api_base_path": base_path, "operation_id": operation.operation_id})
        await self.after_routing(operation, base_path)(routed, receive, send)

    def after_routing(self, operation: RoutingOperation, base_path: str) -> ASGIApp:
        """Where a request routed to `operation` of the API at `base_path` goes: the next layer, as from
        Connexion's routing."""
        next_app: ASGIApp = operation.next_app
        return next_app


def refuse(routes: ByMethod, path: str, line_break: bool) -> None:
    """Raise the 405 allowing every method of the routes that match `path`, if any; else the 404 of a path with a
    line break (the routers would take it for the path before the break)."""
    allowed = {
        method
        for group in routes.values()
        for route in group
        if route.path_regex.fullmatch(path)
        for method in route.methods or ()
    }
    if allowed:
        raise HTTPException(405, headers={"Allow": ", ".join(sorted(allowed))})
    if line_break:
        raise HTTPException(404)
