"""Run an ASGI app on a real loopback socket in a background thread, for tests that need a live server; and a
mock whose clock moves on before every list request, so that runs arrive while a list is walked, the same way on
every run whatever the machine's load."""

import functools
from typing import Any

import httpx
from connexion import AsyncApp

from mock_server.testing import free_port, serving

__all__ = ["advancing_clock", "free_port", "serving", "with_layer_options"]

ASGI = Any


def with_layer_options(app: AsyncApp, layer: type, **options: Any) -> AsyncApp:
    """`app` with `options` given to its middleware `layer` as well (a recording `sleep`, say); before it starts."""
    middlewares = app.middleware.middlewares
    found = [index for index, middleware in enumerate(middlewares) if getattr(middleware, "func", None) is layer]
    assert found, f"{layer.__name__} is not in the app's middleware"
    for index in found:
        middlewares[index] = functools.partial(middlewares[index], **options)
    return app


def advancing_clock(app: ASGI, seconds: float, admin_token: str) -> ASGI:
    """`app` (the mock, faulty or not, started with `admin_token` and clock speed 0) moving its clock on by
    `seconds` before it answers each GET of a path ending in `/runs` (a list)."""

    async def moving(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"].endswith("/runs"):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
                moved = await client.post(
                    "/__mock__/clock", json={"advance": seconds}, headers={"Authorization": f"Bearer {admin_token}"}
                )
                moved.raise_for_status()
        await app(scope, receive, send)

    return moving
