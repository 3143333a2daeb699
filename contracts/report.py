"""The human-readable output of a run: progress lines while it runs, then the summary and every failure."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TextIO

from contracts.outcomes import Finding, Outcome, Status, plural
from contracts.runner import Report
from contracts.target import Options, Target

__all__ = ["ConsoleObserver", "render_failure", "render_summary"]

LABELS = {Status.PASSED: "passed", Status.FAILED: "FAILED", Status.NOT_EXERCISED: "not exercised"}
SHOWN_FINDINGS = 3


class ConsoleObserver:
    """Prints each phase and each verdict as it happens."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout

    def started(self, target: Target, options: Options) -> None:
        spec = target.spec or f"specs/{target.dialect}.yaml"
        self.print(
            f"Checking {target.base_url} against the {target.dialect} contract ({spec}; seed {options.seed}, "
            f"up to {options.max_examples} examples per phase)"
        )

    def note(self, message: str) -> None:
        self.print(f"  {message}")

    def decided(self, outcome: Outcome) -> None:
        self.print(f"  {LABELS[outcome.status]:<14} {outcome.rule.name}")

    def print(self, line: str) -> None:
        print(line, file=self.stream, flush=True)


def render_summary(report: Report) -> str:
    return "\n".join(summary_lines(report))


def summary_lines(report: Report) -> Iterator[str]:
    counts = {status: sum(outcome.status is status for outcome in report.outcomes) for status in Status}
    yield ""
    yield (
        f"Summary: {counts[Status.PASSED]} passed, {counts[Status.FAILED]} failed, "
        f"{counts[Status.NOT_EXERCISED]} not exercised ({report.seconds:.1f} s)"
    )
    width = max((len(outcome.rule.name) for outcome in report.outcomes), default=0)
    for outcome in report.outcomes:
        yield f"  {LABELS[outcome.status]:<14} {outcome.rule.name:<{width}}  {outcome.detail}"
    if report.failures:
        yield ""
        yield "Failures"
        for number, outcome in enumerate(report.failures, start=1):
            yield from render_failure(outcome, number).splitlines()
    yield ""
    target, unexercised = report.target, len(report.unexercised)
    if not report.conforms:
        failed = plural(len(report.failures), "check")
        yield f"Verdict: {target.base_url} does NOT conform to the {target.dialect} contract: {failed} failed."
    elif unexercised:
        yield (
            f"Verdict: {target.base_url} broke no rule of the {target.dialect} contract, but "
            f"{plural(unexercised, 'check')} could not be exercised (see why above)."
        )
    else:
        yield f"Verdict: {target.base_url} conforms to the {target.dialect} contract: every applicable check passed."


def render_failure(outcome: Outcome, number: int = 1) -> str:
    """A failed check: the rule broken, then per violation what was expected, what came back, and a curl."""
    lines = [f"{number}) {outcome.rule.name}: {outcome.rule.statement}"]
    for item in outcome.findings[:SHOWN_FINDINGS]:
        lines += finding_lines(item)
    hidden = len(outcome.findings) - SHOWN_FINDINGS
    if hidden > 0:
        lines.append(f"   ... and {hidden} more")
    return "\n".join(lines)


def finding_lines(item: Finding) -> list[str]:
    actual = item.actual.splitlines() or [""]
    lines = [f"   expected:  {item.expected}", f"   got:       {actual[0]}"]
    lines += [f"              {line}" for line in actual[1:]]
    if item.curl:
        lines.append(f"   reproduce: {item.curl}")
    return lines
