"""`make bench-shared`: the mock sharing its state on Redis (`--state`) beside the mock alone, in one run.

A redis-server (Debian's, from PATH) is started on a free loopback port with nothing kept on disk, and mocks on it,
each on the database emptied:

- never-seen reads: distinct list queries (`bench.memory`'s, over every dialect) per second through one worker,
  in memory and with `--state`, and their ratio (the goal is at least 0.7);
- writes per second: b3os triggers sent at once through one mock of two workers (`--workers 2 --state`);
- read-your-writes lag: a run triggered through one mock process, then polled through another on the same Redis
  until it answers 200; the time from the write's answer to that 200, its median and 99th percentile;
- memory: resident memory of one mock with `--sandbox-idle` short, before `--sandboxes` sandboxes are made (one
  list request each), after, and once they have expired (a request naming a new sandbox drops the idle ones),
  in memory and with `--state`.

    python -m bench.shared_state [--reads 5000] [--writes 2000] [--lags 500] [--sandboxes 1000] [--connections 8]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator

import httpx
import redis

from bench import memory, queries
from bench.processes import HOST, Server, free_port, mock_argv, running

SANDBOX_HEADER = "X-Mock-Sandbox"
IDLE_SECONDS = 5
READ_RATIO_GOAL = 0.7


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """A redis-server on a free loopback port, nothing kept on disk, stopped afterwards: its redis:// address."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is missing: tools/install_redis.sh installs it")
    port = free_port()
    with tempfile.TemporaryDirectory() as directory:
        arguments = ["--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no", "--dir", directory]
        process = subprocess.Popen([binary, *arguments], stdout=subprocess.DEVNULL)
        try:
            with redis.Redis(host=HOST, port=port) as client:
                for _ in range(200):
                    with contextlib.suppress(redis.ConnectionError):
                        client.ping()
                        break
                    time.sleep(0.05)
            yield f"redis://{HOST}:{port}/0"
        finally:
            process.terminate()
            process.wait(10)


def emptied(state: str) -> tuple[str, str]:
    """`--state` on the bench's Redis, emptied first: each figure is measured from a fresh data set."""
    with redis.Redis.from_url(state) as client:
        client.flushdb()
    return ("--state", state)


@contextlib.contextmanager
def mock(*options: str) -> Iterator[Server]:
    port = free_port()
    argv = mock_argv("--port", str(port), "--quiet", "--clock-speed", "0", *options)
    with running(argv, port, lambda client: client.get("/__mock__/fixtures").status_code == 200) as server:
        yield server


def fixtures(server: Server, sandbox: str | None = None) -> dict[str, dict[str, object]]:
    headers = {SANDBOX_HEADER: sandbox} if sandbox else {}
    answer: dict[str, dict[str, object]] = httpx.get(
        f"{server.base_url}/__mock__/fixtures", headers=headers, trust_env=False
    ).json()
    return answer


def never_seen_reads(server: Server, count: int, connections: int) -> float:
    """Distinct list queries answered per second (each answered 200, or the bench stops)."""
    paged = {name: f for name, f in fixtures(server).items() if queries.read_operations(name)[0].query_parameters}
    started = time.perf_counter()
    statuses = asyncio.run(memory.send_all(server.port, memory.distinct_paths(paged), count, connections))
    elapsed = time.perf_counter() - started
    if set(statuses) != {200}:
        raise SystemExit(f"never-seen reads on {server.command}: {dict(statuses)}")
    return count / elapsed


def b3os_write(fixture: dict[str, object]) -> tuple[str, dict[str, str]]:
    """The b3os trigger of the demo workflow (of a mock serving b3os alone, at `/`), and its headers."""
    params = fixture["params"]
    assert isinstance(params, dict)
    return f"/v1/workflows/{params['id']}/run", {"Authorization": f"Bearer {fixture['token']}"}


async def send_writes(base_url: str, fixture: dict[str, object], count: int, connections: int) -> float:
    """`count` b3os triggers over `connections` at once: writes answered 200 per second."""
    path, headers = b3os_write(fixture)
    todo = iter(range(count))
    refused: list[int] = []

    async def worker(client: httpx.AsyncClient) -> None:
        for _ in todo:
            status = (await client.post(path, json={}, headers=headers)).status_code
            if status != 200:
                refused.append(status)

    limits = httpx.Limits(max_connections=connections)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, trust_env=False, timeout=30) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(connections)))
        elapsed = time.perf_counter() - started
    if refused:
        raise SystemExit(f"writes refused through {base_url}: {sorted(set(refused))}")
    return count / elapsed


