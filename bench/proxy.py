"""`make bench-proxy`: what the validating proxy costs a client, side by side with Prism's proxy.

Three servers pinned to CPU 0: the mock (`--dialect b3os`), `workflow-runs-contracts proxy` in front of it, and
`prism proxy` in front of it (Prism's defaults). Throughput: `wrk --latency` from CPU 1 on the demo list (one
request repeated), a warm-up run then `--rounds` runs taking turns, the median reported, for the mock itself and
each proxy. Overhead: a fixed rate of `--rate` requests/s for `--seconds` over 4 keep-alive connections, sent from
this process on CPU 1 straight to the mock and through each proxy in turn; the median and 99th percentile
latency of each, and what each proxy adds at the median.

    python -m bench.proxy [--duration 5] [--rounds 3] [--rate 200] [--seconds 10] [--connections 64]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import replace

import httpx

from bench import http1, prism, wrk
from bench.machine import OtherLoad
from bench.processes import HOST, Server, answers_ok, free_port, mock_argv, pinned, running
from bench.spec import list_path
from workflow_runs_specs import spec_path

DIALECT = "b3os"
SERVER_CPU = 0
THROUGHPUT_GOAL = 3.0
OVERHEAD_GOAL_MS = 1.0
FIXED_RATE_CONNECTIONS = 4
MOCK, OURS, PRISM = "mock (no proxy)", "contracts proxy", "prism proxy"


def serve(stack: ExitStack, argv_on: Callable[[int], list[str]], answered: Callable[[httpx.Client], bool]) -> Server:
    port = free_port()
    return stack.enter_context(running(pinned(SERVER_CPU, argv_on(port)), port, answered))


def proxy_argv(upstream: str) -> Callable[[int], list[str]]:
    command = [sys.executable, "-m", "contracts", "proxy", "--dialect", DIALECT, "--upstream", upstream]
    return lambda port: [*command, "--port", str(port)]


def prism_argv(upstream: str) -> Callable[[int], list[str]]:
    return lambda port: [str(prism.BINARY), "proxy", str(spec_path(DIALECT)), upstream, "-p", str(port)]


async def fixed_rate(port: int, path: str, token: str, rate: float, seconds: float) -> list[float]:
    """Milliseconds of each request sent at `rate` per second (open loop: a slow answer does not slow the
    schedule), over a few keep-alive connections taking requests in turn."""
    request = http1.get_request(HOST, port, path, {"Authorization": f"Bearer {token}"})
    connections = [http1.Connection(HOST, port, timeout=30) for _ in range(FIXED_RATE_CONNECTIONS)]
    locks = [asyncio.Lock() for _ in connections]
    latencies: list[float] = []

    async def one(index: int) -> None:
        async with locks[index % len(connections)]:
            began = time.perf_counter()
            answer = await connections[index % len(connections)].exchange(request)
            if answer.status != 200:
                raise RuntimeError(f"answered {answer.status}: {answer.body[:200]!r}")
            latencies.append((time.perf_counter() - began) * 1000)

    start, tasks = time.perf_counter(), []
    for index in range(int(rate * seconds)):
        await asyncio.sleep(max(0.0, start + index / rate - time.perf_counter()))
        tasks.append(asyncio.create_task(one(index)))
    await asyncio.gather(*tasks)
    for connection in connections:
        await connection.close()
    return latencies


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m bench.proxy", description=__doc__.splitlines()[0])
    cli.add_argument("--duration", type=float, default=5.0, help="seconds of each measured wrk run (default 5)")
    cli.add_argument("--rounds", type=int, default=3, help="measured wrk runs per server, the median reported (3)")
    cli.add_argument("--warmup", type=float, default=2.0, help="seconds of a discarded first wrk run (default 2)")
    cli.add_argument("--connections", type=int, default=64, help="wrk connections (default 64)")
    cli.add_argument("--rate", type=float, default=200.0, help="requests/s of the overhead load (default 200)")
    cli.add_argument("--seconds", type=float, default=10.0, help="seconds of each overhead load (default 10)")
    arguments = cli.parse_args(argv)
    load = wrk.Load(arguments.duration, arguments.rounds, arguments.warmup, arguments.connections)
    others = OtherLoad()
    if len(os.sched_getaffinity(0)) > 1:
        os.sched_setaffinity(0, {1})  # this process sends the fixed-rate load: off the servers' core
    else:
        load = replace(load, cpu=None)
    with ExitStack() as stack:
        mock = serve(
            stack, lambda port: mock_argv("--dialect", DIALECT, "--port", str(port)), answers_ok("/__mock__/fixtures")
        )
        fixture = httpx.get(mock.base_url + "/__mock__/fixtures", trust_env=False).json()[DIALECT]
        token, path = fixture["token"], list_path(DIALECT, fixture["params"])
        ready = answers_ok(path, token)
        servers = {MOCK: mock, OURS: serve(stack, proxy_argv(mock.base_url), ready)}
        if prism.available():
            servers[PRISM] = serve(stack, prism_argv(mock.base_url), ready)
        else:
            print("Prism not found in bench/.node (make bench installs it with npm): Prism comparison skipped")
        report(servers, path, token, load, arguments)
    print(f"other processes used about {others.share():.0%} of the CPUs meanwhile")
    return 0


def median_rate(results: list[wrk.WrkResult]) -> wrk.WrkResult | None:
    return sorted(results, key=lambda result: result.requests_per_second)[(len(results) - 1) // 2] if results else None


def report(servers: dict[str, Server], path: str, token: str, load: wrk.Load, arguments: argparse.Namespace) -> None:
    rates: dict[str, list[wrk.WrkResult]] = {label: [] for label in servers}
    if wrk.available():
        for round_ in range(load.rounds):
            for label, server in servers.items():
                rates[label].append(wrk.measure(server.base_url + path, token, load, round_ == 0))
    else:
        print("wrk not found (make bench installs it): throughput not measured")
    rate, seconds = arguments.rate, arguments.seconds
    latencies = {
        label: asyncio.run(fixed_rate(server.port, path, token, rate, seconds)) for label, server in servers.items()
    }
    print(
        f"\nb3os demo list, servers on CPU {SERVER_CPU}, load on CPU 1; wrk -t1 -c{load.connections}, median of "
        f"{load.rounds} runs of {load.duration:g} s; then {rate:g} req/s for {seconds:g} s over "
        f"{FIXED_RATE_CONNECTIONS} connections\n"
    )
    print(f"{'server':<18} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}   {'p50 ms':>8} {'p99 ms':>8} {'adds p50':>9}")
    base = statistics.median(latencies[MOCK])
    for label in servers:
        median, fixed = median_rate(rates[label]), latencies[label]
        measured = (
            f"{median.requests_per_second:>9.0f} {median.p50_ms:>8.2f} {median.p99_ms:>8.2f}"
            if median
            else f"{'-':>9} {'-':>8} {'-':>8}"
        )
        at_rate = f"{statistics.median(fixed):>8.2f} {percentile(fixed, 0.99):>8.2f}"
        print(f"{label:<18} {measured}   {at_rate} {statistics.median(fixed) - base:>9.2f}")
    for label, server in servers.items():
        print(f"  {label}: {server.command}")
    ours, theirs = median_rate(rates[OURS]), median_rate(rates.get(PRISM, []))
    if ours is not None and theirs is not None:
        ratio = ours.requests_per_second / theirs.requests_per_second
        verdict = "ok" if ratio >= THROUGHPUT_GOAL else "MISSES"
        print(f"\n{OURS} / {PRISM}: {ratio:.2f}x the req/s ({verdict}: the goal is {THROUGHPUT_GOAL:g}x)")
    added = statistics.median(latencies[OURS]) - base
    verdict = "ok" if added < OVERHEAD_GOAL_MS else "MISSES"
    goal = f"{verdict}: the goal is under {OVERHEAD_GOAL_MS:g} ms"
    print(f"{OURS} adds {added:.2f} ms at the median at {rate:g} req/s ({goal})")


if __name__ == "__main__":
    raise SystemExit(main())
