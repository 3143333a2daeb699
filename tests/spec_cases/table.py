"""The shape of a dialect's table of spec cases, and how its near misses are built from valid bodies."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.spec_support import Document

Path = tuple[str | int, ...]
Cases = Sequence[pytest.ParameterSet]
"""`pytest.param`s with readable ids; the generic tests prefix each id with the dialect."""
Link = tuple[str, Mapping[str, str]]
"""An OpenAPI link: the operationId it leads to and its parameters."""

DELETE = object()
"""The value for `changed` that removes the member instead of setting it."""


def changed(body: Any, path: Path, value: object) -> Any:
    """A deep copy of `body` with the member at `path` set to `value` (added if missing), or removed (`DELETE`)."""
    result: Any = copy.deepcopy(body)
    parent: Any = result
    for key in path[:-1]:
        parent = parent[key]
    if value is DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return result


@dataclass(frozen=True)
class SpecTable:
    """What one dialect's spec must say, and the bodies and values it must accept or reject.

    Operations are named by operationId. A case rejected by the spec is a valid one with exactly one thing
    changed, so it fails at exactly one place.
    """

    dialect: str
    list_operation: tuple[str, str]
    """(operationId, path template) of the list-runs endpoint."""
    operations: Mapping[str, tuple[str, str]]
    """Every operation: operationId -> (method, path template)."""
    statuses: Mapping[str, Sequence[str]]
    """The documented statuses of operations, sorted."""
    parameters: Mapping[str, Sequence[tuple[str, str, bool]]]
    """The parameters of operations, in order: (name, in, required)."""
    required: Mapping[str, Sequence[str]]
    """Component schema -> its required properties, in the reference page's order."""
    error_schemas: Mapping[str, str]
    """The list operation's error status -> the component schema its body is."""
    headers: Cases
    """(status, header, schema): a required header of the list operation's answer."""
    pages_accepted: Cases
    pages_rejected: Cases
    """Bodies of the list operation's 200."""
    errors_accepted: Cases
    errors_rejected: Cases
    """(status, body): error bodies of the list operation."""
    parameters_accepted: Cases
    parameters_rejected: Cases
    """(name, value): values of the list operation's parameters."""
    newest_first: Callable[[Document], tuple[Any, ...]]
    """The key by which a page's runs are in descending order."""
    enums: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Component schema -> its enum, in the reference page's order."""
    defaults: Mapping[str, object] = field(default_factory=dict)
    """The list operation's parameter -> its default."""
    run_schema: str = "WorkflowRun"
    """The component schema of a run, the items of the list's page."""
    answering_a_run: Sequence[str] = ()
    """Operations whose 200 is the list's run object itself."""
    request_bodies: Mapping[str, bool | None] = field(default_factory=dict)
    """Operation -> whether its JSON body is required; None when it takes no body."""
    bodies_accepted: Cases = ()
    bodies_rejected: Cases = ()
    """(operationId, body): request bodies."""
    answers_accepted: Cases = ()
    answers_rejected: Cases = ()
    """(operationId, status, body): answers of operations other than the list's."""
    links: Mapping[str, Mapping[str, Link] | None] = field(default_factory=dict)
    """Operation -> its 200's links by name; None when it has none."""
    example_runs: Callable[[Any], list[Document]] = list
    """The runs of one of the list operation's 200 examples."""
