"""A client for one dialect of the mock, with its demo token and parameters, that checks answers against the spec."""

from __future__ import annotations

import re
from typing import Any

import httpx

from tests.spec_support import list_operation, response_schema, schema_errors


def path_of(dialect: str, params: dict[str, str]) -> str:
    template, _ = list_operation(dialect)
    return template.format(**params)


def items_of(dialect: str, body: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = body["data"]["items"] if dialect == "b3os" else body
    return items


REQUEST_ID = re.compile(r"req_[0-9a-f]{16}")


def but_request_id(body: Any) -> Any:
    """A body without the request id it names (b3os'), which identifies the answer rather than the data: what two
    answers to one request share, or an answer and the example it sends."""
    if isinstance(body, dict) and "requestId" in body:
        assert REQUEST_ID.fullmatch(body["requestId"]), body["requestId"]
        return {name: value for name, value in body.items() if name != "requestId"}
    return body


def masked_request_id(body: bytes) -> bytes:
    """Encoded `body` with the request id it names (b3os') masked, its length kept, for bytes compared but for it."""
    return re.sub(rb'"requestId":"req_[0-9a-f]{16}"', b'"requestId":"req_' + b"-" * 16 + b'"', body, count=1)


def conforming(dialect: str, response: httpx.Response) -> httpx.Response:
    """`response`, after checking it is JSON that matches the spec's schema for its status."""
    assert response.headers["content-type"].startswith("application/json")
    errors = schema_errors(dialect, response_schema(dialect, str(response.status_code)), response.json())
    assert not errors, f"{dialect} {response.status_code}: {errors}"
    return response


class DialectClient:
    """Talks to one dialect of the mock with its demo token and parameters."""

    def __init__(self, base_url: str, dialect: str, fixture: dict[str, Any]) -> None:
        self.dialect = dialect
        self.params: dict[str, str] = fixture["params"]
        self.token: str = fixture["token"]
        self.http = httpx.Client(base_url=f"{base_url}/{dialect}", timeout=10)

    def get(
        self, query: dict[str, Any] | str = "", params: dict[str, str] | None = None, **kwargs: Any
    ) -> httpx.Response:
        headers = kwargs.pop("headers", {"Authorization": f"Bearer {self.token}"})
        return self.http.get(path_of(self.dialect, params or self.params), params=query, headers=headers, **kwargs)

    def runs(self, query: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        response = conforming(self.dialect, self.get(query or {}))
        assert response.status_code == 200
        return items_of(self.dialect, response.json())

    def everything(self, **filters: str) -> list[dict[str, Any]]:
        """All runs matching `filters` in one page."""
        size = {"b3os": {"limit": 100}, "aitasker": {}}.get(self.dialect, {"take": 100})
        runs = self.runs({**size, **filters})
        assert len(runs) < 100, "more runs than one page holds"
        return runs
