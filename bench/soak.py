"""`make soak`: many connections for a minute over a mix of valid and invalid requests on every dialect.

    python -m bench.soak [--duration 60] [--connections 64] [--ci]

The mock (`python -m mock_server --dialect all --clock-speed 0`) runs as a subprocess on a free loopback port.
Each request of the mix is first made once, alone: its answer must have the expected status and match the spec.
Under load, every answer must then be that one again, byte for byte (headers but Date, and body but b3os' request
id, every answer's own). The run fails, exit status 1, on any 5xx, any dropped connection, any wrong answer, or
resident memory growing by 10% or more.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import time
from dataclasses import dataclass, replace

import httpx

from bench.http1 import Connection
from bench.processes import HOST, Server, answers_ok, free_port, mock_argv, running
from bench.soak_load import Plan, Tally, baseline, load
from bench.soak_mix import VALID, Probe, mix

MEMORY_GROWTH_LIMIT = 0.10
SETTLE_SECONDS = 2.0
CI_DURATION = 10.0


@dataclass(frozen=True)
class SoakOptions:
    duration: float = 60.0
    connections: int = 64
    max_requests: int = 10_000_000
    """A bound on the run besides its duration, whatever the speed of the machine."""
    timeout: float = 10.0
    """Seconds a request may take before its connection counts as dropped."""


@dataclass(frozen=True)
class Memory:
    """The server's VmRSS in KiB: after the single requests, at the start of the load (settled), at its end."""

    idle: int
    start: int
    end: int
    peak: int

    @property
    def growth(self) -> float:
        return (self.end - self.start) / self.start


@dataclass(frozen=True)
class Verdict:
    command: str
    options: SoakOptions
    probes: list[Probe]
    seconds: float
    tally: Tally
    memory: Memory
    server_alive: bool
    server_log: str

    @property
    def passed(self) -> bool:
        tally = self.tally
        clean = tally.server_errors == 0 and tally.dropped == 0 and tally.wrong == 0
        return clean and self.server_alive and tally.requests > 0 and self.memory.growth < MEMORY_GROWTH_LIMIT


async def peak_memory(server: Server, done: asyncio.Event) -> int:
    """The highest VmRSS of `server` sampled every half second until `done`."""
    peak = 0
    while not done.is_set():
        peak = max(peak, server.rss_kib())
        with contextlib.suppress(TimeoutError):  # the next sample is due
            await asyncio.wait_for(done.wait(), timeout=0.5)
    return peak


async def soak(server: Server, probes: list[Probe], options: SoakOptions) -> Verdict:
    tally = Tally()
    first = Connection(HOST, server.port, options.timeout)
    steps = await baseline(first, probes, server.port, tally)
    await first.close()
    rss_idle = server.rss_kib()
    done = asyncio.Event()
    watcher = asyncio.create_task(peak_memory(server, done))
    began = time.monotonic()
    plan = Plan(steps, began + options.duration, options.max_requests)
    connections = [Connection(HOST, server.port, options.timeout) for _ in range(options.connections if steps else 0)]
    loading = asyncio.gather(*(load(connection, plan, tally) for connection in connections))
    # The start is measured once the server holds every connection and has answered every request of the mix:
    # the memory that takes is its working set, not growth. Growth from there on is what a leak would show.
    await asyncio.wait([loading], timeout=min(SETTLE_SECONDS, options.duration / 5))
    rss_start = server.rss_kib()
    await loading
    seconds = time.monotonic() - began
    done.set()
    peak = await watcher
    alive = server.process.poll() is None
    rss_end = server.rss_kib() if alive else rss_start
    memory = Memory(rss_idle, rss_start, rss_end, max(peak, rss_end))
    return Verdict(server.command, options, probes, seconds, tally, memory, alive, server.errors())


def run(options: SoakOptions) -> Verdict:
    port = free_port()
    # A frozen clock: with it running, runs move through their lifecycle and an answer may rightly change between
    # the single request and the load, which would hide the wrong answers this run looks for.
    argv = mock_argv("--dialect", "all", "--port", str(port), "--clock-speed", "0")
    with running(argv, port, answers_ok("/__mock__/fixtures")) as server:
        fixtures = httpx.get(f"{server.base_url}/__mock__/fixtures", trust_env=False).json()
        return asyncio.run(soak(server, mix(fixtures), options))


def mib(kib: int) -> str:
    return f"{kib / 1024:.1f} MiB"


def print_verdict(verdict: Verdict) -> None:
    tally, options = verdict.tally, verdict.options
    valid = sum(probe.kind == VALID for probe in verdict.probes)
    dialects = len({probe.dialect for probe in verdict.probes})
    rate = tally.requests / verdict.seconds if verdict.seconds else 0.0
    print(f"server: {verdict.command}")
    print(
        f"load: {options.connections} connections for {verdict.seconds:.1f} s over {len(verdict.probes)} requests "
        f"({valid} valid, {len(verdict.probes) - valid} invalid) on {dialects} dialects"
    )
    served = f"{tally.served[VALID]} valid, {tally.served['invalid']} invalid"
    print(f"requests served  {tally.requests} ({rate:.0f}/s): {served}")
    print(f"5xx              {tally.server_errors}")
    print(f"dropped          {tally.dropped}")
    print(f"wrong answers    {tally.wrong}")
    memory = verdict.memory
    print(
        f"memory (VmRSS)   {mib(memory.idle)} before the load, {mib(memory.start)} once settled (start), "
        f"{mib(memory.end)} at end: {memory.growth:+.1%} (limit +{MEMORY_GROWTH_LIMIT:.0%}); peak {mib(memory.peak)}"
    )
    if not verdict.server_alive:
        print("the server exited during the run")
    for example in tally.examples:
        print(f"  {example}")
    if verdict.server_log.strip() and not verdict.passed:
        print("server stderr (last lines):\n" + "\n".join(verdict.server_log.splitlines()[-20:]))
    print(f"verdict: {'PASS' if verdict.passed else 'FAIL'}")


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.splitlines()[0])
    cli.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60)")
    cli.add_argument("--connections", type=int, default=64, help="concurrent connections (default 64)")
    cli.add_argument("--max-requests", type=int, default=SoakOptions.max_requests, help="stop after this many")
    cli.add_argument("--ci", action="store_true", help=f"the short version CI runs: {CI_DURATION:g} s")
    arguments = cli.parse_args(argv)
    options = SoakOptions(arguments.duration, arguments.connections, arguments.max_requests)
    if arguments.ci:
        options = replace(options, duration=CI_DURATION)
    verdict = run(options)
    print_verdict(verdict)
    return 0 if verdict.passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
