"""What `make bench` prints: the figures, the ratios next to their goals, the startup time, the commands."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from bench import wrk

MOCK = "mock"
VALIDATING = "mock --validate-responses"
BARE = "bare starlette"
PRISM = "prism"
# (numerator, denominator, goal): the mock's own targets, each a ratio of two servers measured in this run.
RATIOS = ((MOCK, BARE, 0.5), (MOCK, PRISM, 3.0), (VALIDATING, PRISM, 2.0))
STARTUP_GOAL = 1.0


@dataclass(frozen=True)
class Row:
    dialect: str
    server: str
    result: wrk.WrkResult | None
    server_command: str
    note: str = ""


def ratio_cell(rows: dict[str, Row], numerator: str, denominator: str, goal: float) -> str:
    top, bottom = rows.get(numerator), rows.get(denominator)
    if top is None or bottom is None or top.result is None or bottom.result is None:
        return "n/a"
    value = top.result.requests_per_second / bottom.result.requests_per_second
    return f"{value:.2f} {'ok' if value >= goal else 'MISSES'}"


def print_figures(rows: list[Row], load: wrk.Load) -> None:
    runs = f"{load.duration:g} s runs" if load.rounds == 1 else f"median of {load.rounds} runs of {load.duration:g} s"
    runs += f" taking turns between servers, after a {load.warmup:g} s warm-up"
    where = (
        f"wrk on CPU {load.cpu}, servers on CPU 0, loaded one at a time" if load.cpu is not None else "one shared CPU"
    )
    print(
        f"\nThroughput of the list endpoint (default page, valid token): wrk -t{load.threads} -c{load.connections}, "
        f"{runs}, {where}\n"
    )
    print(f"{'dialect':<10} {'server':<26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for row in rows:
        if row.result is None:
            print(f"{row.dialect:<10} {row.server:<26} {row.note}")
            continue
        result = row.result
        faults = [f"{result.non_2xx} non-2xx"] if result.non_2xx else []
        faults += [f"{count} socket {kind} errors" for kind, count in result.socket_errors.items()]
        flag = f"  ({', '.join(faults)})" if faults else ""
        print(
            f"{row.dialect:<10} {row.server:<26} {result.requests_per_second:>8.0f} "
            f"{result.p50_ms:>8.2f} {result.p99_ms:>8.2f}{flag}"
        )


def print_ratios(rows: list[Row]) -> None:
    headers = [f"{top}/{bottom} (goal >= {goal:g})" for top, bottom, goal in RATIOS]
    widths = [max(len(header), 12) for header in headers]
    print("\n" + f"{'dialect':<10} " + "  ".join(f"{h:<{w}}" for h, w in zip(headers, widths, strict=True)).rstrip())
    for dialect in dict.fromkeys(row.dialect for row in rows):
        by_server = {row.server: row for row in rows if row.dialect == dialect}
        cells = [ratio_cell(by_server, top, bottom, goal) for top, bottom, goal in RATIOS]
        print(f"{dialect:<10} " + "  ".join(f"{c:<{w}}" for c, w in zip(cells, widths, strict=True)).rstrip())


def print_startup(startups: list[tuple[float, str]]) -> None:
    if not startups:
        return
    seconds = [elapsed for elapsed, _ in startups]
    median = statistics.median(seconds)
    verdict = "ok" if median < STARTUP_GOAL else "MISSES"
    every = ", ".join(f"{elapsed:.2f}" for elapsed in seconds)
    print(
        f"\nStartup until all five dialects answer 200: {median:.2f} s, median of {len(seconds)} ({every}); "
        f"goal < {STARTUP_GOAL:g} s: {verdict}"
    )


def print_commands(rows: list[Row], startups: list[tuple[float, str]]) -> None:
    print("\nCommands")
    for row in rows:
        print(f"  {row.dialect} {row.server}:\n    {row.server_command}")
        if row.result is not None:
            print(f"    {row.result.command}")
    if startups:
        print(f"  startup (polled every 10 ms):\n    {startups[0][1]}")


def print_report(rows: list[Row], load: wrk.Load, startups: list[tuple[float, str]], others: float) -> None:
    if rows:
        print_figures(rows, load)
        print_ratios(rows)
    print_startup(startups)
    print(f"\nOther processes used about {others:.0%} of the CPUs during the run; more lowers and scatters figures")
    print_commands(rows, startups)
