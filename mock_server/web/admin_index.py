"""The index of the `/__mock__` routes the landing pages show: each route's method, path, whether it needs the
admin token, and its handler's docstring as its description."""

from __future__ import annotations

from mock_server.web.control import CONTROL_PREFIX, OPEN_ROUTES, Control
from mock_server.web.control import ROUTES as CONTROL_ROUTES
from mock_server.web.landing import AdminRoute
from mock_server.web.sandbox_control import SANDBOX_ROUTES, SandboxControl


def admin_routes() -> list[AdminRoute]:
    """The `/__mock__` routes, as the landing pages list them."""
    routes = [(path, method, getattr(Control, name), name) for path, method, name in CONTROL_ROUTES]
    routes += [(path, method, getattr(SandboxControl, name), name) for path, method, name in SANDBOX_ROUTES]
    return [
        {
            "method": method,
            "path": f"{CONTROL_PREFIX}{path}",
            "admin_token": name not in OPEN_ROUTES,
            "description": (handler.__doc__ or "").strip(),
        }
        for path, method, handler, name in routes
    ]
