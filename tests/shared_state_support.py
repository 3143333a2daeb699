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


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """A redis-server on a free loopback port, keeping nothing on disk, stopped afterwards: its redis:// address."""
    binary = shutil.which(REDIS_SERVER)
    if binary is None:
        pytest.fail("redis-server is missing: tools/install_redis.sh installs it (as .ci/run does)")
    port = free_port()
    with tempfile.TemporaryDirectory() as directory:
        arguments = ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        process = subprocess.Popen([binary, *arguments, "--dir", directory], stdout=subprocess.DEVNULL)
        try:
            client = redis.Redis(port=port)
            for _ in range(200):
                with contextlib.suppress(redis.ConnectionError):
                    client.ping()
                    break
                time.sleep(0.02)
            client.close()
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            process.terminate()
            process.wait(10)


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
