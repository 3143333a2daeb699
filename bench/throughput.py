"""`make bench`: the mock's throughput against a bare Starlette app and Prism, side by side, and its startup time.

Per dialect and read operation of its spec (the list of runs, a run by id), two loads: one request repeated (the
demo workflow's default page, or one run), and never-seen requests (a wrk script cycling through more distinct
valid queries than any cache of the mock holds, `bench.queries`). Four servers pinned to CPU 0 are loaded in turn
by wrk pinned to CPU 1: the mock with its defaults, the mock with --validate-responses, a bare Starlette route
sending the very bytes the mock sent to each request, and Prism mocking the same spec. Each gets a warm-up run,
then `--rounds` measured runs taking turns with the others; the median run is reported, and written to README.md.

    python -m bench.throughput [--duration 5] [--rounds 3] [--connections 64] [--dialect NAME ...] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

from bench import http1, prism, queries, readme, wrk
from bench.bare import Snapshot, save_all
from bench.machine import OtherLoad
from bench.processes import (
    HOST,
    ROOT,
    Server,
    answers_ok,
    free_port,
    mock_argv,
    pinned,
    running,
)
from bench.ready import measure_startup
from bench.report import BARE, MOCK, PRISM, VALIDATING, Row, print_report
from bench.spec import list_path
from mock_server.dialects import DIALECTS

SERVER_CPU = 0
FIXTURES = "/__mock__/fixtures"
REPEATED, NEVER_SEEN = "repeated", "never-seen"


@dataclass(frozen=True)
class Target:
    dialect: str
    operation: str
    load: str
    paths: tuple[str, ...]
    """The request repeated, or the never-seen cycle."""
    script: Path | None
    snapshot: Path


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def serve(stack: ExitStack, argv_on: Callable[[int], list[str]], answered: Callable[[httpx.Client], bool]) -> Server:
    port = free_port()
    return stack.enter_context(running(pinned(SERVER_CPU, argv_on(port)), port, answered))


def median_run(results: list[wrk.WrkResult]) -> wrk.WrkResult:
    return sorted(results, key=lambda result: result.requests_per_second)[(len(results) - 1) // 2]


def record(server: Server, paths: tuple[str, ...], token: str, file: Path) -> Path:
    """What the mock answers to each of `paths`, for the bare server; every answer must be a 200."""
    answers = asyncio.run(fetch_all(server.port, paths, token))
    snapshots = []
    for path, answer in zip(paths, answers, strict=True):
        if answer.status != 200:
            raise RuntimeError(f"the mock answered {path} with {answer.status}: {answer.body[:300]!r}")
        snapshots.append(Snapshot.from_head(path, answer.status, answer.head, answer.body))
    save_all(snapshots, file)
    return file


async def fetch_all(port: int, paths: tuple[str, ...], token: str, connections: int = 8) -> list[http1.Answer]:
    """Every path's answer, over a few keep-alive connections (httpx would take most of a minute for 6,000)."""
    answers: list[http1.Answer | None] = [None] * len(paths)
    pending = iter(enumerate(paths))

    async def worker() -> None:
        connection = http1.Connection(HOST, port, timeout=30)
        try:
            for index, path in pending:
                answers[index] = await connection.exchange(http1.get_request(HOST, port, path, auth(token)))
        finally:
            await connection.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    return [answer for answer in answers if answer is not None]


def targets(mock: Server, dialect: str, token: str, params: dict[str, str], scratch: Path) -> list[Target]:
    """Both loads of every read operation the spec documents; a load the operation cannot vary is left out."""
    found = []
    for operation in queries.read_operations(dialect):
        cycle = tuple(queries.never_seen_paths(operation, params, dialect))
        one = operation.path(params) if operation.name == "list" else cycle[0]
        for load, paths in ((REPEATED, (one,)), (NEVER_SEEN, cycle)):
            if not paths:
                continue
            name = f"{dialect}-{operation.name}-{load}"
            script = queries.wrk_script(list(paths), scratch / f"{name}.lua") if load == NEVER_SEEN else None
            snapshot = record(mock, paths, token, scratch / f"{name}.json")
            found.append(Target(dialect, operation.name, load, paths, script, snapshot))
    return found


