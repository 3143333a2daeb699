"""One dialect's endpoints as the comparison sees them (its list, and every operation), and how a cell is written."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from spec_review.errors import read_document
from spec_review.spec_outline import BODY, Operation, Response, Shape, outline_document
from workflow_runs_specs import spec_path
from workflow_runs_specs.reader import Spec

ABSENT = "—"


@dataclass(frozen=True)
class DialectEndpoint:
    """A dialect's list-runs operation (`Spec.list_runs`), where its 200 answer keeps the runs, and every
    operation of its spec (the list included) by `Operation.key`."""

    dialect: str
    operation: Operation
    operations: Mapping[str, Operation] = field(default_factory=dict)

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
    document = read_document(spec_path(dialect)) if document is None else document
    operations = outline_document(document).operations
    return DialectEndpoint(dialect, operations[Spec(document).list_runs().key], operations)


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
