"""`make bench-startup`: seconds from `python -m mock_server --dialect all` starting in this checkout to serving.

Each run starts the mock as a new process (from the checkout, with the virtualenv's Python, not pinned to a CPU:
as a developer starts it) on a free loopback port and polls every 10 ms until `/__mock__/fixtures` answers and
then every dialect's list endpoint answers 200 with its demo token. Two figures, each the median of `--runs` (the two
kinds of start take turns):

- fresh: the checkout's compiled bytecode (`__pycache__` under mock_server/ and specs/) removed before each run,
  as after a fresh clone; the dependencies keep theirs, as pip compiled them when installing;
- warm: the bytecode in place, as every start after the first.

Each figure comes with the CPU time the server had used when it answered (median), which a machine busy with
other work changes much less than the elapsed time, and the report ends with the machine's load average before
and after the starts.

    python -m bench.startup [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench.processes import ROOT, free_port, mock_argv, start, wait_until
from bench.spec import list_path
from workflow_runs_specs import DIALECTS

FIXTURES = "/__mock__/fixtures"
OWN_PACKAGES = ("mock_server", "specs")
"""What `python -m mock_server` compiles from the checkout (contracts is never imported by the mock)."""


def remove_bytecode() -> None:
    for package in OWN_PACKAGES:
        for cache in (ROOT / package).rglob("__pycache__"):
            shutil.rmtree(cache, ignore_errors=True)


@contextmanager
def bytecode_written() -> Iterator[None]:
    """Servers started inside write their bytecode, as Python does unless told not to (PYTHONDONTWRITEBYTECODE)."""
    saved = os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["PYTHONDONTWRITEBYTECODE"] = saved


def every_dialect_answers(client: httpx.Client, fixtures: dict[str, Any]) -> bool:
    if not fixtures:
        answer = client.get(FIXTURES)
        if answer.status_code != 200:
            return False
        fixtures.update(answer.json())
    for name in DIALECTS:
        path = f"/{name}{list_path(name, fixtures[name]['params'])}"
        if client.get(path, headers={"Authorization": f"Bearer {fixtures[name]['token']}"}).status_code != 200:
            return False
    return True


@dataclass(frozen=True)
class Start:
    elapsed: float
    """Seconds from launching the process until every dialect answered 200."""
    cpu: float
    """Seconds of CPU the server had used by then: what a busy machine changes least."""


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process, from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def startup(*, fresh: bool) -> Start:
    """One start of the mock, from a checkout without bytecode when `fresh`."""
    if fresh:
        remove_bytecode()
    port = free_port()
    fixtures: dict[str, Any] = {}
    began = time.perf_counter()
    server = start(mock_argv("--dialect", "all", "--port", str(port)), port)
    try:
        wait_until(server, lambda client: every_dialect_answers(client, fixtures))
        return Start(time.perf_counter() - began, cpu_seconds(server.process.pid))
    finally:
        server.stop()
        server.stderr.close()


def load_average() -> float:
    """The machine's 1-minute load average: how much other work the figures shared the CPUs with."""
    return os.getloadavg()[0]


def report(label: str, starts: list[Start]) -> str:
    every = ", ".join(f"{start.elapsed:.2f}" for start in starts)
    cpu = statistics.median(start.cpu for start in starts)
    elapsed = statistics.median(start.elapsed for start in starts)
    return f"{label}: {elapsed:.2f} s, median of {len(starts)} ({every}); {cpu:.2f} s of CPU"


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__.splitlines()[0])
    cli.add_argument("--runs", type=int, default=3, help="starts of each kind, the median reported (default 3)")
    cli.add_argument("--warm-only", action="store_true", help="leave the checkout's bytecode alone")
    arguments = cli.parse_args(argv)
    if arguments.runs < 1:
        cli.error("--runs must be at least 1")
    command = " ".join(["python", *mock_argv("--dialect", "all", "--port", "PORT")[1:]])
    print(f"Startup of `{command}` in {ROOT} until all five dialects answer 200 (polled every 10 ms)")
    fresh: list[Start] = []
    warm: list[Start] = []
    load_before = load_average()
    with bytecode_written():
        startup(fresh=False)  # compiles what is not compiled yet, and warms the disk cache; not counted
        for _ in range(arguments.runs):
            # Taking turns, so a busy moment of the machine weighs on both figures alike.
            if not arguments.warm_only:
                fresh.append(startup(fresh=True))  # compiles and writes the bytecode for the next
            warm.append(startup(fresh=False))
    if fresh:
        print(report("fresh checkout", fresh))
    print(report("warm", warm))
    load = f"{load_before:.1f} before the starts, {load_average():.1f} after"
    print(f"load average (1 minute, {os.cpu_count()} CPUs): {load}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
