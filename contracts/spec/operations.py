"""The spec's operations sorted into reads and writes, and what a read-only run may send: safe methods only.

A write (POST, PUT, PATCH, DELETE, ...) creates, cancels or changes runs on the target; a read-only run sends
none, and probes for undocumented methods only with the safe ones::

    reads, writes = split_operations(document)
    [operation.label for operation in writes]   # ['runWorkflow (POST /v1/workflows/{id}/run)', ...]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from contracts.core.outcomes import SAFE_METHODS
from workflow_runs_specs import reader

__all__ = ["SAFE_METHODS", "SAFE_PROBE_METHODS", "SpecOperation", "owner", "pinnable", "split_operations"]

SAFE_PROBE_METHODS = ("get", "options", "trace")
"""The undocumented methods the coverage phase may probe a path with, writes allowed or not (Schemathesis' own list
also holds post, put, patch, delete and query, which a server that ignores the method would act on)."""


@dataclass(frozen=True)
class SpecOperation:
    method: str
    path: str
    operation_id: str | None

    @property
    def safe(self) -> bool:
        return self.method in SAFE_METHODS

    @property
    def label(self) -> str:
        where = f"{self.method} {self.path}"
        return f"{self.operation_id} ({where})" if self.operation_id else where


def split_operations(document: Mapping[str, Any]) -> tuple[tuple[SpecOperation, ...], tuple[SpecOperation, ...]]:
    """The spec's operations with a safe method, and those without (writes), each in the spec's order."""
    operations = [
        SpecOperation(found.method.upper(), found.path, found.operation_id)
        for found in reader.Spec(document).operations
    ]
    return (
        tuple(operation for operation in operations if operation.safe),
        tuple(operation for operation in operations if not operation.safe),
    )


def owner(path: str, name: str) -> str | None:
    """The literal segment before `{name}` in `path`: b3os' `id` is a workflow after `workflows`, a run after
    `runs`, so a pinned workflow id is pinned only where the path names a workflow."""
    segments = path.strip("/").split("/")
    where = segments.index(f"{{{name}}}") if f"{{{name}}}" in segments else None
    return segments[where - 1] if where else None


def pinnable(list_path: str, path: str, names: tuple[str, ...], also: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The path parameters `names` of `path` that `--param` pins: those naming in it what they name in the list's
    path, and `also` (invent's trigger names a workflow its list's path does not)."""
    return tuple(
        name
        for name in names
        if name in also or (f"{{{name}}}" in list_path and owner(list_path, name) == owner(path, name))
    )
