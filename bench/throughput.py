"""`make bench`: the mock's throughput against a bare Starlette app and Prism, side by side, and its startup time.

Per dialect, on the list endpoint (default page of the demo workflow, valid token), four servers pinned to CPU 0
are loaded in turn by wrk pinned to CPU 1: the mock with its defaults, the mock with --validate-responses, a bare
Starlette route sending the very bytes the mock sent, and Prism mocking the same spec. Each gets a warm-up run,
then `--rounds` measured runs taking turns with the others; the median run is reported.

    python -m bench.throughput [--duration 5] [--rounds 3] [--connections 64] [--dialect NAME ...] [--quick]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx

from bench import prism, wrk
from bench.bare import Snapshot
from bench.machine import OtherLoad
from bench.processes import (
    Server,
    answers_ok,
    free_port,
    mock_argv,
    pinned,
    running,
    start,
    wait_until,
)
from bench.report import BARE, MOCK, PRISM, VALIDATING, Row, print_report
from bench.spec import list_path
from workflow_runs_specs import DIALECTS

SERVER_CPU = 0
FIXTURES = "/__mock__/fixtures"


@dataclass(frozen=True)
class Target:
    dialect: str
    path: str
    token: str


def any_answer(path: str) -> Callable[[httpx.Client], bool]:
    return lambda client: client.get(path).status_code > 0


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def serve(stack: ExitStack, argv_on: Callable[[int], list[str]], answered: Callable[[httpx.Client], bool]) -> Server:
    port = free_port()
    return stack.enter_context(running(pinned(SERVER_CPU, argv_on(port)), port, answered))


def median_run(results: list[wrk.WrkResult]) -> wrk.WrkResult:
    return sorted(results, key=lambda result: result.requests_per_second)[(len(results) - 1) // 2]


def start_servers(stack: ExitStack, dialect: str, scratch: Path) -> tuple[Target, dict[str, Server]]:
    """All four servers at once (idle ones cost nothing), the bare one sending what the mock sent first."""
    mock = serve(stack, lambda port: mock_argv("--dialect", dialect, "--port", str(port)), answers_ok(FIXTURES))
    fixture = httpx.get(mock.base_url + FIXTURES, trust_env=False).json()[dialect]
    target = Target(dialect, list_path(dialect, fixture["params"]), fixture["token"])
    sent = httpx.get(mock.base_url + target.path, headers=auth(target.token), trust_env=False)
    snapshot = scratch / f"{dialect}.json"
    Snapshot.of(sent).save(snapshot)

    ready = any_answer(target.path)
    validating = [*mock_argv("--dialect", dialect), "--validate-responses", "--port"]
    bare = [sys.executable, "-m", "bench.bare", "--snapshot", str(snapshot), "--port"]
    servers = {
        MOCK: mock,
        VALIDATING: serve(stack, lambda port: [*validating, str(port)], ready),
        BARE: serve(stack, lambda port: [*bare, str(port)], ready),
    }
    if prism.available():
        servers[PRISM] = serve(stack, lambda port: prism.argv(dialect, port), ready)
    return target, servers


def bench_dialect(dialect: str, load: wrk.Load, scratch: Path) -> list[Row]:
    """wrk runs taking turns between the servers, so whatever else the machine does weighs on all of them alike."""
    with ExitStack() as stack:
        target, servers = start_servers(stack, dialect, scratch)
        rows: dict[str, Row] = {}
        for label, server in servers.items():
            # A server not answering 200 would have wrk measure its error path: say so instead of a figure.
            status = httpx.get(server.base_url + target.path, headers=auth(target.token), trust_env=False).status_code
            if status != 200:
                rows[label] = Row(dialect, label, None, server.command, f"answered {status}; not measured")
        results: dict[str, list[wrk.WrkResult]] = {label: [] for label in servers if label not in rows}
        for round_ in range(load.rounds):
            for label, runs in results.items():
                runs.append(wrk.measure(servers[label].base_url + target.path, target.token, load, round_ == 0))
        for label, runs in results.items():
            rows[label] = Row(dialect, label, median_run(runs), servers[label].command)
        return [rows[label] for label in servers]


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


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    cli = argparse.ArgumentParser(prog="python -m bench.throughput", description=__doc__.splitlines()[0])
    cli.add_argument("--duration", type=float, default=5.0, help="seconds of each measured wrk run (default 5)")
    cli.add_argument("--rounds", type=int, default=3, help="measured runs per server, the median reported (3)")
    cli.add_argument("--warmup", type=float, default=2.0, help="seconds of a discarded first run (default 2)")
    cli.add_argument("--connections", type=int, default=64, help="wrk connections (default 64)")
    cli.add_argument("--threads", type=int, default=1, help="wrk threads; it has one core (default 1)")
    cli.add_argument("--startup-runs", type=int, default=3, help="startup measurements, the median reported (3)")
    cli.add_argument("--dialect", action="append", choices=DIALECTS, help="only this dialect (repeatable)")
    cli.add_argument("--quick", action="store_true", help="one 3 s run per server, one startup measurement")
    return cli.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    load = wrk.Load(arguments.duration, arguments.rounds, arguments.warmup, arguments.connections, arguments.threads)
    startup_runs = arguments.startup_runs
    if arguments.quick:
        load, startup_runs = replace(load, duration=3.0, rounds=1, warmup=1.0), 1
    dialects = tuple(arguments.dialect or DIALECTS)
    others = OtherLoad()
    if len(os.sched_getaffinity(0)) > 1:
        os.sched_setaffinity(0, {1})  # this process polls and spawns: keep it off the servers' core too
    else:
        load = replace(load, cpu=None)
        print("one CPU only: servers and wrk share it, so the figures are lower than on two")

    rows: list[Row] = []
    if not wrk.available():
        print("wrk not found (make bench installs it with apt-get install -y wrk): throughput not measured")
    else:
        if not prism.available():
            print("Prism not found in bench/.node (make bench installs it with npm): Prism comparison skipped")
        with tempfile.TemporaryDirectory() as scratch:
            for dialect in dialects:
                print(f"measuring {dialect} ...", flush=True)
                rows.extend(bench_dialect(dialect, load, Path(scratch)))
    startups = [startup_seconds(tuple(DIALECTS)) for _ in range(startup_runs)]
    print_report(rows, load, startups, others.share())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
