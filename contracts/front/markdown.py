"""The report of a run as Markdown, for a CI job's summary page (`--markdown FILE`, and `$GITHUB_STEP_SUMMARY`
when set): the verdict, a table of the checks, the first finding of each failure with its curl, and the coverage.
Masked as a whole, as every other output.
"""

from __future__ import annotations

from collections.abc import Iterator

from contracts.core.outcomes import Status
from contracts.coverage.render import cell, markdown_lines
from contracts.front.report import LABELS, verdict
from contracts.running.runner import Report

__all__ = ["markdown"]


def markdown(report: Report) -> str:
    return report.target.secret.redact("\n".join(lines(report)) + "\n")


def lines(report: Report) -> Iterator[str]:
    target = report.target
    yield f"### {target.base_url} against the {target.dialect} contract"
    yield ""
    yield verdict(report).removeprefix("Verdict: ")
    yield ""
    yield "| check | result | detail |"
    yield "|---|---|---|"
    for outcome in report.outcomes:
        yield f"| `{outcome.rule.name}` | {LABELS[outcome.status]} | {cell(outcome.detail)} |"
    failed = [outcome for outcome in report.outcomes if outcome.status is Status.FAILED]
    if failed:
        yield ""
        yield "| failed check | expected | got | reproduce |"
        yield "|---|---|---|---|"
        for outcome in failed:
            first = outcome.findings[0] if outcome.findings else None
            if first is not None:
                reproduce = f"`{cell(first.curl)}`" if first.curl else ""
                yield f"| `{outcome.rule.name}` | {cell(first.expected)} | {cell(first.actual)} | {reproduce} |"
    if report.options.allow_writes:
        yield ""
        yield cell(report.writes.describe())
    yield ""
    yield from markdown_lines(report.coverage)
