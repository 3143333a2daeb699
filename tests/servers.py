"""Run an ASGI app on a real loopback socket in a background thread, for tests that need a live server."""

import functools
from typing import Any

from connexion import AsyncApp

from mock_server.testing import free_port, serving

__all__ = ["free_port", "serving", "with_layer_options"]


def with_layer_options(app: AsyncApp, layer: type, **options: Any) -> AsyncApp:
    """`app` with `options` given to its middleware `layer` as well (a recording `sleep`, say); before it starts."""
    middlewares = app.middleware.middlewares
    found = [index for index, middleware in enumerate(middlewares) if getattr(middleware, "func", None) is layer]
    assert found, f"{layer.__name__} is not in the app's middleware"
    for index in found:
        middlewares[index] = functools.partial(middlewares[index], **options)
    return app
