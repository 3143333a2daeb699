"""The figures `make bench` writes into README.md, between its markers, as a Markdown table."""

from __future__ import annotations

import statistics
from pathlib import Path

from bench import wrk
from bench.report import BARE, MOCK, PRISM, VALIDATING, Row, Startup, groups, ratio

BEGIN = "<!-- bench:begin (written by make bench) -->"
END = "<!-- bench:end -->"


def figure(rows: dict[str, Row], server: str) -> str:
    row = rows.get(server)
    if row is None or row.result is None:
        return "n/a" if row is None else row.note
    return f"{row.result.requests_per_second:,.0f}"


def times(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def table(rows: list[Row], startup: Startup | None, load: wrk.Load, others: float, command: str) -> str:
    runs = f"{load.duration:g} s" if load.rounds == 1 else f"median of {load.rounds} runs of {load.duration:g} s"
    lines = [
        f"`{command}`: wrk -t{load.threads} -c{load.connections}, {runs} taking turns between the servers after a "
        f"{load.warmup:g} s warm-up, servers on CPU 0 and wrk on CPU 1; other processes used about {others:.0%} of "
        "the CPUs. Req/s; never-seen requests cycle through the number of distinct queries shown.",
        "",
        "| dialect | operation | load | mock | mock `--validate-responses` | bare Starlette, same bytes | Prism "
        "| mock / bare | mock / Prism | validating mock / Prism |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for (dialect, operation, load_name), by_server in groups(rows).items():
        distinct = by_server[MOCK].note.split(" ")[0] if by_server.get(MOCK) and by_server[MOCK].note else ""
        shown = f"{load_name} ({distinct})" if distinct else load_name
        cells = [figure(by_server, server) for server in (MOCK, VALIDATING, BARE, PRISM)]
        ratios = [
            times(ratio(by_server, top, bottom)) for top, bottom in ((MOCK, BARE), (MOCK, PRISM), (VALIDATING, PRISM))
        ]
        lines.append(f"| {dialect} | {operation} | {shown} | " + " | ".join(cells + ratios) + " |")
    if startup is not None and startup.mock:
        line = f"\nReady to serve: `--dialect all` {statistics.median(startup.mock):.2f} s"
        if startup.fresh is not None:
            line += f" ({startup.fresh:.2f} s on the first start after a clone, which writes the bytecode)"
        if startup.floor:
            line += f"; uvicorn serving one bare Starlette route {statistics.median(startup.floor):.2f} s"
        if startup.connexion_floor:
            line += f", one route through Connexion {statistics.median(startup.connexion_floor):.2f} s"
        if startup.sooner is not None:
            line += f"; Prism mocking one spec {statistics.median(startup.prism):.2f} s: {startup.sooner:.1f}x sooner"
            sooner = {"bare": startup.sooner_than_prism(startup.floor)}
            sooner["Connexion"] = startup.sooner_than_prism(startup.connexion_floor)
            floors = [f"the {name} route {times:.1f}x" for name, times in sooner.items() if times is not None]
            if floors:
                line += f" ({', '.join(floors)})"
        lines.append(line + f". Medians of {len(startup.mock)} starts each, taking turns.")
    return "\n".join(lines)


def write(readme: Path, text: str) -> None:
    """Replace what stands between the markers with `text`; the markers must be there."""
    content = readme.read_text(encoding="utf-8")
    before, begin, rest = content.partition(BEGIN)
    _, end, after = rest.partition(END)
    if not begin or not end:
        raise ValueError(f"{readme} has no {BEGIN} ... {END} section to write the figures into")
    readme.write_text(f"{before}{BEGIN}\n{text}\n{END}{after}", encoding="utf-8")
