"""One exchange judged: the operation it matched, the request against the spec, the answer against what the
operation documents and the suite's per-response rules, then what it adds to earlier traffic (pages, runs).

    judge = Judge.of_dialect("b3os")
    judge.judge(exchange)    # [Violation(rule="newest_first", ...)], empty when the exchange broke nothing
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from contracts.core.json_path import dig
from contracts.coverage.routes import Matched, Routes, Unmatched
from contracts.dialects import DIALECTS
from contracts.dialects.base import Dialect, ShapeError
from contracts.proxy.answers import AnswerJudge, Problem, loaded, parsed_body
from contracts.proxy.exchange import Exchange
from contracts.proxy.pages import Listed, Pages
from contracts.proxy.requests import RequestJudge
from contracts.proxy.rules import STATEMENTS
from contracts.proxy.runs import Flags, Runs, Written
from contracts.proxy.schemas import Schemas
from contracts.proxy.violations import Violation
from contracts.rules.response_rules import Facts, Judged
from workflow_runs_specs import spec_path
from workflow_runs_specs.reader import Operation, Spec

__all__ = ["Judge", "facts_of"]


def facts_of(operation: Operation, dialect: Dialect) -> Facts:
    """What the per-response rules need of the list: its paging defaults and largest page, its filter values."""

    def schema(name: str) -> Mapping[str, Any]:
        parameter = operation.parameters.get(name)
        return operation.spec.resolve(parameter.get("schema", {})) if parameter else {}

    values = {
        item.parameter: tuple(str(value) for value in schema(item.parameter).get("enum", ()) if value != item.all_value)
        for item in dialect.filters
    }
    paging = dialect.paging
    if paging is None:
        return Facts(filter_values=values)
    size, position = schema(paging.size_parameter), schema(paging.position_parameter)
    first = int(paging.query(0, 1)[paging.position_parameter])
    return Facts(
        default_size=size.get("default"),
        largest_size=size.get("maximum"),
        default_position=int(position.get("default", first)),
        filter_values=values,
    )


class Judge:
    def __init__(self, dialect: Dialect, spec: Spec) -> None:
        self.dialect, self.spec = dialect, spec
        schemas = Schemas(spec.document)
        self.routes = Routes(spec)
        self.requests = RequestJudge(spec, schemas)
        listing = spec.list_runs()
        judged = Judged(dialect, facts_of(listing, dialect))
        self.answers = AnswerJudge(spec, schemas, judged, listing.operation_id)
        self.pages = Pages(judged)
        self.runs = Runs(dialect, listing.parameter_names("path"))
        self.writes_seen = 0
        got = spec.operation(dialect.get_run).parameter_names("query") if dialect.get_run else ()
        self.shared_flags = frozenset(got) & frozenset(listing.parameter_names("query"))
        """The query parameters the list and the get both take (cortex's `verbose`), which shape a run's reading."""

    @classmethod
    def of_dialect(cls, dialect: str, spec: Path | None = None) -> Judge:
        return cls(DIALECTS[dialect], Spec.read(spec or spec_path(dialect)))

    def judge(self, exchange: Exchange) -> list[Violation]:
        matched = self.routes.match(exchange.method, exchange.path)
        if isinstance(matched, Unmatched):
            problem = Problem("documented_operation", STATEMENTS["documented_operation"], matched.reason)
            return [self.violation(exchange, f"{exchange.method} {exchange.path}", problem)]
        request = self.requests.judge(matched, exchange)
        body = parsed_body(exchange)
        operation = matched.operation
        problems = [
            Problem("request_as_documented", STATEMENTS["request_as_documented"], issue.detail)
            for issue in request.issues[:1]
        ]
        problems += self.answers.to_request(request, exchange)
        documented = self.answers.documented(operation, exchange, body)
        problems += documented
        problems += self.answers.per_response(operation, matched.path, exchange, body)
        if not request.issues and (not documented or self.answers.kind(operation) == "write"):
            problems += self.across(matched, exchange, body)
        return [self.violation(exchange, matched.name, problem) for problem in problems]

    def across(self, matched: Matched, exchange: Exchange, body: Any) -> list[Problem]:
        """What the exchange adds to earlier traffic: a page of a query, a run read, a write answered 2xx."""
        kind = self.answers.kind(matched.operation)
        if kind == "list" and exchange.status == 200:
            try:
                runs = self.dialect.runs_in(body)
            except ShapeError:
                return []
            query = dict(reversed(exchange.query_pairs))
            listed = Listed(matched.path, query, dict(reversed(exchange.response_headers)), body, runs)
            return self.pages.observe(listed, self.writes_seen) + self.runs.listed(
                matched.path, runs, self.first_unfiltered(query), self.flags(query)
            )
        if kind == "get" and exchange.status == 200:
            run = dig(body, self.dialect.one_run_path)
            flags = self.flags(dict(reversed(exchange.query_pairs)))
            return self.runs.got(run, flags) if isinstance(run, Mapping) else []
        if kind != "write":
            return []
        write = Written(matched.operation.operation_id or "", matched.path, loaded(exchange.request_body), body)
        if 200 <= exchange.status < 300:
            self.writes_seen += 1
            return self.runs.written(write)
        if self.dialect.writes is not None and exchange.status == self.dialect.writes.conflict_status:
            return self.runs.found_elsewhere(write)  # the server found the run, whatever else it said
        return []

    def flags(self, query: Mapping[str, str]) -> Flags:
        return tuple(sorted((name, value) for name, value in query.items() if name in self.shared_flags))

    def first_unfiltered(self, query: Mapping[str, str]) -> bool:
        """Whether a list request asks for the first page with no filter (ALL aside)."""
        if any(query.get(item.parameter) not in (None, item.all_value) for item in self.dialect.filters):
            return False
        paging = self.dialect.paging
        if paging is None:
            return True
        position = query.get(paging.position_parameter)
        return position is None or position == paging.query(0, 1)[paging.position_parameter]

    def violation(self, exchange: Exchange, operation: str, problem: Problem) -> Violation:
        redact = exchange.secret.redact
        return Violation(
            rule=problem.rule,
            operation=operation,
            request=redact(f"{exchange.method} {exchange.target}"),
            expected=problem.expected,
            actual=redact(problem.actual),
            answer=exchange.describe(),
            curl=exchange.curl(),
        )
