"""Seconds until ready to serve: the mock serving every dialect from this checkout, the floor, and Prism.

Each start is pinned to CPU 0 and polled every 10 ms; `measure_startup` has the kinds take turns:
- the mock as a developer starts it from a checkout: Python writes the checkout's bytecode on the first start
  (`bench.startup.bytecode_written`, whatever PYTHONDONTWRITEBYTECODE this shell has), and each later start
  reads it; the first start after a clone, without that bytecode, is timed too;
- the floors (`bench.minimal`): uvicorn serving one route through bare Starlette, which no server on this stack
  beats, and through Connexion, which no server routing and validating with Connexion beats;
- Prism mocking one spec.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

import httpx

from bench import prism, queries
from bench.processes import free_port, mock_argv, pinned, start, wait_until
from bench.report import Startup
from bench.spec import list_path
from bench.startup import bytecode_written, every_dialect_answers, remove_bytecode

SERVER_CPU = 0


def seconds_until(argv_for: Callable[[int], list[str]], ready: Callable[[httpx.Client], bool]) -> tuple[float, str]:
    """Seconds from starting `argv_for(port)` on a free port until `ready` holds."""
    port = free_port()
    argv = pinned(SERVER_CPU, argv_for(port))
    began = time.perf_counter()
    server = start(argv, port)
    try:
        wait_until(server, ready)
        return time.perf_counter() - began, server.command
    finally:
        server.stop()
        server.stderr.close()


def startup_seconds(*, fresh: bool = False) -> tuple[float, str]:
    """Seconds from process start until every dialect's list endpoint answers 200; `fresh`: no bytecode yet."""
    with bytecode_written():
        if fresh:
            remove_bytecode()
        fixtures: dict[str, Any] = {}
        return seconds_until(
            lambda port: mock_argv("--dialect", "all", "--port", str(port)),
            lambda client: every_dialect_answers(client, fixtures),
        )


def floor_startup_seconds(*options: str) -> tuple[float, str]:
    """Seconds from starting `bench.minimal` with `options` until it answers."""
    return seconds_until(
        lambda port: [sys.executable, "-m", "bench.minimal", *options, "--port", str(port)],
        lambda client: client.get("/runs").status_code == 200,
    )


def prism_startup_seconds(dialect: str) -> tuple[float, str]:
    """Seconds from starting Prism on one spec until its list endpoint answers."""
    params = dict.fromkeys(queries.read_operations(dialect)[0].path_parameters, "x")
    path = list_path(dialect, params)
    return seconds_until(lambda port: prism.argv(dialect, port), lambda client: client.get(path).status_code > 0)


def measure_startup(runs: int) -> Startup:
    """Every kind of start taking turns, so a busy moment weighs on all; the mock's first start writes its
    bytecode and is the one timed as after a clone."""
    fresh, command = startup_seconds(fresh=True)
    mock: list[float] = []
    floor: list[float] = []
    connexion_floor: list[float] = []
    other: list[float] = []
    floor_command = connexion_command = prism_command = ""
    for _ in range(runs):
        elapsed, command = startup_seconds()
        mock.append(elapsed)
        elapsed, floor_command = floor_startup_seconds()
        floor.append(elapsed)
        elapsed, connexion_command = floor_startup_seconds("--connexion")
        connexion_floor.append(elapsed)
        if prism.available():
            elapsed, prism_command = prism_startup_seconds("b3os")
            other.append(elapsed)
    return Startup(
        mock,
        other,
        command,
        prism_command,
        fresh=fresh,
        floor=floor,
        floor_command=floor_command,
        connexion_floor=connexion_floor,
        connexion_command=connexion_command,
    )
