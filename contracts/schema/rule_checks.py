"""The per-response rules registered as Schemathesis checks, so they judge every answer of every phase.

Schemathesis' registry is global and its checks see only the request and the answer, so what a rule needs to know
(the dialect, which operations are the list and the get, the paging defaults) travels in the copy of the spec
the phase loads, under `x-contracts-rules` (`mark`); a spec without it (any other Schemathesis run in the same
process) is judged by none of these checks.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import schemathesis
from schemathesis.core.transport import Response
from schemathesis.generation.case import Case

from contracts.core.json_path import MISSING
from contracts.dialects import DIALECTS
from contracts.rules.response_rules import RULES, Answer, Facts, Judged, Rule

__all__ = ["EXPECTATIONS", "PHASE_RULES", "mark"]

KEY = "x-contracts-rules"
PHASE_RULES = tuple(RULES)
"""The names of the checks registered here, each the name of the semantic check judging the same rule."""

EXPECTATIONS = {  # what each rule expects of an answer, as a finding says it
    "newest_first": "runs newest first, ties by id descending",
    "runs_belong_to_path": "only runs of the tenant and workflow the path names",
    "node_runs_point_at_run": "node runs that point at the run listing them",
    "filters_select_matching_runs": "only runs matching the filter asked",
    "page_size_respected": "no more runs than the page size asked",
    "paging_metadata_truthful": "paging echoes, headers and hasMore that agree with the query",
    "ends_not_before_start": "an end no earlier than the start",
    "finished_runs_have_end": "an end on every finished run",
    "unfinished_runs_have_no_end": "no end on a run that has not finished",
    "pending_runs_not_started": "no start on a run that has not started",
}


def mark(document: dict[str, Any], dialect: str, list_id: str, get_id: str | None, facts: Facts) -> None:
    """Tell the checks registered here what they judge `document`'s answers as."""
    document[KEY] = {"dialect": dialect, "list": list_id, "get": get_id, "facts": facts.as_dict()}


def text(value: Any) -> str:
    if isinstance(value, list):
        return text(value[0]) if value else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def answer_of(case: Case[Any], response: Response, marked: Mapping[str, Any]) -> Answer | None:
    operation_id = case.operation.definition.raw.get("operationId")
    kind = {marked.get("list"): "list", marked.get("get"): "get"}.get(operation_id)
    if kind is None or response.status_code != 200:
        return None
    try:
        body: Any = json.loads(response.content) if response.content else MISSING
    except ValueError:
        return None  # not JSON: the schema checks' concern
    return Answer(
        kind,
        path={name: text(value) for name, value in (case.path_parameters or {}).items()},
        query={name: text(value) for name, value in (case.query or {}).items()},
        status=response.status_code,
        headers={name.lower(): values[0] for name, values in response.headers.items() if values},
        body=body,
    )


def register(name: str, rule: Rule) -> None:
    # Schemathesis reads a true return as "skipped": an answer the rule has nothing to say about is not counted.
    def judge(ctx: schemathesis.CheckContext, response: Response, case: Case[Any]) -> bool | None:
        marked = case.operation.schema.raw_schema.get(KEY)
        if not isinstance(marked, Mapping):
            return True
        answer = answer_of(case, response, marked)
        if answer is None:
            return True
        judged = Judged(DIALECTS[marked["dialect"]], Facts.from_dict(marked["facts"]))
        problems = rule(judged, answer)
        if problems:
            raise AssertionError("; ".join(problems))
        return None

    judge.__name__ = name
    judge.__qualname__ = name
    schemathesis.check(judge)


for _name, _rule in RULES.items():
    register(_name, _rule)
