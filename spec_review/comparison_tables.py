"""The comparison's aligned tables: every parameter, header, envelope field, run field and error, side by side."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from spec_review.comparison_endpoint import (
    ABSENT,
    DialectEndpoint,
    aligned,
    cell_text,
    code,
    depth,
    emphasised,
    shown,
)
from spec_review.spec_outline import BODY, CONSTRAINT_KEYWORDS, Response, Shape

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


def dialects(endpoints: Sequence[DialectEndpoint]) -> list[str]:
    return [endpoint.dialect for endpoint in endpoints]


def dialect_header(endpoints: Sequence[DialectEndpoint], first: str) -> list[str]:
    return [first, *(f"[{endpoint.dialect}]({endpoint.dialect}.html)" for endpoint in endpoints)]


def aligned_rows(columns: Sequence[str], things: Mapping[str, Mapping[str, Shape]]) -> list[list[str]]:
    """Rows for things found by column (a dialect, or one of its operations) and name (parameters, headers or
    fields), aligned by `aligned` name.

    What most dialects have comes first: rows are grouped by their first name (a field with its nested
    fields), the groups ordered by how many dialects have them, then as the specs list them.
    """
    found: dict[str, dict[str, tuple[str, Shape]]] = {}
    for column in columns:
        for name, shape in things[column].items():
            found.setdefault(aligned(name), {}).setdefault(column, (name, shape))
    groups: dict[str, list[str]] = {}
    for label in found:
        groups.setdefault(top_name(label), []).append(label)
    ordered = sorted(groups.values(), key=lambda labels: -len(found[labels[0]]))
    return [
        [cell_text(code(label)), *row_cells(label, {column: found[label].get(column) for column in columns})]
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
    return table(dialect_header(endpoints, f"{location} parameter"), aligned_rows(dialects(endpoints), things))


def header_section(endpoints: Sequence[DialectEndpoint]) -> list[str]:
    things = {endpoint.dialect: dict(endpoint.success.headers) for endpoint in endpoints}
    return table(dialect_header(endpoints, "header"), aligned_rows(dialects(endpoints), things))


def envelope_section(endpoints: Sequence[DialectEndpoint]) -> list[str]:
    things = {endpoint.dialect: endpoint.envelope_fields for endpoint in endpoints}
    return table(dialect_header(endpoints, "body field"), aligned_rows(dialects(endpoints), things))


def run_field_section(endpoints: Sequence[DialectEndpoint]) -> list[str]:
    things = {endpoint.dialect: endpoint.run_fields for endpoint in endpoints}
    return table(dialect_header(endpoints, "run field"), aligned_rows(dialects(endpoints), things))


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
