"""CPU time the mock's app spends on each never-seen request, driven in process.

    python -m bench.in_process [--dialect NAME ...] [--rounds 5]

No server, network or load generator: each read operation's never-seen cycle (`bench.queries`, the very requests
`make bench` sends) goes through the app's ASGI interface, once to fill its caches (every answer must be a 200,
so nothing but the served path is timed), then `--rounds` times. The fastest round's CPU time per request is
reported: what the pipeline costs, without uvicorn's share nor the scatter of a loaded machine, so a change to it
shows in microseconds. The answers are dropped, not sent.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from starlette.types import ASGIApp, Message, Scope, Send

from bench import queries
from mock_server.app import MockApp, Settings
from mock_server.cli import collection_paused
from mock_server.dialects import DIALECTS

Headers = list[tuple[bytes, bytes]]


def scope_of(target: str, headers: Headers) -> Scope:
    """The scope uvicorn gives a GET of `target` (path and query)."""
    path, _, query = target.partition("?")
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
        "scheme": "http",
        "method": "GET",
        "root_path": "",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": [(b"host", b"127.0.0.1:8000"), *headers],
        "state": {},
    }


async def no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


async def drop(message: Message) -> None:
    pass


async def send_all(app: ASGIApp, targets: Sequence[str], headers: Headers, send: Send = drop) -> None:
    """Each target through `app` in turn, its answer's messages to `send`."""
    for target in targets:
        await app(scope_of(target, headers), no_body, send)


async def statuses_of(app: ASGIApp, targets: Sequence[str], headers: Headers) -> set[int]:
    """The statuses `app` answers `targets` with."""
    statuses: set[int] = set()

    async def keep_status(message: Message) -> None:
        if message["type"] == "http.response.start":
            statuses.add(message["status"])

    await send_all(app, targets, headers, keep_status)
    return statuses


def mock_for(dialect: str, scratch: Path) -> tuple[MockApp, str, dict[str, str]]:
    """The mock serving `dialect` with the bench's scenario, as `make bench` starts it; its token and path values."""
    scenario = queries.demo_scenario(scratch, dialect)
    with collection_paused():  # as `python -m mock_server` builds it
        mock = MockApp(Settings(dialects=(dialect,), scenario=str(scenario)))
    fixture = mock.mounts[dialect].fixture
    return mock, fixture["token"], fixture["params"]


def measure(dialect: str, rounds: int, token: str | None = None, limit: int | None = None) -> dict[str, float]:
    """CPU µs per never-seen request of each read operation of `dialect` (the fastest of `rounds` rounds).

    `token`: the one sent (the demo token by default); `limit`: only the first requests of each cycle.
    Raises `RuntimeError` when an answer of the first round is not a 200. The collector's thresholds are left as
    they were found, and nothing stays frozen.
    """
    results: dict[str, float] = {}
    threshold = gc.get_threshold()
    with tempfile.TemporaryDirectory() as scratch:
        mock, demo_token, params = mock_for(dialect, Path(scratch))
    headers = [(b"authorization", f"Bearer {token or demo_token}".encode())]
    loop = asyncio.new_event_loop()
    try:
        for operation in queries.read_operations(dialect):
            targets = queries.never_seen_paths(operation, params, dialect)[:limit]
            if not targets:
                continue
            statuses = loop.run_until_complete(statuses_of(mock.app, targets, headers))
            refused = sorted(statuses - {200})
            if refused:
                raise RuntimeError(f"{dialect} {operation.name}: the mock answered {refused}, not 200, to the load")
            timings = []
            for _ in range(rounds):
                began = time.process_time()
                loop.run_until_complete(send_all(mock.app, targets, headers))
                timings.append((time.process_time() - began) / len(targets) * 1e6)
            results[operation.name] = min(timings)
    finally:
        loop.close()
        # The collector as it was before the build froze the app and raised its thresholds (`collection_paused`).
        gc.unfreeze()
        gc.set_threshold(*threshold)
    return results


def main() -> None:
    cli = argparse.ArgumentParser(prog="python -m bench.in_process", description=__doc__.splitlines()[0])
    cli.add_argument("--dialect", action="append", choices=DIALECTS, help="only this dialect (repeatable)")
    cli.add_argument("--rounds", type=int, default=5, help="timed rounds per operation, the fastest reported (5)")
    arguments = cli.parse_args()
    if arguments.rounds < 1:
        cli.error("--rounds must be at least 1")
    print("CPU µs per never-seen request, the app driven in process (fastest of", arguments.rounds, "rounds)")
    for dialect in arguments.dialect or DIALECTS:
        for operation, micros in measure(dialect, arguments.rounds).items():
            print(f"{dialect:<10} {operation:<5} {micros:6.1f}", flush=True)


if __name__ == "__main__":
    main()
