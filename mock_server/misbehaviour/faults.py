"""Connection faults a client can ask for (`Prefer: fault=...`): what a flaky network or a dying server does.

- `reset`: the connection is reset (TCP RST) before any answer; the client sees "connection reset by peer".
- `timeout`: no answer; the request is held until the client gives up, or at most `MAX_HANG_SECONDS`, and the
  connection is then closed without an answer.
- `truncate`: the answer's status and headers (with the full `Content-Length`) and the first half of its body;
  then the connection closes (`mock_server.misbehaviour.prefer` sends the half and closes it with `Connection.close`).

ASGI gives an app no way to close or reset an HTTP connection: it can only answer, or fail, and uvicorn then
answers 500 itself (nothing sent yet) or closes the connection (an answer started), logging an error either way.
So a fault reaches the server's transport through the `receive` callable the server passed in: uvicorn's (every
protocol: httptools, h11, zttp) is a bound method of its request cycle, which holds the asyncio transport.
Resetting sets `SO_LINGER` to zero before aborting, so the kernel sends RST rather than FIN. After closing, the
fault waits for the server to see the connection gone, so the server neither logs nor sends anything more.
Under a server whose transport cannot be found, `Connection.of` is None and the fault is not applied.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
from typing import Any, Protocol

from starlette.types import Receive

FAULTS = ("reset", "timeout", "truncate")
MAX_HANG_SECONDS = 300.0
CLOSE_WAIT_SECONDS = 5.0
"""How long to wait for the server to notice a connection it was told to close (it does at once)."""


TRANSPORT_METHODS = ("get_extra_info", "close", "abort")


class Transport(Protocol):
    def get_extra_info(self, name: str, default: Any = None) -> Any: ...
    def close(self) -> None: ...
    def abort(self) -> None: ...


class Connection:
    """The client connection under one request."""

    def __init__(self, transport: Transport, receive: Receive) -> None:
        self.transport = transport
        self.receive = receive

    @classmethod
    def of(cls, receive: Receive) -> Connection | None:
        """The connection of the server's `receive`, if the server is one whose transport can be reached."""
        transport: Any = getattr(getattr(receive, "__self__", None), "transport", None)
        if transport is None or not all(callable(getattr(transport, name, None)) for name in TRANSPORT_METHODS):
            return None
        return cls(transport, receive)

    async def gone(self) -> None:
        """Return once the server has seen the client go: it answers `http.disconnect` from then on."""
        while (await self.receive())["type"] != "http.disconnect":
            pass

    async def close(self) -> None:
        """Close after what was sent so far (FIN)."""
        self.transport.close()
        await self.settle()

    async def reset(self) -> None:
        """Drop the connection at once (RST), discarding anything not yet sent."""
        sock = self.transport.get_extra_info("socket")
        # Without the option (no socket, or the client gone already) the abort still drops the connection.
        with contextlib.suppress(OSError, AttributeError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.transport.abort()
        await self.settle()

    async def settle(self) -> None:
        """Wait, a bounded time, for the server to see the connection closed: it then sends and logs nothing."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(CLOSE_WAIT_SECONDS):
                await self.gone()


async def hang(connection: Connection, seconds: float) -> None:
    """Answer nothing until the client goes away, or close the connection after `seconds`."""
    try:
        async with asyncio.timeout(seconds):
            await connection.gone()
    except TimeoutError:
        await connection.close()
