"""What one forwarded request and its answer leave to judge, and how a report shows them without the token.

The forwarding app fills an `Exchange` as the bytes pass and hands it over only once the answer is sent. A
body larger than the proxy's limit is not kept (`None`): the exchange is passed through and counted, not judged.
The token of the request's `Authorization` header stays inside `secret`, which masks it in every text and
writes it as `$VARIABLE` in the curl that asks again.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from contracts.redaction import Secret

__all__ = ["Exchange", "Headers", "token_of"]

Headers = tuple[tuple[str, str], ...]
"""Header names lower-cased, values as sent, in order, duplicates kept."""
EXCERPT_LENGTH = 200


def unchanged(body: bytes) -> bytes:
    return body


DECODERS: dict[str, Callable[[bytes], bytes]] = {
    "gzip": gzip.decompress,
    "deflate": zlib.decompress,
    "identity": unchanged,
}


def token_of(headers: Headers) -> str | None:
    """The credential of the first `Authorization` header (after its scheme, whichever it is), which no output
    may show."""
    value = next((value for name, value in headers if name == "authorization"), None)
    if value is None:
        return None
    scheme, _, credential = value.strip().partition(" ")
    return credential.strip() or scheme or None


@dataclass(frozen=True)
class Exchange:
    method: str
    path: str
    """The path as the client sent it (percent-encoded)."""
    query: str
    """The raw query string."""
    request_headers: Headers = field(repr=False)
    request_body: bytes | None
    status: int
    response_headers: Headers
    response_body: bytes | None
    upstream: str = ""
    """The upstream's base URL, for the curl that asks it again."""
    secret: Secret = field(default_factory=Secret)

    def header(self, name: str, headers: Headers | None = None) -> str | None:
        """The first value of the header `name` (lower case) of the answer, or of `headers`."""
        return next((value for key, value in (headers or self.response_headers) if key == name), None)

    @property
    def query_pairs(self) -> list[tuple[str, str]]:
        return parse_qsl(self.query, keep_blank_values=True)

    @property
    def media_type(self) -> str:
        return (self.header("content-type") or "").split(";")[0].strip().lower()

    @property
    def complete(self) -> bool:
        """Whether both bodies were kept (neither was larger than the limit)."""
        return self.request_body is not None and self.response_body is not None

    def decoded_body(self) -> bytes | None:
        """The answer's body with its Content-Encoding undone; None when it is not kept or cannot be decoded."""
        encoding = (self.header("content-encoding") or "identity").strip().lower()
        decoder = DECODERS.get(encoding)
        if self.response_body is None or decoder is None:
            return None
        try:
            return decoder(self.response_body)
        except (OSError, zlib.error, EOFError):
            return None

    @property
    def target(self) -> str:
        return self.path + (f"?{self.query}" if self.query else "")

    def curl(self) -> str:
        """A command that sends the request again to the upstream, reading the token from its variable."""
        kept = ("content-type", "prefer", "accept")
        headers: Sequence[str] = [
            part for name, value in self.request_headers if name in kept for part in ("-H", f"{name}: {value}")
        ]
        if self.secret.value:  # whatever the client sent, the command reads the token from its variable
            headers = ["-H", f"Authorization: Bearer {self.secret.value}", *headers]
        method = [] if self.method == "GET" else ["-X", self.method]
        body = self.request_body or b""
        data = ["--data", body.decode("utf-8", errors="replace")] if body else []
        return self.secret.command(["curl", "-sS", "-i", *method, *headers, *data, self.upstream + self.target])

    def describe(self) -> str:
        """What came back, in one line: status, media type and the start of the body, the token masked."""
        body = self.decoded_body()
        text = "(body not kept)" if body is None else body.decode("utf-8", errors="replace") or "(empty body)"
        text = self.secret.redact(" ".join(text.split()))
        if len(text) > EXCERPT_LENGTH:
            text = text[:EXCERPT_LENGTH] + "..."
        return f"{self.status} {self.media_type or '(no content type)'} {text}"
