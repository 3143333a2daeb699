"""CORS for a mock a browser app calls from its own origin, with whatever its libraries add to each request.

Starlette's CORS middleware has one list of methods for every path, answers a preflight naming a header outside
its list with `400 Disallowed CORS headers` (the `traceparent`, `baggage` and `sentry-trace` that OpenTelemetry
and Sentry add), and with any origin allowed answers `*`, which a browser refuses for `credentials: 'include'`.
Here, for an allowed origin:

- a preflight allows whatever headers it asks for, and the methods of the path it is for (every method the mock
  serves on a path nothing serves, so the browser sees that path's 404 rather than a CORS failure), and a
  public page's call to the mock on a private address where it asks (`Access-Control-Request-Private-Network`);
- every answer names the origin itself, with `Access-Control-Allow-Credentials: true` and `Vary: Origin`: a
  server cannot tell a credentialed request, and the mock sets no cookie, so credentials give a page nothing.

An origin outside `--cors-origin` gets no CORS header, and its preflight a 400 saying so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from starlette.datastructures import MutableHeaders
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_server.web.request_headers import first_header

ANY_ORIGIN = "*"
PREFLIGHT_MAX_AGE = "600"


EXPOSED_HEADERS = (
    "pagination-count",
    "pagination-page",
    "pagination-take",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "Retry-After",
    "Preference-Applied",
    "X-Mock-State",
)
"""Headers of the answers a script on another origin may read: paging, rate limits, what `Prefer` applied,
whether the data may be stale."""


class PathMethods:
    """The methods each path of the mock takes, from its templates (`/v1/runs/{id}`)."""

    def __init__(self) -> None:
        self._templates: dict[str, set[str]] = {}
        self._compiled: list[tuple[re.Pattern[str], frozenset[str]]] | None = None

    def add(self, template: str, methods: Iterable[str]) -> None:
        self._templates.setdefault(template, set()).update(method.upper() for method in methods)
        self._compiled = None

    def every(self) -> frozenset[str]:
        return frozenset(method for methods in self._templates.values() for method in methods)

    def of(self, path: str) -> frozenset[str]:
        """The methods `path` takes (with HEAD where it takes GET); empty when no template matches it."""
        if self._compiled is None:
            self._compiled = [
                (re.compile(compile_path(template)[0].pattern.rstrip("$")), frozenset(methods))
                for template, methods in self._templates.items()
            ]
        taken: set[str] = set()
        for pattern, methods in self._compiled:
            if pattern.fullmatch(path):
                taken |= methods
        if "GET" in taken:
            taken.add("HEAD")
        return frozenset(taken)


def vary_on_origin(message: Message) -> None:
    """What CORS adds to an answer to a request without `Origin`: `Origin` in `Vary`."""
    headers: list[tuple[bytes, bytes]] = message["headers"]
    for name, _ in headers:  # a loop, not `any` over a generator: this runs on every answer
        if name == b"vary":
            vary = MutableHeaders(scope=message)
            vary["Vary"] = ", ".join([*vary.getlist("Vary"), "Origin"])
            return
    headers.append((b"vary", b"Origin"))


class Cors:
    """The CORS layer: preflights answered here, the CORS headers added to every other answer to an `Origin`."""

    def __init__(
        self,
        app: ASGIApp,
        allow_origins: Iterable[str],
        paths: PathMethods,
        expose_headers: Iterable[str] = EXPOSED_HEADERS,
    ) -> None:
        self.app = app
        origins = set(allow_origins)
        self.any_origin = ANY_ORIGIN in origins
        self.origins = frozenset(origins - {ANY_ORIGIN})
        self.paths = paths
        self.exposed = ", ".join(expose_headers).encode("latin-1")

    def allows(self, origin: bytes) -> bool:
        return self.any_origin or origin.decode("latin-1") in self.origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        origin = first_header(scope, b"origin") if scope["type"] == "http" else None
        if origin is None:
            await self.app(scope, receive, send_varying(send) if scope["type"] == "http" else send)
            return
        requested = first_header(scope, b"access-control-request-method")
        if scope["method"] == "OPTIONS" and requested is not None:
            await self.preflight(scope, origin, requested.decode("latin-1").upper(), send)
            return
        added = (
            [
                (b"access-control-allow-origin", origin),
                (b"access-control-allow-credentials", b"true"),
                (b"access-control-expose-headers", self.exposed),
            ]
            if self.allows(origin)
            else []
        )

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *added]
                vary_on_origin(message)
            await send(message)

        await self.app(scope, receive, send_with_cors)

    async def preflight(self, scope: Scope, origin: bytes, method: str, send: Send) -> None:
        """Allow the path's methods and every requested header to an allowed origin; refuse anything else."""
        methods = self.paths.of(scope["path"]) or self.paths.every()
        headers = [(b"vary", b"Origin, Access-Control-Request-Method, Access-Control-Request-Headers")]
        if not self.allows(origin):
            await plain(send, 400, b"Disallowed CORS origin: start the mock with --cors-origin to allow it", headers)
            return
        headers += [
            (b"access-control-allow-origin", origin),
            (b"access-control-allow-credentials", b"true"),
            (b"access-control-allow-methods", ", ".join(sorted(methods)).encode("latin-1")),
            (b"access-control-max-age", PREFLIGHT_MAX_AGE.encode("latin-1")),
        ]
        asked = first_header(scope, b"access-control-request-headers")
        if asked:
            headers.append((b"access-control-allow-headers", asked))
        if first_header(scope, b"access-control-request-private-network") == b"true":
            # A page served from the internet calling the mock on this machine (Chrome's Private Network Access).
            headers.append((b"access-control-allow-private-network", b"true"))
        if method not in methods:
            message = f"Disallowed CORS method: {scope['path']} takes {', '.join(sorted(methods))}, not {method}"
            await plain(send, 400, message.encode("latin-1", "replace"), headers)
            return
        await plain(send, 200, b"OK", headers)


def send_varying(send: Send) -> Send:
    """`send`, adding `Origin` to the answer's `Vary`."""

    async def send_with_vary(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = list(message.get("headers", ()))
            vary_on_origin(message)
        await send(message)

    return send_with_vary


async def plain(send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
    """Answer with a plain-text `body`, as Starlette's CORS answers its preflights."""
    start = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()), *headers]
    await send({"type": "http.response.start", "status": status, "headers": start})
    await send({"type": "http.response.body", "body": body})
