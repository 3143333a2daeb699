"""A minimal HTTP/1.1 keep-alive client over asyncio streams, for the soak run.

A general client (httpx) costs several times the mock's own work per request; this one costs little, so one
Python process can keep 64 connections busy, and every fault surfaces as it happened (no retries, no pooling).
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass


class DroppedError(Exception):
    """The connection failed, closed or timed out before a whole response arrived."""


@dataclass(frozen=True)
class Answer:
    status: int
    head: bytes
    """Status line and headers, without the Date header (the only part that may differ between two answers)."""
    body: bytes


def get_request(host: str, port: int, target: str, headers: dict[str, str]) -> bytes:
    lines = [f"GET {target} HTTP/1.1", f"Host: {host}:{port}", *(f"{name}: {value}" for name, value in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def parse_head(head: bytes) -> tuple[int, bytes, int, bool]:
    """The status, the head without its Date line, the Content-Length, and whether the server will close."""
    lines = head.split(b"\r\n")
    try:
        status = int(lines[0].split(b" ", 2)[1])
    except (IndexError, ValueError):
        raise DroppedError(f"not an HTTP status line: {lines[0]!r}") from None
    kept, length, closing = [lines[0]], None, False
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"date":
            continue
        kept.append(line)
        if name == b"content-length":
            length = int(value)
        elif name == b"connection":
            closing = value.strip().lower() == b"close"
    if length is None:
        raise DroppedError(f"a {status} response without Content-Length")
    return status, b"\r\n".join(kept), length, closing


class Connection:
    """One keep-alive connection; `exchange` sends a request and reads its whole response."""

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def exchange(self, request: bytes) -> Answer:
        try:
            async with asyncio.timeout(self.timeout):
                if self.streams is None:
                    self.streams = await asyncio.open_connection(self.host, self.port)
                reader, writer = self.streams
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                status, kept, length, closing = parse_head(head[:-4])
                body = await reader.readexactly(length)
        except (OSError, TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as error:
            await self.close()
            raise DroppedError(f"{type(error).__name__}: {error}") from error
        except DroppedError:
            await self.close()
            raise
        if closing:
            await self.close()
        return Answer(status, kept, body)

    async def close(self) -> None:
        if self.streams is not None:
            writer = self.streams[1]
            self.streams = None
            writer.close()
            with contextlib.suppress(OSError):  # already reset by the peer: closed all the same
                await writer.wait_closed()
