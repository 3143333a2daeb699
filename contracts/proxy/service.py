"""The proxy put together: the judge and its worker thread, the reporter, the forwarding app, and the uvicorn
server that serves it (with no `Server` or `Date` header of its own: the client sees the upstream's).

    proxy = Proxy("b3os", Settings(upstream="https://staging.example.com"))
    proxy.server("127.0.0.1", 8080).run()     # until Ctrl-C, SIGTERM or `should_exit`
    proxy.stop()                               # judge what is queued; proxy.tally has the whole run
    proxy.coverage()                           # the operations and statuses the traffic exercised
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO

import uvicorn

from contracts.coverage.coverage import Coverage
from contracts.coverage.record import Exercised
from contracts.proxy.forwarding import Forwarder, Settings
from contracts.proxy.judge import Judge
from contracts.proxy.violations import Reporter, Tally
from contracts.proxy.worker import DEFAULT_CAPACITY, Worker

__all__ = ["Proxy"]

GRACE_SECONDS = 5


class Proxy:
    def __init__(
        self,
        dialect: str,
        settings: Settings,
        *,
        spec: Path | None = None,
        stream: TextIO | None = None,
        log: TextIO | None = None,
        capacity: int = DEFAULT_CAPACITY,
    ) -> None:
        self.dialect, self.settings = dialect, settings
        self.tally = Tally()
        judge = Judge.of_dialect(dialect, spec)
        self.exercised = Exercised(judge.spec)
        reporter = Reporter(self.tally, stream or sys.stdout, log)
        self.worker = Worker(judge, reporter, self.tally, capacity, self.exercised)
        self.forwarder = Forwarder(settings, self.worker.offer)
        self.started = time.monotonic()
        self.worker.start()

    def server(self, host: str, port: int) -> uvicorn.Server:
        config = uvicorn.Config(
            self.forwarder,
            host=host,
            port=port,
            log_level="warning",
            lifespan="on",
            server_header=False,
            date_header=False,
            timeout_graceful_shutdown=GRACE_SECONDS,
        )
        return uvicorn.Server(config)

    def coverage(self) -> Coverage:
        """What the traffic exercised of the spec: every operation counts (traffic may write), and no link is
        reported (traffic does not show which link a client followed)."""
        return self.exercised.coverage(writes_allowed=True, links_seen=False)

    def stop(self) -> float:
        """Judge what is still queued and count the upstream's failures; the seconds the proxy ran."""
        self.worker.stop()
        self.tally.upstream_failed = self.forwarder.failures.unreachable
        self.tally.upstream_cut = self.forwarder.failures.cut
        return time.monotonic() - self.started
