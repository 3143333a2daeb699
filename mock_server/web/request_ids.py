"""Request ids: every answer of a dialect that names each request (b3os' `requestId`) gets an id of its own.

The dialect renders `REQUEST_ID_PLACEHOLDER` where the id goes, so a rendering, an encoded reply or a documented
example stays the same for every request and can be remembered and sent again. `StampRequestIds` sits outside every
memory of replies and writes a fresh id over the placeholder as the answer leaves: the same request sent twice
gets two ids, and no memory replays one. Ids are drawn per dialect from a source seeded with the seed, one per
answer in the order answers leave, so a fresh mock with the same seed and the same sequence of requests gives
the same ids.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_server.dialects.base import REQUEST_ID_PLACEHOLDER


class RequestIds:
    """The ids of a dialect's answers, in order, drawn from the seed."""

    def __init__(self, seed: int, dialect: str) -> None:
        self._rng = random.Random(f"workflow-runs-mock:{seed}:{dialect}:request-ids")

    def next(self) -> str:
        """The next id, of the placeholder's form and length."""
        return f"req_{self._rng.getrandbits(64):016x}"


def placeholder_of(field: str) -> bytes:
    """The placeholder as it stands in an encoded body: the field and its value, as orjson writes them."""
    return f'"{field}":"{REQUEST_ID_PLACEHOLDER}"'.encode()


Stamp = tuple[bytes, Callable[[Scope], RequestIds]]
"""Where an answer's id goes (`placeholder_of` its field) and where a request's ids come from (asked as its answer
leaves, when the request's verdicts are known)."""


class StampRequestIds:
    """The ASGI layer: `stamp_for(path)` says how the answers to `path` are stamped (None: they are not)."""

    def __init__(self, app: ASGIApp, stamp_for: Callable[[str], Stamp | None]) -> None:
        self.app = app
        self.stamp_for = stamp_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        stamp = self.stamp_for(scope["path"]) if scope["type"] == "http" else None
        if stamp is None:
            await self.app(scope, receive, send)
            return
        placeholder, ids_for = stamp
        stamped = False

        async def send_stamped(message: Message) -> None:
            nonlocal stamped
            if not stamped and message["type"] == "http.response.body":
                body: bytes = message.get("body", b"")
                at = body.find(placeholder)
                if at >= 0:  # the envelope's own field, which precedes its data
                    stamped = True
                    fresh = placeholder.replace(REQUEST_ID_PLACEHOLDER.encode(), ids_for(scope).next().encode())
                    message = {**message, "body": body[:at] + fresh + body[at + len(placeholder) :]}
            await send(message)

        await self.app(scope, receive, send_stamped)
