"""Running wrk and reading its report: requests/s, latency percentiles, and anything that was not a 2xx."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
LATENCY = re.compile(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Load:
    """How hard wrk pushes: one thread per core it is given, so the defaults suit wrk alone on one core."""

    duration: float = 5.0
    rounds: int = 3
    warmup: float = 2.0
    connections: int = 64
    threads: int = 1
    cpu: int | None = 1


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: dict[str, int]
    """wrk's nonzero counts of connect, read, write and timeout errors."""
    command: str

    @property
    def clean(self) -> bool:
        """Every response was a 2xx over an intact socket: the figure measures the endpoint, not its errors."""
        return self.requests > 0 and self.non_2xx == 0 and not self.socket_errors


def available() -> bool:
    return shutil.which("wrk") is not None


def command(url: str, token: str, load: Load, seconds: float, script: Path | None = None) -> list[str]:
    argv = [
        "wrk",
        f"-t{load.threads}",
        f"-c{load.connections}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
        "-H",
        f"Authorization: Bearer {token}",
        *(["-s", str(script)] if script is not None else []),
        url,
    ]
    return ["taskset", "-c", str(load.cpu), *argv] if load.cpu is not None and shutil.which("taskset") else argv


def socket_line(report: str) -> str:
    return report.partition("Socket errors:")[2].partition("\n")[0]


def parse(report: str, argv: list[str]) -> WrkResult:
    latencies = {percent: float(value) * UNITS[unit] for percent, value, unit in LATENCY.findall(report)}
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", report, re.MULTILINE)
    total = re.search(r"^\s*(\d+) requests in", report, re.MULTILINE)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", report)
    errors = dict(re.findall(r"(connect|read|write|timeout) (\d+)", socket_line(report)))
    if rate is None or total is None or not {"50", "99"} <= latencies.keys():
        raise RuntimeError(f"unreadable wrk report of {shlex.join(argv)}:\n{report}")
    return WrkResult(
        requests_per_second=float(rate.group(1)),
        p50_ms=latencies["50"],
        p99_ms=latencies["99"],
        requests=int(total.group(1)),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors={kind: int(count) for kind, count in errors.items() if int(count)},
        command=shlex.join(argv),
    )


def measure(url: str, token: str, load: Load, warm_up: bool, script: Path | None = None) -> WrkResult:
    """The measured run, after a discarded one when `warm_up` (lazy caches, Node's JIT); `script` is a wrk
    Lua script choosing each request's path."""
    if warm_up and load.warmup > 0:
        subprocess.run(command(url, token, load, load.warmup, script), capture_output=True, check=True)
    argv = command(url, token, load, load.duration, script)
    finished = subprocess.run(argv, capture_output=True, text=True, check=True)
    # The report shows the command, never the token it carried.
    return parse(finished.stdout, [part.replace(token, "$TOKEN") for part in argv])
