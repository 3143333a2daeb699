"""The comparison of every operation on runs: which dialect documents which kind, and each kind side by side.

Operations are sorted into kinds by what they do to runs, read from the method and the last segment of the
path (the specs name them as their vendors do, so no operationId is shared):

- list: the dialect's list (`Spec.list_runs`);
- get: any other GET ending in a path parameter (`/runs/{run_id}`);
- trigger: a POST on `.../run`, `.../runs` or `.../trigger` (b3os has two: a workflow's run and an ephemeral run);
- cancel, retry (`.../retry` or `.../replay`) and retention: a POST or PATCH on that last segment;
- other: anything else, shown in a section of its own rather than left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spec_review.comparison_endpoint import ABSENT, DialectEndpoint, cell_text, code, depth
from spec_review.comparison_tables import aligned_rows, table
from spec_review.spec_outline import BODY, Operation, Shape

__all__ = ["KINDS", "Kind", "kind_of", "kind_section", "operations_section"]


@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    """The heading of its section."""
    noun: str
    """How a sentence names it: `aitasker documents no cancel`."""


KINDS = (
    Kind("list", "Listing runs", "list"),
    Kind("get", "Getting one run", "get of one run"),
    Kind("trigger", "Starting a run", "trigger"),
    Kind("cancel", "Cancelling a run", "cancel"),
    Kind("retry", "Retrying or replaying a run", "retry or replay"),
    Kind("retention", "Changing a run's retention", "retention update"),
    Kind("other", "Other operations", "other operation"),
)

LAST_SEGMENTS = {"cancel": "cancel", "retry": "retry", "replay": "retry", "retention": "retention"}
TRIGGER_SEGMENTS = frozenset({"run", "runs", "trigger"})


def kind_of(operation: Operation, list_key: str) -> str:
    """The name of the kind of `operation`, given the key of its dialect's list."""
    if operation.key == list_key:
        return "list"
    last = operation.path.rstrip("/").rsplit("/", 1)[-1]
    if operation.method == "get":
        return "get" if last.startswith("{") else "other"
    if operation.method in ("post", "patch") and last in LAST_SEGMENTS:
        return LAST_SEGMENTS[last]
    if operation.method == "post" and last in TRIGGER_SEGMENTS:
        return "trigger"
    return "other"


def of_kind(endpoint: DialectEndpoint, kind: Kind) -> list[Operation]:
    return [op for op in endpoint.operations.values() if kind_of(op, endpoint.operation.key) == kind.name]


def kinds_present(endpoints: Sequence[DialectEndpoint]) -> list[Kind]:
    """Every kind but `other`, and `other` too when some dialect has such an operation."""
    return [kind for kind in KINDS if kind.name != "other" or any(of_kind(e, kind) for e in endpoints)]


def named(operation: Operation) -> str:
    return f"{code(operation.key)} ({code(operation.operation_id or 'no operationId')})"


def operations_section(endpoints: Sequence[DialectEndpoint]) -> list[str]:
    """A row per kind, a column per dialect: the operations of that kind, or a dash; then what each lacks."""
    header = ["operation", *(f"[{endpoint.dialect}]({endpoint.dialect}.html)" for endpoint in endpoints)]
    rows = []
    for kind in kinds_present(endpoints):
        cells = ["; ".join(named(op) for op in of_kind(endpoint, kind)) or ABSENT for endpoint in endpoints]
        rows.append([kind.noun, *(cell_text(cell) for cell in cells)])
    notes = []
    for endpoint in endpoints:
        missing = [kind.noun for kind in KINDS if kind.name != "other" and not of_kind(endpoint, kind)]
        if missing:
            notes.append(f"- {endpoint.dialect} documents no {', no '.join(missing)}.")
    return [*table(header, rows), "", *notes]


@dataclass(frozen=True)
class Column:
    """One operation of a kind in one dialect: a column of the kind's tables."""

    label: str
    """The dialect, with the operationId when the dialect has several operations of the kind."""
    link: str
    operation: Operation
    run_fields: dict[str, Shape]
    """The fields of a run in the dialect's list, to tell an answer that is a run from one that is not."""


