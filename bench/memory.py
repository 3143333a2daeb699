"""`make bench-memory`: resident memory of the mock before and after 100,000 distinct queries, once settled.

The mock serves every dialect (`--dialect all`). It first answers `--settle` distinct list queries, which fill
every cache it has (replies, repeated requests, renderings, selections), and its resident memory is read; then
`--queries` more distinct queries, none seen before, spread over the dialects whose list takes a query, and it
is read again. Growth must stay under 10%: no cache of the mock may grow with the variety of requests.

Each query is sent `--times` times in a row (2): the memories of replies keep a reply from the second time its
request comes, so a query sent once would leave them empty, and sent twice it fills them and churns them as
fast as they can be churned.

    python -m bench.memory [--queries 100000] [--settle 10000] [--times 2] [--connections 16]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
from collections import Counter
from collections.abc import Iterator

import httpx

from bench import http1, queries
from bench.processes import HOST, free_port, mock_argv, read_rss_kib, running

MEMORY_GROWTH_LIMIT = 0.10


def stream(dialect: str, fixture: dict[str, object]) -> Iterator[tuple[str, str]]:
    """The dialect's list with one distinct query after another, each with the dialect's token."""
    listing = queries.read_operations(dialect)[0]
    params = fixture["params"]
    assert isinstance(params, dict)
    base = f"/{dialect}{listing.path(params)}"
    for query in queries.list_queries(listing, count=10**9, positions=10**6):
        yield f"{base}?{query}", str(fixture["token"])


def distinct_paths(fixtures: dict[str, dict[str, object]], times: int = 1) -> Iterator[tuple[str, str]]:
    """(path, token) pairs, each path `times` in a row and never again, taking turns between the dialects."""
    streams = [stream(dialect, fixture) for dialect, fixture in fixtures.items()]
    for batch in itertools.zip_longest(*streams):
        for pair in batch:
            if pair is not None:
                yield from itertools.repeat(pair, times)


async def send_all(port: int, pairs: Iterator[tuple[str, str]], count: int, connections: int) -> Counter[int]:
    """Send `count` requests from `pairs` over keep-alive connections; the statuses answered."""
    statuses: Counter[int] = Counter()
    todo = itertools.islice(pairs, count)

    async def worker() -> None:
        connection = http1.Connection(HOST, port, timeout=30)
        try:
            for path, token in todo:
                request = http1.get_request(HOST, port, path, {"Authorization": f"Bearer {token}"})
                statuses[(await connection.exchange(request)).status] += 1
        finally:
            await connection.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    return statuses


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__.splitlines()[0])
    cli.add_argument("--queries", type=int, default=100_000, help="distinct queries measured (100000)")
    cli.add_argument("--settle", type=int, default=10_000, help="distinct queries sent first (10000)")
    cli.add_argument("--times", type=int, default=2, help="times each query is sent, in a row (2)")
    cli.add_argument("--connections", type=int, default=16, help="keep-alive connections (16)")
    arguments = cli.parse_args(argv)
    if arguments.times < 1:
        cli.error("--times must be at least 1")
    port = free_port()
    argv_ = mock_argv("--dialect", "all", "--port", str(port))
    ready = lambda client: client.get("/__mock__/fixtures").status_code == 200  # noqa: E731
    with running(argv_, port, ready) as server:
        answer = httpx.get(f"{server.base_url}/__mock__/fixtures", trust_env=False).json()
        paged = {name: fixture for name, fixture in answer.items() if queries.read_operations(name)[0].query_parameters}
        times = arguments.times
        pairs = distinct_paths(paged, times)
        settled = asyncio.run(send_all(port, pairs, arguments.settle * times, arguments.connections))
        before = read_rss_kib(server.process.pid)
        measured = asyncio.run(send_all(port, pairs, arguments.queries * times, arguments.connections))
        after = read_rss_kib(server.process.pid)
    growth = after / before - 1
    statuses = ", ".join(f"{count} x {status}" for status, count in sorted((settled + measured).items()))
    sent = f"each sent {times} times in a row" if times > 1 else "each sent once"
    print(f"{arguments.settle + arguments.queries} distinct list queries over {', '.join(paged)}, {sent} ({statuses})")
    print(f"resident memory after the first {arguments.settle}: {before / 1024:.1f} MiB")
    print(f"after {arguments.queries} more: {after / 1024:.1f} MiB ({growth:+.1%}; limit +{MEMORY_GROWTH_LIMIT:.0%})")
    print(f"command: {server.command}")
    return 0 if growth < MEMORY_GROWTH_LIMIT and set(measured) == {200} else 1


if __name__ == "__main__":
    raise SystemExit(main())
