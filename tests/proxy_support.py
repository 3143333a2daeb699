"""Running the validating proxy in front of an upstream inside a test, on a free loopback port."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from contracts.proxy.forwarding import Settings
from contracts.proxy.service import Proxy
from mock_server.testing import free_port


@dataclass
class Running:
    url: str
    proxy: Proxy
    console: io.StringIO

    def finish(self) -> None:
        """Judge what is queued (the tally then has every exchange)."""
        self.proxy.stop()


@contextmanager
def proxying(dialect: str, upstream: str, **settings: object) -> Iterator[Running]:
    """The proxy for `dialect` in front of `upstream`; stopped (and its queue judged) on exit."""
    console = io.StringIO()
    proxy = Proxy(dialect, Settings(upstream=upstream, **settings), stream=console)  # type: ignore[arg-type]
    port = free_port()
    server = proxy.server("127.0.0.1", port)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the proxy did not start")
        time.sleep(0.01)
    running = Running(f"http://127.0.0.1:{port}", proxy, console)
    try:
        yield running
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        proxy.stop()
