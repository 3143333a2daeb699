"""The forwarding app: every request to the upstream and every answer back unchanged, a bounded copy kept.

An ASGI app under uvicorn (the mock's own server stack), forwarding with one pooled aiohttp session (measured
against httpx's pool: aiohttp forwarded 8x the requests/s at 16 connections). Hop-by-hop headers (RFC 9110
7.6.1: `Connection` and the headers it names, `Keep-Alive`, `Proxy-Connection`, `TE`, `Trailer`,
`Transfer-Encoding`, `Upgrade`) are not forwarded, and `Host` names the upstream; every other header goes on
in order, duplicates kept, and bodies byte for byte (a compressed answer stays compressed). The answer streams
to the client as it arrives; the copy kept to judge stops at `max_body` bytes, and the exchange is handed to
`sink` only once the client has the whole answer, so judging never delays it. An upstream that cannot be
reached, or does not answer in time, gets the client a 502 with a one-line reason.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from yarl import URL

from contracts.proxy.exchange import Exchange, token_of
from contracts.redaction import DEFAULT_TOKEN_VARIABLE, Secret

__all__ = ["Failures", "Forwarder", "Settings"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host"}
)


@dataclass(frozen=True)
class Settings:
    upstream: str
    max_body: int = 1024 * 1024
    """Bodies larger than this (bytes) pass through unjudged."""
    timeout: float = 60.0
    verify_tls: bool = True
    token_variable: str = DEFAULT_TOKEN_VARIABLE
    connections: int = 256


@dataclass
class Failures:
    """The exchanges the upstream failed: answered 502, or cut off after the answer had started."""

    unreachable: int = 0
    cut: int = 0
    last_reason: str = ""


def hop_by_hop(headers: list[tuple[str, str]]) -> frozenset[str]:
    """The headers not to forward: the fixed hop-by-hop ones and those the `Connection` header names."""
    named = {part.strip().lower() for name, value in headers if name == "connection" for part in value.split(",")}
    return HOP_BY_HOP | named


class Copy:
    """The bytes of a body as they pass, or None once they grew past `limit`."""

    def __init__(self, limit: int) -> None:
        self.limit, self.size = limit, 0
        self.parts: list[bytes] | None = []

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limit:
            self.parts = None
        elif self.parts is not None:
            self.parts.append(chunk)

    def kept(self) -> bytes | None:
        return None if self.parts is None else b"".join(self.parts)


@dataclass
class Forwarder:
    """The ASGI app; `sink` receives each exchange once its answer is sent (it must not block)."""

    settings: Settings
    sink: Callable[[Exchange], None]
    failures: Failures = field(default_factory=Failures)
    session: aiohttp.ClientSession | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.lifespan(receive, send)
        elif scope["type"] == "http":
            await self.forward(scope, receive, send)

    async def lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self.open()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    def open(self) -> None:
        # ssl=True verifies the upstream's certificate with the system's authorities; False skips it (--insecure).
        connector = aiohttp.TCPConnector(limit=self.settings.connections, ssl=self.settings.verify_tls)
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=10, sock_read=self.settings.timeout)
        self.session = aiohttp.ClientSession(
            connector=connector,
            timeout=timeout,
            auto_decompress=False,
            skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding", "Content-Type"),
            cookie_jar=aiohttp.DummyCookieJar(),
        )

    async def close(self) -> None:
        if self.session is not None:
            await self.session.close()
            self.session = None

    async def forward(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.session is None:
            self.open()
        assert self.session is not None
        headers = [(name.decode("latin-1"), value.decode("latin-1")) for name, value in scope["headers"]]
        dropped = hop_by_hop(headers)
        sent = [(name, value) for name, value in headers if name not in dropped]
        path = scope.get("raw_path") or scope["path"].encode()
        query = scope.get("query_string", b"").decode("latin-1")
        target = path.decode("latin-1") + (f"?{query}" if query else "")
        request_copy = Copy(self.settings.max_body)
        body = await self.request_body(headers, receive, request_copy)
        url = URL(self.settings.upstream.rstrip("/") + target, encoded=True)
        response_copy = Copy(self.settings.max_body)
        started = False
        try:
            async with self.session.request(
                scope["method"], url, headers=sent, data=body, allow_redirects=False, compress=None
            ) as answer:
                received = [(name.decode("latin-1"), value.decode("latin-1")) for name, value in answer.raw_headers]
                dropped = hop_by_hop([(name.lower(), value) for name, value in received])
                kept = [(name, value) for name, value in received if name.lower() not in dropped]
                raw = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in kept]
                await send({"type": "http.response.start", "status": answer.status, "headers": raw})
                started = True
                async for chunk in answer.content.iter_any():
                    response_copy.add(chunk)
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
                await send({"type": "http.response.body", "body": b""})
                status = answer.status
        except (TimeoutError, aiohttp.ClientError, ValueError) as error:
            reason = str(error) or type(error).__name__
            self.failures.last_reason = reason
            if started:
                self.failures.cut += 1
                raise  # the answer has begun: uvicorn closes the connection, the client sees it cut
            self.failures.unreachable += 1
            await self.bad_gateway(send, reason)
            return
        self.sink(
            Exchange(
                method=scope["method"],
                path=path.decode("latin-1"),
                query=query,
                request_headers=tuple(headers),
                request_body=request_copy.kept(),
                status=status,
                response_headers=tuple((name.lower(), value) for name, value in kept),
                response_body=response_copy.kept(),
                upstream=self.settings.upstream.rstrip("/"),
                secret=Secret(token_of(tuple(headers)), self.settings.token_variable),
            )
        )

    async def request_body(self, headers: list[tuple[str, str]], receive: Receive, copy: Copy) -> Any:
        """The request's body: read whole when it is declared small, else streamed on (a bounded copy kept)."""
        declared = next((value for name, value in headers if name == "content-length"), None)
        chunked = any(name == "transfer-encoding" for name, _ in headers)
        if declared is None and not chunked:
            return None
        if declared is not None and declared.isdigit() and int(declared) <= self.settings.max_body:
            whole = b""
            async for chunk in chunks(receive):
                whole += chunk
            copy.add(whole)
            return whole

        async def streamed() -> AsyncIterator[bytes]:
            async for chunk in chunks(receive):
                copy.add(chunk)
                yield chunk

        return streamed()

    async def bad_gateway(self, send: Send, reason: str) -> None:
        line = f"proxy: the upstream {self.settings.upstream} failed: {' '.join(reason.split())}\n".encode()
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(line)).encode())]
        await send({"type": "http.response.start", "status": 502, "headers": headers})
        await send({"type": "http.response.body", "body": line})


async def chunks(receive: Receive) -> AsyncIterator[bytes]:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        yield message.get("body", b"")
        if not message.get("more_body", False):
            return