def lags(writer: Server, reader: Server, count: int) -> list[float]:
    """Seconds from a write's answer through `writer` to the first 200 for its run through `reader`."""
    path, headers = b3os_write(fixtures(writer)["b3os"])
    measured = []
    with (
        httpx.Client(base_url=writer.base_url, trust_env=False) as first,
        httpx.Client(base_url=reader.base_url, trust_env=False) as second,
    ):
        for _ in range(count):
            answer = first.post(path, json={}, headers=headers)
            answered = time.perf_counter()
            run = f"/v1/runs/{answer.json()['data']['runId']}"
            while second.get(run, headers=headers).status_code != 200:
                pass
            measured.append(time.perf_counter() - answered)
    return measured


def idle_sandboxes(server: Server, count: int) -> tuple[int, int, int]:
    """Resident memory (KiB) before `count` sandboxes are made, after, and once they have expired."""
    fixture = fixtures(server)["b3os"]
    params = fixture["params"]
    assert isinstance(params, dict)
    path = f"/v1/workflows/{params['id']}/runs"
    headers = {"Authorization": f"Bearer {fixture['token']}"}
    with httpx.Client(base_url=server.base_url, trust_env=False, timeout=30) as client:
        assert client.get(path, headers=headers).status_code == 200
        before = server.rss_kib()
        for number in range(count):
            answer = client.get(path, headers={**headers, SANDBOX_HEADER: f"idle-{number}"})
            if answer.status_code != 200:
                raise SystemExit(f"sandbox {number} on {server.command}: {answer.status_code} {answer.text}")
        made = server.rss_kib()
        time.sleep(IDLE_SECONDS + 1)
        assert client.get(path, headers={**headers, SANDBOX_HEADER: "after-expiry"}).status_code == 200
        expired = server.rss_kib()
    return before, made, expired


def mib(kib: int) -> str:
    return f"{kib / 1024:.1f} MiB"


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m bench.shared_state", description=__doc__.splitlines()[0])
    cli.add_argument("--reads", type=int, default=5000, help="never-seen reads per mock (5000)")
    cli.add_argument("--writes", type=int, default=2000, help="writes through two workers (2000)")
    cli.add_argument("--lags", type=int, default=500, help="writes whose read-your-writes lag is measured (500)")
    cli.add_argument("--sandboxes", type=int, default=1000, help="idle sandboxes made (1000)")
    cli.add_argument("--connections", type=int, default=8, help="connections at once for reads and writes (8)")
    arguments = cli.parse_args(argv)
    if min(arguments.reads, arguments.writes, arguments.lags, arguments.sandboxes, arguments.connections) < 1:
        cli.error("every count must be at least 1")
    reads, connections = arguments.reads, arguments.connections
    with redis_server() as state:
        with mock("--dialect", "all") as alone:
            in_memory = never_seen_reads(alone, reads, connections)
        with mock("--dialect", "all", *emptied(state)) as on_redis:
            with_state = never_seen_reads(on_redis, reads, connections)
            command = on_redis.command.replace(state, "redis://HOST:PORT/0")
        print(f"never-seen reads, one worker: in memory {in_memory:.0f}/s, --state redis {with_state:.0f}/s")
        print(f"  ratio {with_state / in_memory:.2f}x (goal >= {READ_RATIO_GOAL}x); {command}")
        with mock("--dialect", "b3os", "--workers", "2", *emptied(state)) as workers:
            rate = asyncio.run(send_writes(workers.base_url, fixtures(workers)["b3os"], arguments.writes, connections))
        print(f"writes, --state redis, two workers: {rate:.0f}/s ({arguments.writes} b3os triggers)")
        shared = emptied(state)
        with mock("--dialect", "b3os", *shared) as writer, mock("--dialect", "b3os", *shared) as reader:
            measured = sorted(lags(writer, reader, arguments.lags))
        p99 = measured[min(len(measured) - 1, round(0.99 * len(measured)))]
        print(
            f"read-your-writes lag (write on A, poll B), {len(measured)} writes: "
            f"median {statistics.median(measured) * 1000:.2f} ms, p99 {p99 * 1000:.2f} ms"
        )
        for label, redis_kept in (("in memory", False), ("--state redis", True)):
            options = ("--sandbox-idle", str(IDLE_SECONDS), *(emptied(state) if redis_kept else ()))
            with mock("--dialect", "b3os", *options) as server:
                before, made, expired = idle_sandboxes(server, arguments.sandboxes)
            print(
                f"memory, {arguments.sandboxes} idle sandboxes, {label}: {mib(before)} before, {mib(made)} made "
                f"(+{(made - before) / arguments.sandboxes:.1f} KiB each), {mib(expired)} once expired"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
