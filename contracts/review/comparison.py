"""The dialect comparison, generated from the specs: the five list-runs endpoints side by side.

    python -m contracts.review.comparison                  # Markdown on stdout
    python -m contracts.review.comparison --format html    # a standalone HTML page

It opens with the differences a client writer trips over (where the runs are in the body, how pages are
numbered, how each dialect spells its statuses and origins, which fields may be null, the error answers),
then lists every parameter, response header and field of each dialect's list-runs answer, aligned by name
(`startedAt` and `started_at` share a row), with name, type, nullability, required-ness, bounds and enum
values. In each row, what differs between the dialects that have the thing is emphasised (**like this**).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from contracts.errors import ContractError
from contracts.review.command_line import OneLineParser
from contracts.review.docs_page import html_page
from contracts.review.spec_lint import spelling_key
from contracts.review.spec_outline import BODY, CONSTRAINT_KEYWORDS, Operation, Response, Shape, outline_document
from contracts.spec import read_document
from workflow_runs_specs import DIALECTS, spec_path

__all__ = ["DialectEndpoint", "endpoint_of", "main", "render_markdown"]

TITLE = "How the dialects list workflow runs"

PAGING_PARAMETERS = ("page", "offset", "take", "limit", "next", "cursor")
"""Query parameters that select a page, in the order they are shown."""

ABSENT = "—"


@dataclass(frozen=True)
class DialectEndpoint:
    """A dialect's list-runs operation (its spec's only GET), and where its 200 answer keeps the runs."""

    dialect: str
    operation: Operation

    @property
    def success(self) -> Response:
        return next(response for status, response in self.operation.responses.items() if status.startswith("2"))

    @property
    def runs_at(self) -> str:
        """The path of the array of runs in the 200 body: the shallowest array (`""` for a bare array)."""
        arrays = [path for path, shape in self.success.body.items() if shape.type == "array"]
        return min(arrays, key=depth)

    @property
    def run_fields(self) -> dict[str, Shape]:
        """The fields of one run, by path within the run."""
        prefix = f"{self.runs_at}[]"
        return {
            path.removeprefix(prefix).removeprefix("."): shape
            for path, shape in self.success.body.items()
            if path.startswith(prefix) and path != prefix
        }

    @property
    def envelope_fields(self) -> dict[str, Shape]:
        """The fields of the 200 body around the runs (empty for a bare array)."""
        return {
            path: shape
            for path, shape in self.success.body.items()
            if path != BODY and not path.startswith(self.runs_at)
        }


def depth(path: str) -> int:
    return len(re.findall(r"[.\[]", path)) + (path != BODY)


def endpoint_of(dialect: str, document: Mapping[str, Any] | None = None) -> DialectEndpoint:
    """The list-runs endpoint of `dialect`, from its parsed spec `document` (read from its file if not given)."""
    outline = outline_document(read_document(spec_path(dialect)) if document is None else document)
    (operation,) = [operation for operation in outline.operations.values() if operation.method == "get"]
    return DialectEndpoint(dialect, operation)


def aligned(path: str) -> str:
    """The row a field or parameter goes in: its path in snake_case, so `startedAt` meets `started_at`."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", path).lower()


def cell_text(text: str) -> str:
    """`text` safe inside a Markdown table cell."""
    return text.replace("|", "\\|")


def code(text: str) -> str:
    return f"`{text}`"


def emphasised(text: str, emphasis: bool) -> str:
    return f"**{text}**" if emphasis and text else text


def shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


ASPECTS = ("name", "type", "required", "nullable", "bounds")
"""What a cell says about a thing, in this order; each is emphasised where the dialects of a row differ."""

UNREMARKABLE = {"required": "required", "nullable": "not null"}
"""What goes unsaid unless the dialects differ on it: most fields are required and not null."""


def aspects(name: str, label: str, shape: Shape) -> dict[str, str]:
    return {
        "name": code(name) if name != label else "",
        "type": shape.type + (f" ({shape.format})" if shape.format else ""),
        "required": "required" if shape.required else "optional",
        "nullable": "nullable" if shape.nullable else "not null",
        "bounds": bounds(shape),
    }


def bounds(shape: Shape) -> str:
    constraints = dict(shape.constraints)
    low, high = constraints.pop("minimum", None), constraints.pop("maximum", None)
    parts = []
    if low is not None and high is not None:
        parts.append(f"{shown(low)} to {shown(high)}")
    elif low is not None:
        parts.append(f"≥ {shown(low)}")
    elif high is not None:
        parts.append(f"≤ {shown(high)}")
    if "default" in constraints:
        parts.append(f"default {shown(constraints.pop('default'))}")
    parts.extend(
        f"{keyword} {shown(constraints[keyword])}" for keyword in CONSTRAINT_KEYWORDS if keyword in constraints
    )
    return ", ".join(parts)


def row_cells(label: str, found: Mapping[str, tuple[str, Shape] | None]) -> list[str]:
    """One cell per dialect for the row `label`: each aspect emphasised where the dialects that have it differ."""
    present = {dialect: item for dialect, item in found.items() if item is not None}
    described = {dialect: aspects(name, label, shape) for dialect, (name, shape) in present.items()}
    differs = {aspect for aspect in ASPECTS if len({said[aspect] for said in described.values()}) > 1}
    enums = {dialect: shape.enum for dialect, (_, shape) in present.items() if shape.enum is not None}
    common = set.intersection(*(set(map(str, values)) for values in enums.values())) if enums else set()
    cells = []
    for dialect in found:
        if dialect not in described:
            cells.append(ABSENT)
            continue
        parts = [
            emphasised(text, aspect in differs)
            for aspect, text in described[dialect].items()
            if aspect in differs or text != UNREMARKABLE.get(aspect)
        ]
        if dialect in enums:
            values = [emphasised(code(shown(value)), str(value) not in common) for value in enums[dialect]]
            parts.append("one of " + ", ".join(values))
        elif enums:
            parts.append(emphasised("not enumerated", True))
        cells.append(cell_text(", ".join(part for part in parts if part)))
    return cells


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def dialect_header(endpoints: Sequence[DialectEndpoint], first: str) -> list[str]:
    return [first, *(f"[{endpoint.dialect}]({endpoint.dialect}.html)" for endpoint in endpoints)]


