"""The console's line per request: method, path and query as sent, status, time and sandbox; never a token, never
a forged line; nothing when the logger is quieter than INFO."""

from __future__ import annotations

import logging
import re
from typing import Any

import httpx
import pytest

from mock_server.web.console import REQUESTS_LOGGER

LINE = re.compile(r"(?P<method>[A-Z]+) (?P<target>\S+) (?P<status>\d{3}) \d+\.\d ms sandbox=(?P<sandbox>\S+)")


def lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == REQUESTS_LOGGER]


def test_a_request_gets_one_line_with_method_path_query_status_time_and_its_sandbox(
    mock_url: str, fixtures: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    b3os = fixtures["b3os"]
    path = f"/b3os/v1/workflows/{b3os['params']['id']}/runs"
    caplog.set_level(logging.INFO, logger=REQUESTS_LOGGER)
    headers = {"Authorization": f"Bearer {b3os['token']}", "X-Mock-Sandbox": "team-a"}
    httpx.get(f"{mock_url}{path}?limit=5", headers=headers)
    (line,) = lines(caplog)
    matched = LINE.fullmatch(line)
    assert matched is not None, line
    assert matched.group("method", "target", "status", "sandbox") == ("GET", f"{path}?limit=5", "200", "team-a")
    assert b3os["token"] not in caplog.text


def test_preflights_and_control_routes_get_a_line_in_the_default_sandbox(
    mock_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=REQUESTS_LOGGER)
    preflight = {"Origin": "http://localhost:3000", "Access-Control-Request-Method": "GET"}
    httpx.options(f"{mock_url}/b3os/v1/runs/run_x", headers=preflight)
    httpx.get(f"{mock_url}/__mock__/fixtures")
    shown = [LINE.fullmatch(line) for line in lines(caplog)]
    assert [(m.group("method", "target", "status", "sandbox") if m else None) for m in shown] == [
        ("OPTIONS", "/b3os/v1/runs/run_x", "200", "default"),
        ("GET", "/__mock__/fixtures", "200", "default"),
    ]


def test_a_secret_in_the_query_is_masked_and_nothing_sent_can_break_the_line(
    mock_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=REQUESTS_LOGGER)
    httpx.get(
        f"{mock_url}/b3os/v1/runs/a%0Afake%20GET?access_token=s3cret&limit=5&apiKey=k3y",
        headers={"X-Mock-Sandbox": "a\tb"},
    )
    (line,) = lines(caplog)
    assert "s3cret" not in line
    assert "k3y" not in line
    assert "access_token=[masked]&limit=5&apiKey=[masked]" in line
    assert "\n" not in line
    assert "\t" not in line
    assert line.startswith("GET /b3os/v1/runs/a%0Afake%20GET?")


def test_no_line_is_made_when_the_logger_is_quieter_than_info(mock_url: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger=REQUESTS_LOGGER)
    httpx.get(f"{mock_url}/__mock__/fixtures")
    assert lines(caplog) == []
