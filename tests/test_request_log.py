"""The request log keeps what a frontend sent, bounded, and never a token."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from mock_server.web.request_log import RequestLog

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def scope(path: str, query: bytes = b"", headers: tuple[tuple[bytes, bytes], ...] = ()) -> dict[str, Any]:
    return {"type": "http", "method": "GET", "path": path, "query_string": query, "headers": list(headers)}


def test_entries_are_rendered_oldest_first_with_secrets_redacted() -> None:
    log = RequestLog(lambda: NOW)
    sent = ((b"authorization", b"Bearer s3cr3t"), (b"cookie", b"session=abc"), (b"x-app", b"web"))
    log.record(scope("/b3os/v1/workflows/wf/runs", b"limit=5", sent), 200)
    log.record(scope("/invent/orgs/o/workflows/runs"), 401)
    first, second = log.entries()
    assert first == {
        "at": "2026-11-20T12:00:00.000Z",
        "method": "GET",
        "path": "/b3os/v1/workflows/wf/runs",
        "query": "limit=5",
        "headers": {"authorization": "Bearer [redacted]", "cookie": "[redacted]", "x-app": "web"},
        "status": 200,
    }
    assert second["status"] == 401
    assert "s3cr3t" not in repr(log.entries())


def test_entries_filter_by_path_prefix_and_keep_the_last_ones() -> None:
    log = RequestLog(lambda: NOW)
    for index in range(5):
        log.record(scope(f"/b3os/{index}"), 200)
    log.record(scope("/invent/x"), 200)
    assert [entry["path"] for entry in log.entries("/b3os", limit=2)] == ["/b3os/3", "/b3os/4"]
    assert [entry["path"] for entry in log.entries("/invent")] == ["/invent/x"]


def test_the_log_is_bounded_and_can_be_cleared() -> None:
    log = RequestLog(lambda: NOW, capacity=3)
    for index in range(10):
        log.record(scope(f"/p/{index}"), 200)
    assert [entry["path"] for entry in log.entries()] == ["/p/7", "/p/8", "/p/9"]
    log.clear()
    assert log.entries() == []
