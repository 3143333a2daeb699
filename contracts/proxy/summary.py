"""What the proxy writes when it stops: the summary on the console, a JUnit report (one testcase per rule), and
Markdown for a CI job's summary page (`$GITHUB_STEP_SUMMARY`), each from the tally of the whole run and ending with
the coverage of the traffic (operations and documented statuses; traffic shows no link it followed).

A rule with violations fails, with the first few as evidence; a rule that judged traffic and found nothing
passes. Tokens never reach these texts: each violation was masked when it was made.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

from contracts.core.outcomes import plural
from contracts.coverage.coverage import Coverage
from contracts.coverage.render import markdown_lines, table_lines
from contracts.proxy.rules import CLIENT_RULES, STATEMENTS
from contracts.proxy.violations import Tally

__all__ = ["Run", "junit_xml", "markdown", "summary"]


@dataclass(frozen=True)
class Run:
    dialect: str
    upstream: str
    seconds: float
    strict: bool = False

    def exit_status(self, tally: Tally) -> int:
        """1 on a violation, 2 when nothing could be judged (or, `strict`, when anything went unjudged), else 0."""
        if tally.total_violations:
            return 1
        if not tally.judged or (self.strict and tally.unjudged):
            return 2
        return 0


def unjudged_lines(tally: Tally) -> list[str]:
    reasons = [
        (tally.too_large, "with a body over the size limit"),
        (tally.queue_full, "while the judging queue was full"),
        (tally.judge_errors, f"that the judge failed on ({tally.last_judge_error})"),
        (tally.upstream_failed, "that the upstream did not answer (502 sent)"),
        (tally.upstream_cut, "whose answer the upstream cut off"),
    ]
    return [f"  {plural(count, 'exchange')} {reason}" for count, reason in reasons if count]


def verdict(run: Run, tally: Tally) -> str:
    status = run.exit_status(tally)
    if status == 1:
        rules = plural(len(tally.violations), "rule")
        return f"Verdict: {plural(tally.total_violations, 'violation')} of {rules} of the {run.dialect} contract."
    if status == 2 and not tally.judged:
        return f"Verdict: no exchange could be judged against the {run.dialect} contract."
    if status == 2:
        return f"Verdict: no violation, but {plural(tally.unjudged, 'exchange')} went unjudged (--strict)."
    return f"Verdict: no violation of the {run.dialect} contract in {plural(tally.judged, 'exchange')} judged."


def summary(run: Run, tally: Tally, coverage: Coverage | None = None) -> str:
    lines = [
        "",
        f"Summary: {plural(tally.forwarded + tally.upstream_failed, 'exchange')} through the proxy to {run.upstream} "
        f"in {run.seconds:.1f} s, {tally.judged} judged against the {run.dialect} contract",
    ]
    unjudged = unjudged_lines(tally)
    if unjudged:
        lines += [f"Not judged ({tally.unjudged}):", *unjudged]
    for rule, count in sorted(tally.violations.items(), key=lambda item: list(STATEMENTS).index(item[0])):
        who = "client" if rule in CLIENT_RULES else "server"
        lines.append(f"  FAILED  {rule} ({who}): {plural(count, 'violation')}; {STATEMENTS[rule]}")
    if coverage is not None:
        lines += ["", *table_lines(coverage)]
    return "\n".join([*lines, "", verdict(run, tally)])


def junit_xml(run: Run, tally: Tally, coverage: Coverage | None = None) -> str:
    suite = ElementTree.Element(
        "testsuite",
        name=f"workflow-runs traffic: {run.dialect}",
        tests=str(len(STATEMENTS)),
        failures=str(len(tally.violations)),
        errors="0",
        skipped="0",
        time=f"{run.seconds:.3f}",
    )
    properties = ElementTree.SubElement(suite, "properties")
    ElementTree.SubElement(properties, "property", name="upstream", value=run.upstream)
    ElementTree.SubElement(properties, "property", name="judged", value=str(tally.judged))
    ElementTree.SubElement(properties, "property", name="unjudged", value=str(tally.unjudged))
    if coverage is not None:
        for kind, (done, total) in coverage.counts().items():
            if kind != "links":
                ElementTree.SubElement(properties, "property", name=f"coverage.{kind}", value=f"{done}/{total}")
    for rule, statement in STATEMENTS.items():
        case = ElementTree.SubElement(suite, "testcase", classname=f"contracts.proxy.{run.dialect}", name=rule)
        if rule in tally.violations:
            failure = ElementTree.SubElement(case, "failure", message=f"{rule}: {statement}")
            failure.text = "\n".join(example.line() for example in tally.examples.get(rule, []))
    if coverage is not None:
        ElementTree.SubElement(suite, "system-out").text = "\n".join(table_lines(coverage))
    suites = ElementTree.Element("testsuites")
    suites.append(suite)
    ElementTree.indent(suites)
    return ElementTree.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(run: Run, tally: Tally, coverage: Coverage | None = None) -> str:
    lines = [
        f"### Traffic judged against the {run.dialect} contract",
        "",
        f"{tally.judged} exchanges judged, {tally.unjudged} not judged, through the proxy to `{run.upstream}` "
        f"in {run.seconds:.0f} s.",
        "",
        verdict(run, tally).removeprefix("Verdict: "),
        "",
    ]
    if tally.violations:
        lines += ["| rule | violations | first seen | reproduce |", "|---|---|---|---|"]
        for rule, count in tally.violations.most_common():
            example = tally.examples[rule][0]
            lines.append(
                f"| `{rule}` | {count} | {cell(example.request)}: {cell(example.actual)} | `{cell(example.curl)}` |"
            )
    if coverage is not None:
        lines += ["", *markdown_lines(coverage)]
    return "\n".join(lines) + "\n"
