"""The dialect comparison, generated from the specs: the five dialects' operations on runs side by side.

    workflow-runs-review compare                  # Markdown on stdout
    workflow-runs-review compare --format html    # a standalone HTML page

It opens with which dialect documents which kind of operation (list, get, trigger, cancel, retry or replay,
retention; `comparison_operations`). For the list it then shows the differences a client writer trips over
(where the runs are in the body, how pages are numbered, how each dialect spells its statuses and origins,
which fields may be null, the error answers), and every parameter, response header and field of each
dialect's list-runs answer, aligned by name (`startedAt` and `started_at` share a row), with name, type,
nullability, required-ness, bounds and enum values. Each other kind has a section: its endpoints, what they
answer, their parameters and request bodies side by side. In each row, what differs between the dialects
that have the thing is emphasised (**like this**).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

from spec_review.command_line import OneLineParser
from spec_review.comparison_endpoint import (
    ABSENT,
    DialectEndpoint,
    aligned,
    cell_text,
    code,
    depth,
    emphasised,
    endpoint_of,
    shown,
)
from spec_review.comparison_operations import kind_section, kinds_present, operations_section
from spec_review.comparison_tables import (
    bounds,
    dialect_header,
    envelope_section,
    error_section,
    header_section,
    parameter_section,
    run_field_section,
    table,
)
from spec_review.docs_page import html_page
from spec_review.errors import ReviewError
from spec_review.spec_lint import spelling_key
from spec_review.spec_outline import BODY, Shape
from workflow_runs_specs import DIALECTS

__all__ = ["DialectEndpoint", "endpoint_of", "main", "render_markdown"]

TITLE = "How the dialects serve workflow runs"

PAGING_PARAMETERS = ("page", "offset", "take", "limit", "next", "cursor")
"""Query parameters that select a page, in the order they are shown."""


def runs_location(endpoint: DialectEndpoint) -> str:
    if endpoint.runs_at == BODY:
        return "the body is a bare array of runs"
    around = [path for path in endpoint.envelope_fields if depth(path) == 1]
    return f"in **{code(endpoint.runs_at)}** of an envelope {code('{' + ', '.join(around) + '}')}"


def paging(endpoint: DialectEndpoint) -> str:
    parameters = {parameter.name: parameter.shape for parameter in endpoint.operation.parameters.values()}
    parts = []
    for name in PAGING_PARAMETERS:
        shape = parameters.get(name)
        if shape is None:
            continue
        start = shape.constraints.get("minimum")
        if name in ("page", "offset") and start is not None:
            parts.append(f"{code(name)} counted from **{shown(start)}** ({bounds(shape)})")
        else:
            parts.append(f"{code(name)} ({bounds(shape) or shape.type})")
    if not parts:
        return "none: every run in one answer"
    totals = [code(name) + " header" for name, shape in endpoint.success.headers.items() if shape.required]
    totals += [code(path) for path, shape in endpoint.envelope_fields.items() if shape.type == "boolean"]
    return ", ".join(parts) + ("; tells the rest with " + ", ".join(totals) if totals else "")


def naming(endpoint: DialectEndpoint) -> str:
    camel = any(re.search(r"[a-z][A-Z]", path) for path in endpoint.run_fields)
    return "camelCase" if camel else "snake_case"


def overview_section(endpoints: Sequence[DialectEndpoint]) -> list[str]:
    rows = [
        ["endpoint", *(code(endpoint.operation.key) for endpoint in endpoints)],
        ["where the runs are", *(runs_location(endpoint) for endpoint in endpoints)],
        ["paging", *(paging(endpoint) for endpoint in endpoints)],
        ["field names", *(naming(endpoint) for endpoint in endpoints)],
        ["timestamps", *(timestamps(endpoint) for endpoint in endpoints)],
        ["error answers", *(", ".join(errors(endpoint)) for endpoint in endpoints)],
    ]
    return table(dialect_header(endpoints, ""), [[cell_text(cell) for cell in row] for row in rows])


def timestamps(endpoint: DialectEndpoint) -> str:
    found = [
        code(path) + (" (nullable)" if shape.nullable else "")
        for path, shape in endpoint.run_fields.items()
        if shape.format == "date-time" and depth(path) == 1
    ]
    return ", ".join(found)


def errors(endpoint: DialectEndpoint) -> list[str]:
    return [status for status in endpoint.operation.responses if status[0] in "45"]


def vocabulary_section(endpoints: Sequence[DialectEndpoint], field: str) -> list[str]:
    """The values of the run field `field` (and of its filter) in each dialect, one row per word they spell."""
    spellings: dict[str, dict[str, str]] = {}
    notes = []
    for endpoint in endpoints:
        shape = endpoint.run_fields.get(field)
        parameter = next((p for p in endpoint.operation.parameters.values() if p.name == field), None)
        if shape is None:
            notes.append(f"{endpoint.dialect} has no run field {code(field)}.")
            continue
        if shape.enum is None:
            notes.append(f"{endpoint.dialect}: {code(field)} is not enumerated (any {shape.type}).")
            continue
        filter_only = [value for value in parameter.shape.enum or () if value not in shape.enum] if parameter else []
        for value in [*shape.enum, *filter_only]:
            word = spellings.setdefault(spelling_key(str(value)), {})
            word[endpoint.dialect] = code(str(value)) + (" (filter only)" if value in filter_only else "")
    rows = []
    # The words most dialects share first, then as the specs list them.
    for word in sorted(spellings.values(), key=lambda word: -len(word)):
        spelled = {text.split(" ")[0] for text in word.values()}
        cells = [
            emphasised(word[endpoint.dialect], len(spelled) > 1) if endpoint.dialect in word else ABSENT
            for endpoint in endpoints
        ]
        rows.append(cells)
    header = [f"[{endpoint.dialect}]({endpoint.dialect}.html)" for endpoint in endpoints]
    return [*table(header, rows), "", *(f"- {note}" for note in notes)]


def nullability_notes(endpoints: Sequence[DialectEndpoint]) -> list[str]:
    """A line for each top-level run field that some dialects declare nullable and others do not."""
    by_label: dict[str, dict[str, Shape]] = {}
    for endpoint in endpoints:
        for path, shape in endpoint.run_fields.items():
            if depth(path) == 1:
                by_label.setdefault(aligned(path), {})[endpoint.dialect] = shape
    lines = []
    for label, shapes in by_label.items():
        nullable = {dialect: shape.nullable for dialect, shape in shapes.items()}
        # Fields of one name but of other types are other things, which the table of fields shows.
        if len(set(nullable.values())) > 1 and len({shape.type for shape in shapes.values()}) == 1:
            yes = ", ".join(dialect for dialect, is_nullable in nullable.items() if is_nullable)
            no = ", ".join(dialect for dialect, is_nullable in nullable.items() if not is_nullable)
            lines.append(f"- {code(label)}: **nullable** in {yes}; never null in {no}.")
    return lines


def render_markdown(endpoints: Sequence[DialectEndpoint]) -> str:
    names = ", ".join(code(endpoint.dialect) for endpoint in endpoints)
    lines = [
        f"# {TITLE}",
        "",
        f"Generated from the specs of {names} (`make docs`). Each dialect's name links to its reference page. "
        "Within a row, what differs between the dialects that have the thing is **emphasised**; "
        f"{ABSENT} means the dialect does not have it.",
        "",
        "## Operations on runs",
        "",
        *operations_section(endpoints),
        "",
        "## Listing runs",
        "",
        "### What trips a client writer",
        "",
        *overview_section(endpoints),
        "",
        "#### Run statuses",
        "",
        *vocabulary_section(endpoints, "status"),
        "",
        "#### Run origins",
        "",
        *vocabulary_section(endpoints, "origin"),
        "",
        "#### Fields null in some dialects only",
        "",
        *nullability_notes(endpoints),
        "",
        "### Path parameters",
        "",
        *parameter_section(endpoints, "path"),
        "",
        "### Query parameters",
        "",
        *parameter_section(endpoints, "query"),
        "",
        "### Headers of the 200 answer",
        "",
        *header_section(endpoints),
        "",
        "### Body of the 200 answer around the runs",
        "",
        *envelope_section(endpoints),
        "",
        "### Fields of a run",
        "",
        "`[]` marks the items of an array, `*` the values of a map.",
        "",
        *run_field_section(endpoints),
        "",
        "### Error answers",
        "",
        "The top-level fields of each error body (`?`: optional).",
        "",
        *error_section(endpoints),
        "",
    ]
    for kind in kinds_present(endpoints):
        if kind.name != "list":
            lines += kind_section(endpoints, kind)
    return "\n".join(lines).rstrip("\n") + "\n"


def render_html(endpoints: Sequence[DialectEndpoint]) -> str:
    return html_page(TITLE, render_markdown(endpoints))


def parser() -> OneLineParser:
    cli = OneLineParser(
        prog="workflow-runs-review compare",
        description="Compare the operations on runs of the dialects, from their specs.",
    )
    cli.add_argument("--format", choices=("markdown", "html"), default="markdown", help="default: markdown")
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    try:
        arguments = parser().parse_args(argv)
        endpoints = [endpoint_of(dialect) for dialect in DIALECTS]
    except ReviewError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    render = render_html if arguments.format == "html" else render_markdown
    sys.stdout.write(render(endpoints))
    return 0


if __name__ == "__main__":
    sys.exit(main())
