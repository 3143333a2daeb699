"""Time to a verdict: `python -m contracts --allow-writes` against the mock, per dialect, otherwise with default
settings (the writes included, so every operation of the spec is in the time).

    python -m bench.verdict [--dialect NAME ...] [--rounds N]      (or: make bench-contracts)

The mock serves every dialect (`python -m mock_server --dialect all`, default settings) on CPU 0; each contract
run is a fresh process on CPU 1, timed from start to exit, as a CI job would run it. Each dialect's fixtures
give the token and `--param`s. The median of `--rounds` runs is reported, with the command and the exit status
(which must be 0: a verdict of "conforms").
"""

from __future__ import annotations

import argparse
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from bench.processes import ROOT, answers_ok, free_port, mock_argv, pinned, running
from workflow_runs_specs import DIALECTS

GOAL_SECONDS = 30.0


def contract_argv(dialect: str, base_url: str, fixture: dict[str, object]) -> list[str]:
    params = fixture["params"]
    assert isinstance(params, dict)
    pins = [f"--param={name}={value}" for name, value in params.items()]
    return [
        sys.executable,
        "-m",
        "contracts",
        "--dialect",
        dialect,
        "--base-url",
        f"{base_url}/{dialect}",
        "--token",
        str(fixture["token"]),
        *pins,
        "--allow-writes",
    ]


def timed(argv: list[str]) -> tuple[float, int]:
    started = time.monotonic()
    finished = subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    return time.monotonic() - started, finished.returncode


@dataclass(frozen=True)
class Measured:
    """One dialect's contract runs: the command, the seconds each took, and their exit statuses."""

    dialect: str
    command: str
    seconds: list[float]
    codes: set[int]

    @property
    def conforms(self) -> bool:
        return self.codes == {0}


def measure(dialects: Sequence[str], rounds: int) -> tuple[str, list[Measured]]:
    """The mock's command, and each dialect's contract runs against it."""
    port = free_port()
    with running(
        pinned(0, [*mock_argv("--dialect", "all", "--port", str(port))]), port, answers_ok("/__mock__/fixtures")
    ) as server:
        fixtures = httpx.get(f"{server.base_url}/__mock__/fixtures", timeout=10).json()
        measured = []
        for dialect in dialects:
            command = pinned(1, contract_argv(dialect, server.base_url, fixtures[dialect]))
            runs = [timed(command) for _ in range(rounds)]
            measured.append(Measured(dialect, shlex.join(command), [run[0] for run in runs], {run[1] for run in runs}))
        return server.command, measured


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m bench.verdict", description=__doc__.split("\n\n")[0])
    cli.add_argument("--dialect", action="append", choices=DIALECTS, help="only these dialects (repeatable)")
    cli.add_argument("--rounds", type=int, default=3, help="runs per dialect; the median is reported (default: 3)")
    arguments = cli.parse_args(argv)
    mock, measured = measure(arguments.dialect or list(DIALECTS), arguments.rounds)
    print(f"mock: {mock}")
    print(f"\n{'dialect':<10} {'seconds to a verdict (median)':>30}  {'runs':<24} exit  goal < {GOAL_SECONDS:.0f} s")
    failed = False
    for one in measured:
        median = statistics.median(one.seconds)
        verdict = "ok" if median < GOAL_SECONDS and one.conforms else "MISSED"
        failed |= verdict != "ok"
        shown = ", ".join(f"{value:.1f}" for value in one.seconds)
        print(f"{one.dialect:<10} {median:>30.1f}  {shown:<24} {','.join(map(str, sorted(one.codes))):<5} {verdict}")
    print("\ncommands:")
    for one in measured:
        print(f"  {one.command}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
