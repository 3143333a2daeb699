"""A request's header read from the ASGI scope, without building Starlette's `Headers` for it.

ASGI servers give header names in lowercase. A plain loop: on every request, it costs less than `next` or `any`
over a generator.
"""

from __future__ import annotations

from starlette.types import Scope


def first_header(scope: Scope, name: bytes) -> bytes | None:
    """The value of the first `name` header of the request (`name` in lowercase), or None."""
    headers: list[tuple[bytes, bytes]] = scope["headers"]
    for given, value in headers:
        if given == name:
            return value
    return None
