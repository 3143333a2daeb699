"""The schema phase's requests wait out rate limits the way the suite's own do (`waiting.Waiter`).

Schemathesis' own `rate-limit: auto` sleeps for each 429 up to a minute, three times over, saying nothing below five
seconds, in worker threads that Ctrl-C cannot cut short. So it is off, and the phase's loaded schema sends through
a transport of ours that wraps the one it had (Schemathesis' own, or the write guard's): a 429 is waited out as
the waiter says (announced, at most --max-wait, recorded), then sent again, up to `RATE_LIMIT_RETRIES` times, and
its last 429 is what the phase judges. Each wait ends when the phase's stop event is set (the run interrupted).
As `phase_writes.guard` does, it sets the transport on that schema object alone, through a subclass of its class.
"""

from __future__ import annotations

import threading
from typing import Any

from schemathesis.core.transport import Response
from schemathesis.generation.case import Case
from schemathesis.schemas import BaseSchema
from schemathesis.transport import BaseTransport
from schemathesis.transport.requests import RequestsTransport

from contracts.outcomes import Request
from contracts.waiting import RATE_LIMIT_RETRIES, Waiter

__all__ = ["WaitingTransport", "wait_out_rate_limits"]


class WaitingTransport(RequestsTransport):
    """`inner`, sending a request answered 429 again after the wait its Retry-After asks (as `waiter` allows)."""

    def __init__(self, inner: BaseTransport[Any], waiter: Waiter) -> None:
        super().__init__()
        self._copy_serializers_from(inner)  # what it serializes and how, as the transport it wraps
        self.inner = inner
        self.waiter = waiter
        self.stop = threading.Event()
        """Set when the phase stops: every wait ends then (`run_schema_phase` hands it the engine's own)."""

    def send(self, case: Case[Any], *, session: Any = None, **kwargs: Any) -> Response:
        response: Response = self.inner.send(case, session=session, **kwargs)
        for _ in range(RATE_LIMIT_RETRIES):
            if response.status_code != 429:
                break
            if not self.waiter.wait_out(sent(response), retry_after(response), self.stop):
                break  # the phase stopped: its last answer is the 429
            response = self.inner.send(case, session=session, **kwargs)
        return response


def sent(response: Response) -> Request:
    """The request as it went on the wire (the token in its headers: `Request` never prints them)."""
    request = response.request
    headers = {name: value.decode() if isinstance(value, bytes) else value for name, value in request.headers.items()}
    body = request.body.encode() if isinstance(request.body, str) else request.body
    return Request(str(request.method), str(request.url), headers, body if isinstance(body, bytes) else None)


def retry_after(response: Response) -> str | None:
    values = response.headers.get("retry-after") or []
    return values[0] if values else None


def wait_out_rate_limits(schema: BaseSchema, waiter: Waiter) -> WaitingTransport:
    """Make `schema` send through a `WaitingTransport` around the transport it had, and return that transport."""
    transport = WaitingTransport(schema.transport, waiter)
    # A subclass of its own class, so that whatever else that class overrides stays.
    waiting = type(f"Waiting{type(schema).__name__}", (type(schema),), {"transport": property(lambda _: transport)})
    schema.__class__ = waiting
    return transport
