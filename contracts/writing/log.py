"""What a run that allows writes did to the target: every write sent (method, path, status, who sent it), the
runs it created, and those it cancelled after::

    log = WriteLog()
    log.record("POST", "http://x/v1/workflows/wf_1/run", 200, WRITE_CHECKS)
    log.created.append("run_x")
    log.describe()      # 'writes: created 1 run: run_x'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from contracts.core.outcomes import plural

__all__ = ["WRITE_CHECKS", "SentWrite", "WriteLog"]

WRITE_CHECKS = "write checks"
"""Who sent a write, in the log, when not the schema phase (whose phases name theirs)."""


@dataclass(frozen=True)
class SentWrite:
    method: str
    path: str
    status: int | None
    """None when no answer came."""
    by: str
    """The write checks, or the phase of the schema phase that sent it."""


@dataclass
class WriteLog:
    """What a run that allows writes did to the target: the runs it created, and those it cancelled after."""

    created: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    """Runs the cancel after did not reach (the server stopped answering, or refused)."""
    sent: list[SentWrite] = field(default_factory=list)
    """Every write sent to the target, in order."""

    def record(self, method: str, url: str, status: int | None, by: str) -> None:
        self.sent.append(SentWrite(method.upper(), unquote(urlsplit(url).path), status, by))

    def describe(self) -> str:
        if not self.created:
            return "writes: no run created"
        cancelled = f"; cancelled after: {', '.join(self.cancelled)}" if self.cancelled else ""
        left = f"; could not cancel: {', '.join(self.left)}" if self.left else ""
        return f"writes: created {plural(len(self.created), 'run')}: {', '.join(self.created)}{cancelled}{left}"

    def listing(self) -> list[str]:
        """Every write sent, one line per method, path and status, with how many times, in the order first sent."""
        if not self.sent:
            return ["writes sent: none"]
        times = Counter((write.method, write.path, write.status) for write in self.sent)
        lines = [f"writes sent ({len(self.sent)}; method, path, status, times):"]
        for (method, path, status), count in times.items():
            lines.append(
                f"  {method} {path} {'no answer' if status is None else status}{f' x{count}' if count > 1 else ''}"
            )
        return lines
