"""The one place that talks HTTP to the server under test, and the record of each exchange.

Every request the semantic checks send goes through `Client.get` (and, in a run that allows writes, `send`),
so each finding can show what came back and a curl command that asks again, reading the token from its
environment variable (never printing it)::

    client = Client("http://127.0.0.1:8000/b3os", "/v1/workflows/{id}/runs")
    exchange = client.get({"id": "wf_1"}, {"limit": "5"}, authorization="Bearer b3sk_...")
    exchange.status, exchange.json(), exchange.curl()
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from contracts.core.errors import RunAbortedError, UnreachableError
from contracts.core.outcomes import Request
from contracts.core.redaction import Secret
from contracts.http.waiting import RATE_LIMIT_RETRIES, Waiter

__all__ = ["Client", "Exchange", "curl"]

TIMEOUT_SECONDS = 15.0
EXCERPT_LENGTH = 300


@dataclass(frozen=True)
class Exchange:
    """One request and the answer to it."""

    url: str
    request_headers: Mapping[str, str] = field(repr=False)  # the token is in them
    status: int
    headers: httpx.Headers
    content: bytes
    secret: Secret = field(default_factory=Secret)
    method: str = "GET"
    body: bytes | None = None
    """The JSON body a write sent."""

    def json(self) -> Any:
        """The body parsed as JSON; raises `ValueError` when it is not JSON."""
        body: Any = json.loads(self.content)
        return body

    @property
    def media_type(self) -> str:
        content_type: str = self.headers.get("content-type", "")
        return content_type.split(";")[0].strip().lower()

    @property
    def request(self) -> Request:
        return Request(self.method, self.url, self.request_headers, self.body)

    def curl(self) -> str:
        return curl(self.request, self.secret)

    def describe(self) -> str:
        """What came back, in one line: status, media type and the start of the body."""
        # Masked before it is cut, so a token echoed across the cut leaves no part of itself behind.
        text = self.secret.redact(self.content.decode("utf-8", errors="replace"))
        if len(text) > EXCERPT_LENGTH:
            text = text[:EXCERPT_LENGTH] + "..."
        return f"{self.status} {self.media_type or '(no content type)'} {text or '(empty body)'}"


class Client:
    """GET requests to one server: its list operation, or any other path template of its spec."""

    def __init__(
        self,
        base_url: str,
        path_template: str,
        *,
        timeout: float = TIMEOUT_SECONDS,
        waiter: Waiter | None = None,
        secret: Secret | None = None,
        observe: Callable[[Exchange], None] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.secret = secret or Secret()
        self.observe = observe
        """Told every exchange, each request sent once (the run's coverage is counted from them)."""
        self.headers = dict(headers or {})
        """Sent with every request (as the mock's `X-Mock-Sandbox`), before the request's own."""
        self.base_url = base_url.rstrip("/")
        self.path_template = path_template
        self.waiter = waiter or Waiter()
        self._http = httpx.Client(timeout=timeout, follow_redirects=False)

    def url(self, path_params: Mapping[str, str], query: Mapping[str, str], template: str | None = None) -> str:
        path = template or self.path_template
        for name, value in path_params.items():
            path = path.replace("{" + name + "}", quote(value, safe=""))
        suffix = f"?{urlencode(query)}" if query else ""
        return f"{self.base_url}{path}{suffix}"

    def get(
        self,
        path_params: Mapping[str, str],
        query: Mapping[str, str] | None = None,
        *,
        authorization: str | None,
        template: str | None = None,
    ) -> Exchange:
        """GET the list (or the path `template`, another operation's) with these path parameters and query."""
        url = self.url(path_params, query or {}, template)
        return self.read(Request("GET", url, self.headers_with(authorization)))

    def read(self, request: Request) -> Exchange:
        """Send the read-only `request` (again, as it was sent before, when it was); a 429 is waited out (the specs
        document rate limiting) rather than judged, and raises `RunAbortedError` when the server keeps answering
        it."""
        for _ in range(RATE_LIMIT_RETRIES + 1):
            exchange = self.exchange(request)
            if exchange.status != 429:
                return exchange
            if not self.waiter.wait_out(request, exchange.headers.get("retry-after")):
                raise KeyboardInterrupt  # the run was stopped while it waited: as Ctrl-C, it reports what it has
        raise RunAbortedError(f"the server kept answering 429 (rate limited) to {request.url}; run again later")

    def exchange(self, request: Request) -> Exchange:
        """`request` sent once."""
        try:
            response = self._http.request(request.method, request.url, headers=request.headers, content=request.body)
        except httpx.HTTPError as error:
            raise UnreachableError(f"no answer from {request.url}: {error or type(error).__name__}") from None
        exchange = Exchange(
            request.url,
            request.headers,
            response.status_code,
            response.headers,
            response.content,
            self.secret,
            request.method,
            request.body,
        )
        if self.observe is not None:
            self.observe(exchange)
        return exchange

    def send(
        self,
        method: str,
        path_params: Mapping[str, str],
        template: str,
        body: Any,
        *,
        authorization: str | None,
    ) -> Exchange:
        """A write (`method` with the JSON `body`) to the path `template`; sent once, never retried."""
        url = self.url(path_params, {}, template)
        headers = self.headers_with(authorization)
        content = None if body is None else json.dumps(body).encode()
        if content is not None:
            headers["Content-Type"] = "application/json"
        return self.exchange(Request(method, url, headers, content))

    def headers_with(self, authorization: str | None) -> dict[str, str]:
        """The headers of every request, and the `Authorization` header when there is one."""
        return {**self.headers, **({"Authorization": authorization} if authorization is not None else {})}

    def close(self) -> None:
        self._http.close()


def curl(request: Request, secret: Secret) -> str:
    """A curl command that sends `request` again and shows the status it gets, reading the token from its
    environment variable."""
    headers = [part for name, value in request.headers.items() for part in ("-H", f"{name}: {value}")]
    method = [] if request.method == "GET" else ["-X", request.method]
    data = [] if request.body is None else ["--data", request.body.decode(errors="replace")]
    return secret.command(["curl", "-sS", "-i", *method, *headers, *data, request.url])