def start_servers(stack: ExitStack, dialect: str, scratch: Path) -> tuple[list[Target], str, dict[str, Server]]:
    """The mocks (with the bench's scenario) and Prism, at once: idle ones cost nothing."""
    file = queries.demo_scenario(scratch, dialect)
    argv = [*mock_argv("--dialect", dialect, "--scenario", str(file)), "--port"]
    mock = serve(stack, lambda port: [*argv, str(port)], answers_ok(FIXTURES))
    fixture = httpx.get(mock.base_url + FIXTURES, trust_env=False).json()[dialect]
    params, token = fixture["params"], fixture["token"]
    demo_path = list_path(dialect, params)
    ready = answers_ok(demo_path, token)
    servers = {
        MOCK: mock,
        VALIDATING: serve(stack, lambda port: [*argv[:-1], "--validate-responses", "--port", str(port)], ready),
    }
    if prism.available():
        servers[PRISM] = serve(
            stack, lambda port: prism.argv(dialect, port), lambda c: c.get(demo_path).status_code > 0
        )
    return targets(servers[MOCK], dialect, token, params, scratch), token, servers


def bare_argv(snapshot: Path) -> Callable[[int], list[str]]:
    return lambda port: [sys.executable, "-m", "bench.bare", "--snapshot", str(snapshot), "--port", str(port)]


def bench_dialect(dialect: str, load: wrk.Load, scratch: Path) -> list[Row]:
    """wrk runs taking turns between the servers, so whatever else the machine does weighs on all of them alike."""
    rows: list[Row] = []
    with ExitStack() as stack:
        found, token, servers = start_servers(stack, dialect, scratch)
        for target in found:
            bare = bare_argv(target.snapshot)
            with ExitStack() as per_target:
                first = target.paths[0]
                answered = answers_ok(first, token)
                each = {**servers, BARE: serve(per_target, bare, answered)}
                rows += measure_target(target, token, each, load)
    return rows


def measure_target(target: Target, token: str, servers: dict[str, Server], load: wrk.Load) -> list[Row]:
    rows: dict[str, Row] = {}
    for label, server in servers.items():
        # A server not answering 200 would have wrk measure its error path: say so instead of a figure.
        answer = httpx.get(server.base_url + target.paths[0], headers=auth(token), trust_env=False, timeout=120)
        status = answer.status_code
        if status != 200:
            rows[label] = Row(
                target.dialect,
                target.operation,
                target.load,
                label,
                None,
                server.command,
                f"answered {status}; not measured",
            )
    results: dict[str, list[wrk.WrkResult]] = {label: [] for label in servers if label not in rows}
    path = target.paths[0] if target.script is None else ""
    for round_ in range(load.rounds):
        for label, runs in results.items():
            url = servers[label].base_url + path
            runs.append(wrk.measure(url, token, load, round_ == 0, target.script))
    for label, runs in results.items():
        rows[label] = Row(
            target.dialect,
            target.operation,
            target.load,
            label,
            median_run(runs),
            servers[label].command,
            f"{len(target.paths)} distinct requests in a cycle" if target.script else "",
        )
    return [rows[label] for label in (MOCK, VALIDATING, BARE, PRISM) if label in rows]


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
    cli.add_argument("--no-readme", action="store_true", help="print the figures only; leave README.md alone")
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
    startup = measure_startup(startup_runs)
    share = others.share()
    print_report(rows, load, startup, share)
    if rows and not arguments.no_readme:
        command = "make bench" + (" BENCH_ARGS=--quick" if arguments.quick else "")
        readme.write(ROOT / "README.md", readme.table(rows, startup, load, share, command))
        print("\nREADME.md: the figures above are written between its bench markers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
