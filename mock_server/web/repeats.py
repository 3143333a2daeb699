"""Answering a repeated request with the reply the whole pipeline gave it, while the data is unchanged.

Every answer of the list endpoint is a pure function of the path, the query, the bearer token and the version
of the data: authentication, validation and the handler give the same verdict to the same request. So once a
request that came before (`SecondSight`: a request coming once is not worth the memory) has been through all of
them and was answered 200, the same request is answered with the same bytes, skipping Connexion's routing,
security and validation layers, until the data moves on (a transition of the clock, a scenario, a reset), which
changes the version the answer was made from; its next answer is remembered at once.

The memory sits in front of authentication, so it is keyed on exactly the credential authentication accepted:
the token of the request's only `Authorization` header (and on the sandbox it names, `X-Mock-Sandbox`), and an
answer is remembered only when the security handler recorded that same token as accepted (`AUTHENTICATED_KEY`).
A request with no such header, with several (which authentication refuses), or with one that is not a well-formed
bearer token always takes the pipeline.

Requests whose answer is not such a function are never served from here: anything but GET, any `Prefer`
header, and every request when latency, an error rate or a rate limit is configured (the app then does not
install this layer at all). Outer layers (CORS, hardening headers, the request log) still see every request.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_server.memory import SecondSight, Sized
from mock_server.web.auth import AUTHENTICATED_KEY, bearer_token
from mock_server.web.sandboxes import HEADER as SANDBOX_HEADER

CACHEABLE_KEY = "mock_server.cacheable"
"""Set in a request's scope by the list handler: the data version its 200 answer was made from."""

Key = tuple[str, bytes, str, str | None]
"""The path, the query string, the token and the sandbox the request names (`X-Mock-Sandbox`)."""


def request_key(scope: Scope) -> Key | None:
    """What identifies a request's answer, or None for requests that must take the whole pipeline."""
    if scope["type"] != "http" or scope["method"] != "GET":
        return None
    authorizations = []
    sandbox = None
    for name, value in scope["headers"]:
        if name == b"prefer":
            return None
        if name == b"authorization":
            authorizations.append(value)
        elif name == SANDBOX_HEADER:
            if sandbox is not None:  # several: refused by the pipeline
                return None
            sandbox = value.decode("latin-1")
    token = bearer_token(authorizations[0].decode("latin-1")) if len(authorizations) == 1 else None
    return None if token is None else (scope["path"], scope["query_string"], token, sandbox)


class Remembered:
    __slots__ = ("body", "headers", "version")

    def __init__(self, version: Hashable, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        self.version = version
        self.headers = headers
        self.body = body


class RepeatedRequests:
    """The ASGI layer: `version_of(path, sandbox)` is the current data version of the dialect serving `path` in the
    sandbox named (None: the default one), None where there is none yet."""

    def __init__(
        self,
        app: ASGIApp,
        version_of: Callable[[str, str | None], Hashable],
        capacity: int = 1024,
        size: int = 32 * 1024 * 1024,
    ) -> None:
        self.app = app
        self.version_of = version_of
        # Bounded in bytes too: pages of large runs are hundreds of kB each.
        self.remembered: Sized[Key, Remembered] = Sized(capacity, size, lambda known: len(known.body))
        # A request is remembered the second time it comes, among the last `capacity` accepted ones that came once.
        self.asked: SecondSight[Key] = SecondSight(capacity)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = request_key(scope)
        if key is None:
            await self.app(scope, receive, send)
            return
        known = self.remembered.get(key)
        if known is not None and known.version == self.version_of(key[0], key[3]):
            await send({"type": "http.response.start", "status": 200, "headers": known.headers})
            await send({"type": "http.response.body", "body": known.body})
            return
        if known is not None or self.asked.seen_before(key):  # a request that repeats: its new answer is kept
            await self.learn(key, scope, receive, send)
            return
        extensions = scope.setdefault("extensions", {})  # shared with the copies the layers below make
        await self.app(scope, receive, send)
        # Noted only once authentication accepted this very token and a read handler answered it: a refused or
        # malformed request, which is never remembered, takes no place among the requests seen once.
        if extensions.get(CACHEABLE_KEY) is not None and extensions.get(AUTHENTICATED_KEY) == key[2]:
            self.asked.note(key)

    async def learn(self, key: Key, scope: Scope, receive: Receive, send: Send) -> None:
        """Take the whole pipeline, and remember a 200 the list handler marked as made from a data version."""
        started: dict[str, Any] = {}
        chunks: list[bytes] = []
        # Connexion's routing copies the scope; an `extensions` dict made here is shared by the copies, so the
        # handler's mark reaches this layer.
        extensions = scope.setdefault("extensions", {})

        async def send_and_keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, send_and_keep)
        version = extensions.get(CACHEABLE_KEY)
        # Only what authentication accepted with this very token: the key is the credential that was judged.
        if version is None or started.get("status") != 200 or extensions.get(AUTHENTICATED_KEY) != key[2]:
            return
        self.remembered.put(key, Remembered(version, list(started.get("headers", [])), b"".join(chunks)))
