"""Judging behind the traffic: a bounded queue the forwarding app drops exchanges into without waiting, and one
thread that judges them in order. A full queue, a body over the limit or an error of the judge counts the
exchange as unjudged; nothing the client waits for ever waits on the judge."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

from contracts.coverage.record import Exercised
from contracts.proxy.exchange import Exchange
from contracts.proxy.judge import Judge
from contracts.proxy.violations import Tally, Violation

__all__ = ["Worker"]

DEFAULT_CAPACITY = 1_000
STOP = None
JUDGED_BY = ("the proxy's rules",)
"""What judged each exchange, in the coverage: every rule of the proxy that applies to it."""


class Worker:
    def __init__(
        self,
        judge: Judge,
        report: Callable[[Violation], None],
        tally: Tally,
        capacity: int = DEFAULT_CAPACITY,
        exercised: Exercised | None = None,
    ) -> None:
        self.judge, self.report, self.tally = judge, report, tally
        self.exercised = exercised
        """Told each exchange judged: the coverage of the traffic."""
        self.queue: queue.Queue[Exchange | None] = queue.Queue(capacity)
        self.thread = threading.Thread(target=self.run, name="proxy-judge", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def offer(self, exchange: Exchange) -> None:
        """Called by the forwarding app once the client has its answer; never blocks."""
        self.tally.forwarded += 1
        if not exchange.complete:
            self.tally.too_large += 1
            return
        try:
            self.queue.put_nowait(exchange)
        except queue.Full:
            self.tally.queue_full += 1

    def run(self) -> None:
        while (exchange := self.queue.get()) is not STOP:
            try:
                violations = self.judge.judge(exchange)
            except Exception as error:  # a bug of the judge must not stop the judging of what follows
                self.tally.judge_errors += 1
                self.tally.last_judge_error = f"{type(error).__name__}: {error}"
                continue
            self.tally.judged += 1
            if self.exercised is not None:
                self.exercised.exchange(exchange.method, exchange.path, exchange.status, JUDGED_BY)
            for violation in violations:
                self.report(violation)

    def stop(self, timeout: float = 30.0) -> None:
        """Judge what is queued, then end the thread (waiting at most `timeout` seconds)."""
        if not self.thread.is_alive():
            return
        try:
            self.queue.put(STOP, timeout=timeout)
        except queue.Full:
            return
        self.thread.join(timeout)
