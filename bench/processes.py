"""The servers under test as subprocesses: start (optionally pinned to a CPU), wait until they answer, stop."""

from __future__ import annotations

import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def pinned(cpu: int | None, argv: list[str]) -> list[str]:
    """`argv` run on one CPU only; taskset execs the command, so the process id stays the server's."""
    if cpu is None or shutil.which("taskset") is None:
        return argv
    return ["taskset", "-c", str(cpu), *argv]


def mock_argv(*options: str) -> list[str]:
    return [sys.executable, "-m", "mock_server", *options]


def shown(path: Path) -> str:
    """`path` as a command line shows it: relative to the checkout when inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def read_rss_kib(pid: int) -> int:
    """Resident memory of a process in KiB, from /proc/PID/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")


@dataclass
class Server:
    argv: list[str]
    port: int
    process: subprocess.Popen[bytes]
    stderr: IO[bytes]

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def command(self) -> str:
        return shlex.join(self.argv)

    def rss_kib(self) -> int:
        return read_rss_kib(self.process.pid)

    def errors(self) -> str:
        self.stderr.seek(0)
        return self.stderr.read().decode(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(argv: list[str], port: int) -> Server:
    # A file rather than a pipe, which would block a chatty server once full; the caller closes it after stop().
    stderr = tempfile.TemporaryFile()  # noqa: SIM115
    process = subprocess.Popen(argv, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr)
    return Server(argv, port, process, stderr)


def wait_until(server: Server, answered: Callable[[httpx.Client], bool], timeout: float = 60.0) -> None:
    """Poll every 10 ms until `answered` holds; fail early when the process has died."""
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=server.base_url, timeout=2.0, trust_env=False) as client:
        while True:
            try:
                if answered(client):
                    return
            except httpx.TransportError:
                pass
            if server.process.poll() is not None:
                raise RuntimeError(
                    f"{server.command} exited with {server.process.returncode}: {server.errors()[-2000:]}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(f"{server.command} did not answer within {timeout:.0f} s")
            time.sleep(0.01)


@contextmanager
def running(argv: list[str], port: int, answered: Callable[[httpx.Client], bool]) -> Iterator[Server]:
    server = start(argv, port)
    try:
        wait_until(server, answered)
        yield server
    finally:
        server.stop()
        server.stderr.close()


def answers_ok(path: str, token: str | None = None) -> Callable[[httpx.Client], bool]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return lambda client: client.get(path, headers=headers).status_code == 200
