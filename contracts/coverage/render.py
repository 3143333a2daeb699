"""Coverage as people read it: a table for the console, and Markdown for a CI job's summary page.

print("\\n".join(table_lines(coverage)))
page.write("\\n".join(markdown_lines(coverage)))
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from contracts.core.outcomes import plural
from contracts.coverage.coverage import Coverage, LinkCoverage, OperationCoverage

__all__ = ["cell", "headline", "markdown_lines", "table_lines"]

CONSOLE_WIDTH = 120


def headline(coverage: Coverage) -> str:
    counts = coverage.counts()
    done, total = counts["operations"]
    seen, statuses = counts["statuses"]
    followed, links = counts["links"]
    parts = [f"{done} of {plural(total, 'operation')} exercised", f"{seen} of {statuses} documented statuses seen"]
    if coverage.links:
        parts.append(f"{followed} of {plural(links, 'link')} followed")
    scope = " (read-only: only safe operations count)" if coverage.read_only else ""
    return ", ".join(parts) + scope


def statuses(entry: OperationCoverage) -> tuple[str, str]:
    """The documented statuses seen (with how many times) and those never seen, each as one phrase."""
    seen = ", ".join(f"{item.status} x{item.seen}" for item in entry.statuses if item.seen)
    never = ", ".join(item.status for item in entry.statuses if not item.seen)
    if entry.undocumented:
        seen += f"{'; ' if seen else ''}undocumented {', '.join(map(str, entry.undocumented))}"
    return seen or "none", never or "none"


def link_state(entry: LinkCoverage) -> str:
    if entry.followed:
        return f"followed x{entry.followed}"
    return entry.reason or "not followed"


def table_lines(coverage: Coverage) -> Iterator[str]:
    yield f"Coverage: {headline(coverage)}"
    for entry in coverage.operations:
        state = f"exercised ({plural(entry.requests, 'request')})" if entry.exercised else entry.state
        yield f"  {entry.operation_id} ({entry.method} {entry.path}): {state}"
        if entry.exercised or entry.counted:
            seen, never = statuses(entry)
            yield f"      statuses seen: {seen}; never seen: {never}"
        if entry.exercised:
            checks = ", ".join(entry.checks) or "no check"
            yield from textwrap.wrap(
                f"judged by: {checks}", CONSOLE_WIDTH, initial_indent="      ", subsequent_indent="        "
            )
    if coverage.links:
        yield "  links:"
        for link in coverage.links:
            yield f"    {link.label}: {link_state(link)}"


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_lines(coverage: Coverage) -> Iterator[str]:
    yield "#### Coverage"
    yield ""
    yield headline(coverage) + "."
    yield ""
    yield "| operation | request | state | statuses seen | never seen | judged by |"
    yield "|---|---|---|---|---|---|"
    for entry in coverage.operations:
        seen, never = statuses(entry)
        state = f"exercised ({entry.requests})" if entry.exercised else entry.state
        checks = ", ".join(entry.checks) or "no check"
        yield (
            f"| `{entry.operation_id}` | `{entry.method} {cell(entry.path)}` | {cell(state)} | {seen} | {never} | "
            f"{cell(checks)} |"
        )
    if coverage.links:
        yield ""
        yield "| link | followed |"
        yield "|---|---|"
        yield from (f"| `{cell(link.label)}` | {link_state(link)} |" for link in coverage.links)
