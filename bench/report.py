"""What `make bench` prints: the figures, the ratios next to their goals, the startup time, the commands."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from bench import wrk

MOCK = "mock"
VALIDATING = "mock --validate-responses"
BARE = "bare starlette"
PRISM = "prism"
# (numerator, denominator, goal): the mock's own targets, each a ratio of two servers measured in this run.
RATIOS = ((MOCK, BARE, 0.5), (MOCK, PRISM, 3.0), (VALIDATING, PRISM, 2.0))
STARTUP_GOAL = 4.0
"""How many times sooner than Prism mocking one spec the mock serves all five dialects."""


@dataclass(frozen=True)
class Row:
    dialect: str
    operation: str
    load: str
    server: str
    result: wrk.WrkResult | None
    server_command: str
    note: str = ""


def ratio(rows: dict[str, Row], numerator: str, denominator: str) -> float | None:
    top, bottom = rows.get(numerator), rows.get(denominator)
    if top is None or bottom is None or top.result is None or bottom.result is None:
        return None
    return top.result.requests_per_second / bottom.result.requests_per_second


def ratio_cell(rows: dict[str, Row], numerator: str, denominator: str, goal: float) -> str:
    value = ratio(rows, numerator, denominator)
    return "n/a" if value is None else f"{value:.2f} {'ok' if value >= goal else 'MISSES'}"


def groups(rows: list[Row]) -> dict[tuple[str, str, str], dict[str, Row]]:
    """The rows of each (dialect, operation, load), by server."""
    found: dict[tuple[str, str, str], dict[str, Row]] = {}
    for row in rows:
        found.setdefault((row.dialect, row.operation, row.load), {})[row.server] = row
    return found


def print_figures(rows: list[Row], load: wrk.Load) -> None:
    runs = f"{load.duration:g} s runs" if load.rounds == 1 else f"median of {load.rounds} runs of {load.duration:g} s"
    runs += f" taking turns between servers, after a {load.warmup:g} s warm-up"
    where = (
        f"wrk on CPU {load.cpu}, servers on CPU 0, loaded one at a time" if load.cpu is not None else "one shared CPU"
    )
    print(
        f"\nThroughput of each read operation (valid token), one request repeated and never-seen requests: "
        f"wrk -t{load.threads} -c{load.connections}, {runs}, {where}\n"
    )
    print(f"{'dialect':<10} {'operation':<5} {'load':<10} {'server':<26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for row in rows:
        where = f"{row.dialect:<10} {row.operation:<5} {row.load:<10} {row.server:<26}"
        if row.result is None:
            print(f"{where} {row.note}")
            continue
        result = row.result
        faults = [f"{result.non_2xx} non-2xx"] if result.non_2xx else []
        faults += [f"{count} socket {kind} errors" for kind, count in result.socket_errors.items()]
        flag = f"  ({', '.join(faults)})" if faults else ""
        print(f"{where} {result.requests_per_second:>8.0f} {result.p50_ms:>8.2f} {result.p99_ms:>8.2f}{flag}")


def print_ratios(rows: list[Row]) -> None:
    headers = [f"{top}/{bottom} (goal >= {goal:g})" for top, bottom, goal in RATIOS]
    widths = [max(len(header), 12) for header in headers]
    cells = "  ".join(f"{h:<{w}}" for h, w in zip(headers, widths, strict=True))
    print("\n" + f"{'dialect':<10} {'operation':<5} {'load':<10} " + cells.rstrip())
    for (dialect, operation, load), by_server in groups(rows).items():
        values = [ratio_cell(by_server, top, bottom, goal) for top, bottom, goal in RATIOS]
        line = "  ".join(f"{c:<{w}}" for c, w in zip(values, widths, strict=True))
        print(f"{dialect:<10} {operation:<5} {load:<10} " + line.rstrip())


@dataclass(frozen=True)
class Startup:
    mock: list[float]
    """Seconds until `--dialect all` served every dialect, each start (its bytecode written by an earlier one)."""
    prism: list[float]
    """Seconds until Prism mocking one spec answered, each start."""
    command: str
    prism_command: str
    fresh: float | None = None
    """Seconds of the mock's first start after a clone, which writes its bytecode."""
    floor: list[float] = field(default_factory=list)
    """Seconds until uvicorn serving one bare Starlette route answered, each start."""
    floor_command: str = ""
    connexion_floor: list[float] = field(default_factory=list)
    """Seconds until uvicorn serving one route through Connexion answered, each start."""
    connexion_command: str = ""

    def sooner_than_prism(self, starts: list[float]) -> float | None:
        """How many times sooner than Prism's the median of `starts` was (None without both)."""
        if not starts or not self.prism:
            return None
        return statistics.median(self.prism) / statistics.median(starts)

    @property
    def sooner(self) -> float | None:
        return self.sooner_than_prism(self.mock)


def print_startup(startup: Startup | None) -> None:
    if startup is None or not startup.mock:
        return
    every = ", ".join(f"{elapsed:.2f}" for elapsed in startup.mock)
    median = statistics.median(startup.mock)
    line = f"\nReady to serve all five dialects: {median:.2f} s, median of {len(startup.mock)} ({every})"
    if startup.fresh is not None:
        line += f"; the first start after a clone (no bytecode yet): {startup.fresh:.2f} s"
    if startup.floor:
        line += f"\nuvicorn serving one bare Starlette route (the floor): {statistics.median(startup.floor):.2f} s"
    if startup.connexion_floor:
        median_floor = statistics.median(startup.connexion_floor)
        line += f"; one route through Connexion (the floor with Connexion): {median_floor:.2f} s"
    if startup.sooner is not None:
        verdict = "ok" if startup.sooner >= STARTUP_GOAL else "MISSES"
        line += (
            f"\nPrism mocking one spec: {statistics.median(startup.prism):.2f} s; "
            f"the mock is {startup.sooner:.1f}x sooner (goal >= {STARTUP_GOAL:g}x): {verdict}"
        )
    floor, connexion_floor = (
        startup.sooner_than_prism(startup.floor),
        startup.sooner_than_prism(startup.connexion_floor),
    )
    if floor is not None:
        line += f"; the floor is {floor:.1f}x sooner"
    if connexion_floor is not None:
        line += f", the floor with Connexion {connexion_floor:.1f}x"
    print(line)


def print_commands(rows: list[Row], startup: Startup | None) -> None:
    print("\nCommands")
    for row in rows:
        print(f"  {row.dialect} {row.operation} {row.load} {row.server}:\n    {row.server_command}")
        if row.result is not None:
            print(f"    {row.result.command}")
    if startup is not None:
        commands = (startup.command, startup.floor_command, startup.connexion_command, startup.prism_command)
        print("  startup (polled every 10 ms):" + "".join(f"\n    {command}" for command in commands if command))


def print_report(rows: list[Row], load: wrk.Load, startup: Startup | None, others: float) -> None:
    if rows:
        print_figures(rows, load)
        print_ratios(rows)
    print_startup(startup)
    print(f"\nOther processes used about {others:.0%} of the CPUs during the run; more lowers and scatters figures")
    print_commands(rows, startup)
