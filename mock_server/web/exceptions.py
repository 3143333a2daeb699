"""Connexion's exception layer, making the request its error handlers get only when an exception reaches it.

Starlette's exception middleware (which Connexion's extends) makes a request object and wraps the app in two
closures for every request, though only a request that raises needs them; profiled, that was about 0.7 µs of
each never-seen request. `QuickExceptions` runs the app with only the wrapper of `send` that notes whether the
answer started; an exception then goes through the layer's very own `__call__` (a copy of it whose app raises that
exception), so the handler chosen and the answer it renders are unchanged, through public code only.
"""

from __future__ import annotations

import copy

from connexion.middleware.exceptions import ExceptionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def raising(exc: Exception) -> ASGIApp:
    """An ASGI app that raises `exc`: what the layer's own handling runs to handle an exception already caught."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        raise exc

    return app


class QuickExceptions(ExceptionMiddleware):  # type: ignore[misc]  # Connexion is untyped
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        # Starlette's routes read the handlers here, as they do under Starlette's own layer.
        scope["starlette.exception_handlers"] = (self._exception_handlers, self._status_handlers)
        started = False

        async def sender(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, sender)
        except Exception as exc:
            if started:
                # Connexion's layer has a handler for every `Exception` (it registers one for `Exception`), so this
                # is what Starlette raises for an exception once the answer started.
                raise RuntimeError("Caught handled exception, but response already started.") from exc
            handling = copy.copy(self)  # the same handlers; only an exception's path pays for the copy
            handling.app = raising(exc)
            await ExceptionMiddleware.__call__(handling, scope, receive, send)
