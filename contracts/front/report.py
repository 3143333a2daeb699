"""The human-readable output of a run: progress lines while it runs, then the summary and every failure.

Everything it writes has the token masked, and its reproduction commands read the token from an environment
variable (`contracts.core.redaction`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TextIO

from contracts.core.outcomes import SHOWN_FINDINGS, Finding, Outcome, Status, plural
from contracts.core.redaction import Secret
from contracts.coverage.coverage import gaps_phrase
from contracts.coverage.render import table_lines
from contracts.running.runner import Report
from contracts.target.inputs import Options, Target

__all__ = ["ConsoleObserver", "render_failure", "render_summary", "verdict"]

LABELS = {Status.PASSED: "passed", Status.FAILED: "FAILED", Status.NOT_EXERCISED: "not exercised"}


class ConsoleObserver:
    """Prints each phase and each verdict as it happens."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.secret = Secret()

    def started(self, target: Target, options: Options) -> None:
        self.secret = target.secret
        spec = target.spec or f"specs/{target.dialect}.yaml"
        self.print(
            f"Checking {target.base_url} against the {target.dialect} contract ({spec}; seed {options.seed}, "
            f"up to {options.max_examples} examples per phase; "
            + (f"writes allowed, at most {options.max_writes} runs created)" if options.allow_writes else "read-only)")
        )

    def note(self, message: str) -> None:
        self.print(f"  {message}")

    def decided(self, outcome: Outcome) -> None:
        self.print(f"  {LABELS[outcome.status]:<14} {outcome.rule.name}")

    def print(self, line: str) -> None:
        print(self.secret.redact(line), file=self.stream, flush=True)


def render_summary(report: Report) -> str:
    return report.target.secret.redact("\n".join(summary_lines(report)))


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
        yield from token_note(report)
    if report.options.allow_writes:
        yield ""
        yield report.writes.describe()
        yield from report.writes.listing()
    yield ""
    yield from table_lines(report.coverage)
    yield ""
    yield verdict(report)


def verdict(report: Report) -> str:
    """The run's verdict in one line, `Verdict: ...`."""
    target, unexercised = report.target, len(report.unexercised)
    if not report.conforms:
        failed = plural(len(report.failures), "check")
        cut = " (the run was interrupted before every check had run)" if report.interrupted else ""
        return f"Verdict: {target.base_url} does NOT conform to the {target.dialect} contract: {failed} failed{cut}."
    if report.interrupted:
        return f"Verdict: {target.base_url} could not be judged: the run was interrupted before every check had run."
    if report.undecided is not None and not report.judged:
        return f"Verdict: {target.base_url} could not be judged: no check had anything to judge (see why above)."
    if report.undecided is not None:
        reasons = []
        if unexercised:
            reasons.append(
                f"{plural(unexercised, 'check')} had nothing to judge (what data would exercise each is above)"
            )
        if report.uncovered:
            gaps = plural(len(report.uncovered), "gap")
            reasons.append(f"--require-coverage found {gaps}: {gaps_phrase(report.uncovered)}")
        return f"Verdict: {target.base_url} could not be judged under --strict: {', and '.join(reasons)}."
    if unexercised:
        return (
            f"Verdict: {target.base_url} broke no rule of the {target.dialect} contract, but "
            f"{plural(unexercised, 'check')} could not judge (what data would exercise each is above; "
            "--strict makes that exit 2)."
        )
    return f"Verdict: {target.base_url} conforms to the {target.dialect} contract: every applicable check passed."


def token_note(report: Report) -> Iterator[str]:
    """Where the reproduce commands find the token, which they name but never contain."""
    target = report.target
    if target.token is None or not any(item.curl for outcome in report.failures for item in outcome.findings):
        return
    variable = target.token_variable
    yield ""
    if target.token_from_environment:
        yield f"The reproduce commands read the token from ${variable}, as this run did."
    else:
        yield (
            f"The reproduce commands read the token from ${variable}: export {variable}=<your token> first "
            f"(this run was given it with --token; --token-env {variable} keeps it off the command line)."
        )


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
        if item.status is not None:
            lines.append(f"              ({answered(item)})")
    return lines


def answered(item: Finding) -> str:
    """The status the finding's answer had, and the one its request got when sent once more."""
    if item.replayed is None:
        return f"it answered {item.status}"
    if item.replayed == item.status:
        return f"it answered {item.status}, and {item.replayed} again when sent once more"
    return f"it answered {item.status}; sent once more, it answered {item.replayed}: the failure may be intermittent"