def columns_of(endpoints: Sequence[DialectEndpoint], kind: Kind) -> list[Column]:
    columns = []
    for endpoint in endpoints:
        found = of_kind(endpoint, kind)
        page = f"[{endpoint.dialect}]({endpoint.dialect}.html)"
        for operation in found:
            if len(found) == 1:
                label, link = endpoint.dialect, page
            else:
                label, link = (
                    f"{endpoint.dialect} {operation.operation_id}",
                    f"{page} {code(str(operation.operation_id))}",
                )
            columns.append(Column(label, link, operation, endpoint.run_fields))
    return columns


def kind_section(endpoints: Sequence[DialectEndpoint], kind: Kind) -> list[str]:
    """The section of one kind (not the list, which has sections of its own): overview, parameters, request."""
    columns = columns_of(endpoints, kind)
    without = [endpoint.dialect for endpoint in endpoints if not of_kind(endpoint, kind)]
    lines = [f"## {kind.title}", ""]
    if without:
        lines += [f"Not documented by {', '.join(without)}.", ""]
    if not columns:
        return lines
    header = [" ", *(column.link for column in columns)]
    rows = [
        ["endpoint", *(code(column.operation.key) for column in columns)],
        ["operationId", *(code(column.operation.operation_id or "") for column in columns)],
        ["summary", *(column.operation.summary or "" for column in columns)],
        ["answer", *(answer(column) for column in columns)],
        ["error answers", *(", ".join(errors(column.operation)) for column in columns)],
    ]
    lines += [*table(header, [[cell_text(cell) for cell in row] for row in rows]), ""]
    labels = [column.label for column in columns]
    parameters = {
        column.label: {f"{p.location} {p.name}": p.shape for p in column.operation.parameters.values()}
        for column in columns
    }
    lines += [f"### {kind.title}: parameters", "", *table(["parameter", *header[1:]], aligned_rows(labels, parameters))]
    bodies = {column.label: request_fields(column.operation) for column in columns}
    if any(bodies.values()):
        lines += [
            "",
            f"### {kind.title}: request body",
            "",
            *table(["body field", *header[1:]], aligned_rows(labels, bodies)),
        ]
    return [*lines, ""]


def request_fields(operation: Operation) -> dict[str, Shape]:
    """The fields of the JSON request body by path, without the body itself (empty when there is none)."""
    return {path: shape for path, shape in operation.request_body.items() if path != BODY}


def errors(operation: Operation) -> list[str]:
    return [status for status in operation.responses if status[0] in "45"]


def answer(column: Column) -> str:
    """What the success answer holds: the list's run (where, and which fields it adds or lacks), or its fields."""
    found = next(((status, r) for status, r in column.operation.responses.items() if status.startswith("2")), None)
    if found is None:
        return "no success answer documented"
    status, response = found
    holders = [BODY, *(path for path, shape in response.body.items() if shape.type == "object" and path != BODY)]
    fields = {holder: fields_under(response.body, holder) for holder in holders}
    run_names = set(column.run_fields)
    holder = max(holders, key=lambda place: len(run_names & set(fields[place])))
    shared = run_names & set(fields[holder])
    if not run_names or 2 * len(shared) < len(run_names):
        top = [path for path in response.body if path != BODY and depth(path) <= 2]
        return f"{status}: {code('{' + ', '.join(top) + '}')}" if top else f"{status}: no JSON body"
    text = f"{status}: the list's run" + ("" if holder == BODY else f" in {code(holder)}")
    extra = [name for name in fields[holder] if depth(name) == 1 and name not in run_names]
    missing = [name for name in column.run_fields if depth(name) == 1 and name not in fields[holder]]
    if extra:
        text += ", with " + ", ".join(code(name) for name in extra)
    if missing:
        text += ", without " + ", ".join(code(name) for name in missing)
    return text


def fields_under(body: Mapping[str, Shape], holder: str) -> dict[str, Shape]:
    """The fields of the object at `holder`, by path relative to it."""
    if holder == BODY:
        return {path: shape for path, shape in body.items() if path != BODY and not path.startswith("[")}
    prefix = f"{holder}."
    return {path.removeprefix(prefix): shape for path, shape in body.items() if path.startswith(prefix)}
