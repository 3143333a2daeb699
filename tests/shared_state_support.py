"""A real redis-server for the tests of `--state`, and mock processes started on it."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator

import httpx
import pytest
import redis

from mock_server.testing import free_port

REDIS_SERVER = "redis-server"


class RedisServer:
    """A redis-server on a free loopback port, its files in `directory`; stopped and started again on that port."""

    def __init__(self, directory: str, persistent: bool = False) -> None:
        binary = shutil.which(REDIS_SERVER)
        if binary is None:
            pytest.fail("redis-server is missing: tools/install_redis.sh installs it (as .ci/run does)")
        self.port = free_port()
        appendonly = "yes" if persistent else "no"
        self.command = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--dir", directory]
        self.command += ["--appendonly", appendonly, "--appendfsync", "always"]
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start it, and wait until it answers."""
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL)
        with redis.Redis(port=self.port) as client:
            for _ in range(200):
                with contextlib.suppress(redis.ConnectionError, redis.BusyLoadingError):
                    client.ping()
                    return
                time.sleep(0.02)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


@contextlib.contextmanager
def redis_server(persistent: bool = False) -> Iterator[RedisServer]:
    """A started `RedisServer` (its log kept on disk in a temp dir when `persistent`), stopped afterwards."""
    with tempfile.TemporaryDirectory() as directory:
        server = RedisServer(directory, persistent)
        server.start()
        try:
            yield server
        finally:
            server.stop()


@contextlib.contextmanager
def mock_process(*arguments: str) -> Iterator[str]:
    """`python -m mock_server` with `arguments` on a free port, answering: its base URL; stopped afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "mock_server", "--port", str(port), *arguments]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(400):
            with contextlib.suppress(httpx.TransportError):
                httpx.get(f"{base}/__mock__/fixtures", timeout=1)
                break
            assert process.poll() is None, f"the mock exited: {process.stderr.read() if process.stderr else ''}"
            time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(20)
        if process.stderr is not None:
            process.stderr.close()
