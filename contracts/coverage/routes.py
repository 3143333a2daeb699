"""Which operation of the spec a request is: its path matched against every path template, then its method.

routes = Routes(Spec.of_dialect("b3os"))
routes.match("GET", "/v1/runs/run_1")   # Matched(operation=getRun, path={"id": "run_1"})
routes.match("GET", "/v2/runs")         # Unmatched("undocumented path")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from workflow_runs_specs.reader import Operation, Spec

__all__ = ["Matched", "Routes", "Unmatched"]

PARAMETER = re.compile(r"\\\{([^}]+)\\\}")


@dataclass(frozen=True)
class Matched:
    operation: Operation
    path: dict[str, str]
    """The path parameters, percent-decoded."""

    @property
    def name(self) -> str:
        return self.operation.operation_id or self.operation.key


@dataclass(frozen=True)
class Unmatched:
    reason: str
    """`undocumented path`, or `undocumented method` where the path is documented for other methods."""


def pattern(template: str) -> re.Pattern[str]:
    """A regular expression of a path template: each `{name}` one non-empty segment."""
    return re.compile(PARAMETER.sub(lambda found: f"(?P<{found.group(1)}>[^/]+)", re.escape(template)))


class Routes:
    """Every path template of a spec, literal segments preferred over parameters (`/runs/{id}` vs `/runs/x`)."""

    def __init__(self, spec: Spec) -> None:
        by_path: dict[str, dict[str, Operation]] = {}
        for operation in spec.operations:
            by_path.setdefault(operation.path, {})[operation.method] = operation
        # More literal characters first, so a fixed segment wins over a parameter in the same place.
        ordered = sorted(by_path, key=lambda template: -len(PARAMETER.sub("", re.escape(template))))
        self.routes = [(pattern(template), by_path[template]) for template in ordered]

    def match(self, method: str, path: str) -> Matched | Unmatched:
        methods_elsewhere = False
        for regex, operations in self.routes:
            found = regex.fullmatch(path)
            if found is None:
                continue
            operation = operations.get(method.lower())
            if operation is None:
                methods_elsewhere = True
                continue
            return Matched(operation, {name: unquote(value) for name, value in found.groupdict().items()})
        return Unmatched("undocumented method" if methods_elsewhere else "undocumented path")
