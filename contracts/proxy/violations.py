"""A violation as it is reported: one console line as it happens, one JSON line in `--log`, and the tally of
everything the proxy saw, which the summary, JUnit and Markdown reports are written from on stop.

Every text here comes from an exchange whose `secret` already masked its token, and the curl names the token's
environment variable, never its value.
"""

from __future__ import annotations

import json
import sys
import threading
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TextIO

__all__ = ["Reporter", "Tally", "Violation"]

KEPT_PER_RULE = 3
"""Violations kept per rule for the reports written on stop (the console and the log have every one)."""


@dataclass(frozen=True)
class Violation:
    rule: str
    operation: str
    """The operationId the request matched, or `METHOD /path` when it matched none."""
    request: str
    """`METHOD /path?query` as the client sent it."""
    expected: str
    actual: str
    answer: str
    """What came back: status, media type and the start of the body."""
    curl: str

    def line(self) -> str:
        return (
            f"VIOLATION {self.rule} [{self.operation}] {self.request}: {self.actual}; expected: {self.expected}; "
            f"answer: {self.answer}; reproduce: {self.curl}"
        )


@dataclass
class Tally:
    """Counts of the traffic: each field is written by one thread only (forwarding or judging)."""

    forwarded: int = 0
    judged: int = 0
    too_large: int = 0
    queue_full: int = 0
    judge_errors: int = 0
    last_judge_error: str = ""
    upstream_failed: int = 0
    upstream_cut: int = 0
    violations: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[Violation]] = field(default_factory=dict)

    @property
    def unjudged(self) -> int:
        return self.too_large + self.queue_full + self.judge_errors + self.upstream_failed + self.upstream_cut

    @property
    def total_violations(self) -> int:
        return sum(self.violations.values())


@dataclass
class Reporter:
    """Where violations go as they are found: the console, the JSON lines log, and the tally."""

    tally: Tally
    stream: TextIO = field(default_factory=lambda: sys.stdout)
    log: TextIO | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, violation: Violation) -> None:
        with self.lock:
            self.tally.violations[violation.rule] += 1
            kept = self.tally.examples.setdefault(violation.rule, [])
            if len(kept) < KEPT_PER_RULE:
                kept.append(violation)
            print(violation.line(), file=self.stream, flush=True)
            if self.log is not None:
                self.log.write(json.dumps({"violation": asdict(violation)}) + "\n")
                self.log.flush()
