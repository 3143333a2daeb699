"""The spec's inventory (operations, documented statuses, links) and the record of what a run exercised of it.

Every exchange of a run is told to one `Exercised`: the suite's client and the schema phase's scenarios, or the
proxy's traffic. An exchange counts for the operation it matches, with its status; a link counts when its target
was asked with what the link gave; the check that sent or judged the exchange is noted against the operation::

    exercised = Exercised(Spec.of_dialect("b3os"), base_path="/b3os")
    exercised.judging = "newest_first"
    exercised.exchange("GET", "/b3os/v1/workflows/wf_1/runs", 200)
    exercised.follow(LinkKey("listRuns", "200", "GetRun", "getRun"))
    exercised.coverage(writes_allowed=False).operations[0].exercised
"""

from __future__ import annotations

import threading
from collections import Counter

from contracts.core.outcomes import SAFE_METHODS
from contracts.coverage.coverage import Coverage, LinkCoverage, LinkKey, OperationCoverage, StatusCoverage, documents
from contracts.coverage.routes import Matched, Routes
from workflow_runs_specs.reader import Operation, Spec

__all__ = ["Exercised", "links_of"]

READ_ONLY = "not exercised: read-only (--allow-writes sends it)"
LINK_READ_ONLY = "not followed: read-only"
NOT_OWN_RUN = "not followed: it writes on a run the target had, and the suite writes only on runs it created"


def name_of(operation: Operation) -> str:
    return operation.operation_id or operation.key


def links_of(spec: Spec) -> tuple[LinkKey, ...]:
    """Every link the spec documents on an answer, `$ref`s followed, in the spec's order."""
    found = []
    for operation in spec.operations:
        for status, answer in operation.responses.items():
            for name, raw in answer.get("links", {}).items():
                target = spec.resolve(raw).get("operationId")
                if target is not None:
                    found.append(LinkKey(name_of(operation), status, name, str(target)))
    return tuple(found)


class Exercised:
    """What a run exercised of `spec`, told each exchange as it happens (from any thread)."""

    def __init__(self, spec: Spec, base_path: str = "") -> None:
        self.spec = spec
        self.routes = Routes(spec)
        self.base_path = base_path.rstrip("/")
        self.links = links_of(spec)
        self.judging: str | None = None
        """The check now sending requests, noted against the operations they reach."""
        self.statuses: dict[str, Counter[int]] = {name_of(operation): Counter() for operation in spec.operations}
        self.checks: dict[str, set[str]] = {name: set() for name in self.statuses}
        self.followed: Counter[LinkKey] = Counter()
        self.lock = threading.Lock()

    def exchange(self, method: str, path: str, status: int, checks: tuple[str, ...] | None = None) -> str | None:
        """Count an exchange with the request's raw `path` (under the base path), judged by `checks` (the check now
        judging when None); the operation it is, or None when it is none of the spec's (an undocumented path or
        method exercises nothing)."""
        if not path.startswith(self.base_path):
            return None
        matched = self.routes.match(method, path[len(self.base_path) :] or "/")
        if not isinstance(matched, Matched):
            return None
        if checks is None:
            checks = () if self.judging is None else (self.judging,)
        self.answered(matched.name, status, checks)
        return matched.name

    def answered(self, operation: str, status: int, checks: tuple[str, ...] = ()) -> None:
        """Count an answer with `status` of `operation` (its operation id), judged by `checks`."""
        with self.lock:
            if operation in self.statuses:
                self.statuses[operation][status] += 1
                self.checks[operation].update(checks)

    def follow(self, link: LinkKey) -> None:
        with self.lock:
            self.followed[link] += 1

    def coverage(self, writes_allowed: bool, links_seen: bool = True) -> Coverage:
        """The coverage so far; without `writes_allowed`, the writes are not counted (a read-only run sends none);
        without `links_seen`, the links are not reported (traffic shows no link it followed)."""
        with self.lock:
            operations = tuple(self.operation(operation, writes_allowed) for operation in self.spec.operations)
            links = tuple(self.link(link, operations) for link in self.links)
        return Coverage(operations, links if links_seen else (), read_only=not writes_allowed)

    def link(self, link: LinkKey, operations: tuple[OperationCoverage, ...]) -> LinkCoverage:
        """A link counts when both its ends do, and it is no link from a read to a write: that one names a run the
        target had, which the suite never writes on."""
        ends = {entry.operation_id: entry for entry in operations if entry.operation_id in (link.source, link.target)}
        source, target = ends.get(link.source), ends.get(link.target)
        followed = self.followed[link]
        if source is None or target is None:
            return LinkCoverage(link, followed, False, "not followed: it names no operation of the spec")
        if not (source.counted and target.counted):
            return LinkCoverage(link, followed, False, LINK_READ_ONLY)
        if source.method in SAFE_METHODS and target.method not in SAFE_METHODS:
            return LinkCoverage(link, followed, False, NOT_OWN_RUN)
        return LinkCoverage(link, followed)

    def operation(self, operation: Operation, writes_allowed: bool) -> OperationCoverage:
        name = name_of(operation)
        seen = self.statuses[name]
        documented = tuple(operation.responses)
        statuses = tuple(
            StatusCoverage(key, sum(count for status, count in seen.items() if documents(key, status, documented)))
            for key in documented
        )
        undocumented = tuple(
            sorted(status for status in seen if not any(documents(k, status, documented) for k in documented))
        )
        counted = writes_allowed or operation.method.upper() in SAFE_METHODS
        return OperationCoverage(
            name,
            operation.method.upper(),
            operation.path,
            sum(seen.values()),
            statuses,
            undocumented,
            tuple(sorted(self.checks[name])),
            counted,
            "" if counted else READ_ONLY,
        )
