"""The JUnit XML report CI systems read: one testcase per check; failures as <failure>, not exercised as <skipped>;
the coverage as properties (exercised/counted per kind) and as its table in <system-out>."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from contracts.core.outcomes import Status
from contracts.coverage.render import table_lines
from contracts.front.report import render_failure
from contracts.running.runner import Report

__all__ = ["junit_xml", "unwritable", "write_junit"]


def junit_xml(report: Report) -> str:
    dialect = report.target.dialect
    redact = report.target.secret.redact
    counts = {status: sum(outcome.status is status for outcome in report.outcomes) for status in Status}
    suite = ElementTree.Element(
        "testsuite",
        name=f"workflow-runs contract: {dialect}",
        tests=str(len(report.outcomes)),
        failures=str(counts[Status.FAILED]),
        errors="0",
        skipped=str(counts[Status.NOT_EXERCISED]),
        time=f"{report.seconds:.3f}",
    )
    properties = ElementTree.SubElement(suite, "properties")
    ElementTree.SubElement(properties, "property", name="base_url", value=report.target.base_url)
    for kind, (done, total) in report.coverage.counts().items():
        ElementTree.SubElement(properties, "property", name=f"coverage.{kind}", value=f"{done}/{total}")
    for outcome in report.outcomes:
        case = ElementTree.SubElement(
            suite, "testcase", classname=f"contracts.{dialect}.{outcome.rule.group}", name=outcome.rule.name
        )
        if outcome.status is Status.FAILED:
            failure = ElementTree.SubElement(case, "failure", message=f"{outcome.rule.name}: {outcome.rule.statement}")
            failure.text = redact(render_failure(outcome))
        elif outcome.status is Status.NOT_EXERCISED:
            ElementTree.SubElement(case, "skipped", message=redact(outcome.detail))
    # What the run exercised of the spec, and what it wrote on the target for whoever owns it: the runs created,
    # and every write sent.
    written = [report.writes.describe(), *report.writes.listing(), ""] if report.options.allow_writes else []
    ElementTree.SubElement(suite, "system-out").text = "\n".join([*written, *table_lines(report.coverage)])
    suites = ElementTree.Element("testsuites")
    suites.append(suite)
    ElementTree.indent(suites)
    document = ElementTree.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
    # CI systems keep this file as an artifact: the token must not be in it, escaped for XML or not.
    return redact(document)


def unwritable(path: Path) -> str | None:
    """Why the report could not be written to `path` (which `write_junit` would create, directories and all), or
    None when it could: checked before a run sends anything, without creating anything."""
    if path.is_dir():
        return "is a directory"
    if path.exists():
        return None if os.access(path, os.W_OK) else "cannot be written (permission denied)"
    existing = next(parent for parent in path.absolute().parents if parent.exists())
    if not existing.is_dir():
        return f"{existing} is not a directory"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"cannot create files in {existing} (permission denied)"
    return None


def write_junit(report: Report, path: Path) -> None:
    """Write the report to `path`, creating the directories it needs (a CI job's `reports/` may not exist)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(junit_xml(report), encoding="utf-8")
