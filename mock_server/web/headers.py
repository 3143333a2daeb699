"""Response headers a careful server sends on every answer, errors and Swagger UI included."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HARDENING_HEADERS = ((b"x-content-type-options", b"nosniff"),)


class HardeningHeaders:
    """Adds `X-Content-Type-Options: nosniff`, so browsers never guess a JSON body into something executable."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_hardened(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *HARDENING_HEADERS]
            await send(message)

        await self.app(scope, receive, send_hardened)
