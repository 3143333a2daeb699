"""The answers a spec documents for an operation, ready to send: one per named example, by status.

`Prefer: code=`/`example=` and the error rate answer with these, so a client sees what the vendor documents: the
example's body verbatim (but for a request id, which is the request's own), with the headers the spec declares for
that response. Examples carry no header values, so each is derived from what the header means (`pagination-count`
from the example's length, `Retry-After` from the header's example or `DEFAULT_RETRY_AFTER`), or taken from the
header's own example or single enum value; a required header the mock cannot fill stops the start, so a spec change
cannot make it answer without one.

No spec documents a 5xx, yet any server can fail: `SERVER_ERROR` (500) is offered besides the documented
statuses, with the body the mock gives its own unexpected failures, in the dialect's error shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mock_server.dialects.base import Dialect, Reply
from mock_server.problems import Problem, ProblemKind
from mock_server.web.replies import Encoded
from workflow_runs_specs.reader import Operation

OK = 200
SERVER_ERROR = 500
RATE_LIMITED = 429
DEFAULT_RETRY_AFTER = 30
"""Seconds, where the spec gives no example (the cortex and invent examples say "retry after 30 seconds")."""


def default_of(operation: Operation, name: str) -> Any:
    parameter = operation.parameters.get(name)
    return parameter.get("schema", {}).get("default") if parameter else None


class DocumentedAnswers:
    """Every named example of an operation's responses, encoded with its headers, by status and by name."""

    def __init__(self, operation: Operation, dialect: Dialect, rate_limit: int) -> None:
        resolve = operation.spec.resolve
        self.page_size = default_of(operation, "take")
        self.rate_limit = rate_limit
        self.by_status: dict[int, dict[str, Encoded]] = {}
        self.status_of: dict[str, int] = {}
        """The status of each example name (the first response that holds it, in spec order)."""
        self.header_names: dict[int, tuple[str, ...]] = {}
        for code, response in operation.responses.items():
            if not code.isdigit():
                continue
            status = int(code)
            headers = {name: resolve(header) for name, header in response.get("headers", {}).items()}
            self.header_names[status] = tuple(headers)
            media = response.get("content", {}).get("application/json", {})
            examples = {
                name: dialect.documented(resolve(example)["value"])
                for name, example in media.get("examples", {}).items()
            }
            encoded = {name: self.encode(status, body, headers) for name, body in examples.items()}
            self.by_status[status] = encoded
            for name in encoded:
                self.status_of.setdefault(name, status)
        self.server_error = Encoded(dialect.error(Problem(ProblemKind.SERVER_ERROR, "Internal server error")))

    @property
    def documented(self) -> tuple[int, ...]:
        """The documented statuses a client may ask for (with an example to answer, or 200, the handler's)."""
        return tuple(status for status, examples in self.by_status.items() if examples or status == OK)

    @property
    def undocumented(self) -> tuple[int, ...]:
        """500, where the spec documents no server error."""
        return () if any(status >= 500 for status in self.documented) else (SERVER_ERROR,)

    @property
    def statuses(self) -> tuple[int, ...]:
        return (*self.documented, *self.undocumented)

    @property
    def failures(self) -> tuple[int, ...]:
        """What the error rate answers: the server errors (documented, or 500), and 429 where documented."""
        return tuple(status for status in self.statuses if status >= 500 or status == RATE_LIMITED)

    def documents(self, header: str) -> bool:
        """Whether any documented response declares `header`."""
        return any(header.lower() == name.lower() for names in self.header_names.values() for name in names)

    def answer(self, status: int, example: str | None = None) -> Encoded:
        """The answer for one of `statuses`: the named example, or its first; undocumented 500: the server error."""
        examples = self.by_status.get(status)
        if not examples:
            return self.server_error
        return examples[example] if example is not None else next(iter(examples.values()))

    def encode(self, status: int, body: Any, headers: Mapping[str, Mapping[str, Any]]) -> Encoded:
        values: dict[str, str] = {}
        for name, header in headers.items():
            value = self.header_value(name, header, status, body)
            if value is not None:
                values[name] = value
            elif header.get("required"):
                raise ValueError(f"the mock cannot fill the required header {name} of the documented {status}")
        return Encoded(Reply(status, body, values))

    def header_value(self, name: str, header: Mapping[str, Any], status: int, body: Any) -> str | None:
        """What `name` says about the example `body`, or the spec's own value for it; None to leave it out."""
        schema = header.get("schema", {})
        declared = header.get("example", schema.get("example", schema.get("default")))
        if declared is None and len(schema.get("enum", ())) == 1:
            declared = schema["enum"][0]
        key = name.lower()
        value: object = declared
        if key == "retry-after":
            value = DEFAULT_RETRY_AFTER if declared is None else declared
        elif key == "pagination-count":
            value = len(body) if isinstance(body, list) else None
        elif key == "pagination-page":
            value = 1
        elif key == "pagination-take":
            value = self.page_size
        elif key.startswith("x-ratelimit-"):
            # Optional; on a 429 they say what the limit is and that none of it is left.
            value = None if status != RATE_LIMITED else self.rate_limit if key.endswith("limit") else 0
        return None if value is None else str(value)