def aligned_rows(endpoints: Sequence[DialectEndpoint], things: Mapping[str, Mapping[str, Shape]]) -> list[list[str]]:
    """Rows for things found by dialect and name (parameters, headers or fields), aligned by `aligned` name.

    What most dialects have comes first: rows are grouped by their first name (a field with its nested
    fields), the groups ordered by how many dialects have them, then as the specs list them.
    """
    found: dict[str, dict[str, tuple[str, Shape]]] = {}
    for endpoint in endpoints:
        for name, shape in things[endpoint.dialect].items():
            found.setdefault(aligned(name), {}).setdefault(endpoint.dialect, (name, shape))
    groups: dict[str, list[str]] = {}
    for label in found:
        groups.setdefault(top_name(label), []).append(label)
    ordered = sorted(groups.values(), key=lambda labels: -len(found[labels[0]]))
    return [
        [cell_text(code(label)), *row_cells(label, {e.dialect: found[label].get(e.dialect) for e in endpoints})]
        for labels in ordered
        for label in labels
    ]


def top_name(label: str) -> str:
    return re.split(r"[.\[]", label, maxsplit=1)[0]


def parameter_section(endpoints: Sequence[DialectEndpoint], location: str) -> list[str]:
    things = {
        endpoint.dialect: {
            parameter.name: parameter.shape
            for parameter in endpoint.operation.parameters.values()
            if parameter.location == location
        }
        for endpoint in endpoints
    }
    return table(dialect_header(endpoints, f"{location} parameter"), aligned_rows(endpoints, things))


def header_section(endpoints: Sequence[DialectEndpoint]) -> list[str]:
    things = {endpoint.dialect: dict(endpoint.success.headers) for endpoint in endpoints}
    return table(dialect_header(endpoints, "header"), aligned_rows(endpoints, things))


def envelope_section(endpoints: Sequence[DialectEndpoint]) -> list[str]:
    things = {endpoint.dialect: endpoint.envelope_fields for endpoint in endpoints}
    return table(dialect_header(endpoints, "body field"), aligned_rows(endpoints, things))


def run_field_section(endpoints: Sequence[DialectEndpoint]) -> list[str]:
    things = {endpoint.dialect: endpoint.run_fields for endpoint in endpoints}
    return table(dialect_header(endpoints, "run field"), aligned_rows(endpoints, things))


def error_section(endpoints: Sequence[DialectEndpoint]) -> list[str]:
    statuses = sorted(
        {status for endpoint in endpoints for status in endpoint.operation.responses if status[0] in "45"}
    )
    rows = []
    for status in statuses:
        cells = []
        for endpoint in endpoints:
            response = endpoint.operation.responses.get(status)
            cells.append(cell_text(error_body(response)) if response is not None else ABSENT)
        rows.append([status, *cells])
    return table(dialect_header(endpoints, "status"), rows)


def error_body(response: Response) -> str:
    """The top-level fields of an error body, e.g. `{status, message, errors?}` (`?`: optional)."""
    names = [
        f"{path}{'' if shape.required else '?'}"
        for path, shape in response.body.items()
        if path != BODY and depth(path) == 1
    ]
    return code("{" + ", ".join(names) + "}") if names else "no body"


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
        "## What trips a client writer",
        "",
        *overview_section(endpoints),
        "",
        "### Run statuses",
        "",
        *vocabulary_section(endpoints, "status"),
        "",
        "### Run origins",
        "",
        *vocabulary_section(endpoints, "origin"),
        "",
        "### Fields null in some dialects only",
        "",
        *nullability_notes(endpoints),
        "",
        "## Path parameters",
        "",
        *parameter_section(endpoints, "path"),
        "",
        "## Query parameters",
        "",
        *parameter_section(endpoints, "query"),
        "",
        "## Headers of the 200 answer",
        "",
        *header_section(endpoints),
        "",
        "## Body of the 200 answer around the runs",
        "",
        *envelope_section(endpoints),
        "",
        "## Fields of a run",
        "",
        "`[]` marks the items of an array, `*` the values of a map.",
        "",
        *run_field_section(endpoints),
        "",
        "## Error answers",
        "",
        "The top-level fields of each error body (`?`: optional).",
        "",
        *error_section(endpoints),
    ]
    return "\n".join(lines) + "\n"


def render_html(endpoints: Sequence[DialectEndpoint]) -> str:
    return html_page(TITLE, render_markdown(endpoints))


def parser() -> OneLineParser:
    cli = OneLineParser(
        prog="python -m contracts.review.comparison",
        description="Compare the list-runs endpoints of the dialects, from their specs.",
    )
    cli.add_argument("--format", choices=("markdown", "html"), default="markdown", help="default: markdown")
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    try:
        arguments = parser().parse_args(argv)
        endpoints = [endpoint_of(dialect) for dialect in DIALECTS]
    except ContractError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    render = render_html if arguments.format == "html" else render_markdown
    sys.stdout.write(render(endpoints))
    return 0


if __name__ == "__main__":
    sys.exit(main())
