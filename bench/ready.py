"""Seconds until ready to serve: the mock serving every dialect from this checkout, and Prism mocking one spec.

Both are started pinned to CPU 0 and polled every 10 ms; `measure_startup` has them take turns.
"""

from __future__ import annotations

import time
from typing import Any

import httpx

from bench import prism, queries
from bench.processes import free_port, mock_argv, pinned, start, wait_until
from bench.report import Startup
from bench.spec import list_path
from mock_server.dialects import DIALECTS

SERVER_CPU = 0


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def startup_seconds(dialects: tuple[str, ...]) -> tuple[float, str]:
    """Seconds from process start until every dialect's list endpoint answers 200, polled every 10 ms."""
    port = free_port()
    argv = pinned(SERVER_CPU, mock_argv("--dialect", "all", "--port", str(port)))
    began = time.perf_counter()
    server = start(argv, port)
    try:
        fixtures: dict[str, Any] = {}

        def every_dialect_answers(client: httpx.Client) -> bool:
            if not fixtures:
                answer = client.get("/__mock__/fixtures")
                if answer.status_code != 200:
                    return False
                fixtures.update(answer.json())
            for name in dialects:
                path = f"/{name}{list_path(name, fixtures[name]['params'])}"
                if client.get(path, headers=auth(fixtures[name]["token"])).status_code != 200:
                    return False
            return True

        wait_until(server, every_dialect_answers)
        return time.perf_counter() - began, server.command
    finally:
        server.stop()
        server.stderr.close()


def prism_startup_seconds(dialect: str) -> tuple[float, str]:
    """Seconds from starting Prism on one spec until its list endpoint answers, polled every 10 ms."""
    port = free_port()
    argv = pinned(SERVER_CPU, prism.argv(dialect, port))
    params = dict.fromkeys(queries.read_operations(dialect)[0].path_parameters, "x")
    path = list_path(dialect, params)
    began = time.perf_counter()
    server = start(argv, port)
    try:
        wait_until(server, lambda client: client.get(path).status_code > 0)
        return time.perf_counter() - began, server.command
    finally:
        server.stop()
        server.stderr.close()


def measure_startup(runs: int) -> Startup:
    """Both kinds of start taking turns, so a busy moment weighs on both."""
    mock: list[float] = []
    other: list[float] = []
    command = prism_command = ""
    for _ in range(runs):
        elapsed, command = startup_seconds(tuple(DIALECTS))
        mock.append(elapsed)
        if prism.available():
            elapsed, prism_command = prism_startup_seconds("b3os")
            other.append(elapsed)
    return Startup(mock, other, command, prism_command)
