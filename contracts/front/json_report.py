"""The whole report of a run as JSON (`--json-report FILE`): the verdict and its exit status, every check with its
findings and their curls, what the run wrote, and its coverage. The token is in none of it: the curls read it from
its environment variable, and the document is masked as a whole before it is written.

    json_report(report)["verdict"]["exit_status"]   # 0, 1 or 2, as the command exits
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from contracts.core.outcomes import Finding, Outcome
from contracts.front.report import verdict
from contracts.running.runner import Report

__all__ = ["json_report", "write_json_report"]

VERSION = 1
"""Bumped when a field changes meaning or goes away (new fields do not bump it)."""


def finding(item: Finding) -> dict[str, Any]:
    return {
        "expected": item.expected,
        "actual": item.actual,
        "curl": item.curl,
        "status": item.status,
        "replayed_status": item.replayed,
    }


def check(outcome: Outcome) -> dict[str, Any]:
    return {
        "name": outcome.rule.name,
        "group": outcome.rule.group,
        "statement": outcome.rule.statement,
        "status": outcome.status.value,
        "detail": outcome.detail,
        "applicable": outcome.applicable,
        "chosen": outcome.chosen,
        "findings": [finding(item) for item in outcome.findings],
    }


def writes(report: Report) -> dict[str, Any] | None:
    if not report.options.allow_writes:
        return None
    log = report.writes
    return {
        "created": list(log.created),
        "cancelled": list(log.cancelled),
        "not_cancelled": list(log.left),
        "sent": [{"method": sent.method, "path": sent.path, "status": sent.status, "by": sent.by} for sent in log.sent],
    }


def json_report(report: Report) -> dict[str, Any]:
    target, options = report.target, report.options
    return {
        "version": VERSION,
        "dialect": target.dialect,
        "base_url": target.base_url,
        "spec": str(target.spec) if target.spec else None,
        "options": {
            "seed": options.seed,
            "max_examples": options.max_examples,
            "strict": options.strict,
            "allow_writes": options.allow_writes,
            "max_writes": options.max_writes if options.allow_writes else None,
            "require_coverage": list(options.require_coverage),
        },
        "seconds": round(report.seconds, 3),
        "interrupted": report.interrupted,
        "verdict": {
            "exit_status": report.exit_status,
            "conforms": report.conforms and report.undecided is None,
            "undecided": report.undecided,
            "line": verdict(report).removeprefix("Verdict: "),
            "uncovered": report.uncovered,
        },
        "checks": [check(outcome) for outcome in report.outcomes],
        "writes": writes(report),
        "coverage": report.coverage.to_json(),
    }


def write_json_report(report: Report, path: Path) -> None:
    """Write the report to `path`, creating the directories it needs; the token masked wherever it appears."""
    text = json.dumps(json_report(report), indent=2, ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report.target.secret.redact(text), encoding="utf-8")
