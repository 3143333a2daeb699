"""The rules one answer can be judged by alone, with the request that got it: pure functions, no HTTP.

The schema phase registers each as a Schemathesis check (`phase_checks`), so it judges every answer to the list
or the get that Hypothesis provokes, in every phase; the semantic checks of the same names judge the walks they
make themselves. A rule returns what is wrong (empty when nothing is)::

    answer = Answer("list", path={"id": "wf_1"}, query={"limit": "5"}, status=200, headers={}, body=body)
    RULES["page_size_respected"](Judged(DIALECTS["b3os"], LIST_FACTS), answer)   # ['6 runs, more than limit=5']
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from contracts.dialects.base import Dialect, Run, ShapeError, Timeline
from contracts.json_path import MISSING, dig, shown
from contracts.moments import moment
from contracts.paging import NumberedPaging, OffsetPaging
from contracts.run_order import misplaced

__all__ = ["RULES", "Answer", "Facts", "Judged"]


@dataclass(frozen=True)
class Facts:
    """What the rules need of a spec besides the dialect: its list's paging defaults and filter values."""

    default_size: int | None = None
    largest_size: int | None = None
    default_position: int | None = None
    filter_values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "default_size": self.default_size,
            "largest_size": self.largest_size,
            "default_position": self.default_position,
            "filter_values": {name: list(values) for name, values in self.filter_values.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Facts:
        values = data.get("filter_values", {})
        return cls(
            data.get("default_size"),
            data.get("largest_size"),
            data.get("default_position"),
            {name: tuple(found) for name, found in values.items()},
        )


@dataclass(frozen=True)
class Judged:
    dialect: Dialect
    facts: Facts


@dataclass(frozen=True)
class Answer:
    """One answer to the list (`operation="list"`) or the get (`"get"`), and the request's path and query."""

    operation: str
    path: Mapping[str, str]
    query: Mapping[str, str]
    status: int
    headers: Mapping[str, str]
    """Lower-case names, first value."""
    body: Any


Rule = Callable[["Judged", "Answer"], list[str]]


def runs_of(judged: Judged, answer: Answer) -> list[Run]:
    """The runs a 200 answer shows (the get's one run, or the list's), none when it has no readable runs."""
    if answer.status != 200 or answer.body is MISSING:
        return []
    if answer.operation == "get":
        run = dig(answer.body, judged.dialect.one_run_path)
        return [run] if isinstance(run, Mapping) else []
    try:
        return judged.dialect.runs_in(answer.body)
    except ShapeError:
        return []  # the schema checks' concern


def whole_number(value: str | None) -> int | None:
    return int(value) if value is not None and value.lstrip("-").isdigit() else None


def newest_first(judged: Judged, answer: Answer) -> list[str]:
    order = judged.dialect.order_field
    for newer, older in itertools.pairwise(runs_of(judged, answer) if answer.operation == "list" else []):
        if (what := misplaced(newer, older, order)) is not None:
            return [what]
    return []


def runs_belong_to_path(judged: Judged, answer: Answer) -> list[str]:
    dialect = judged.dialect
    if answer.operation == "get" and not dialect.get_names_owner:
        return []  # b3os' `/v1/runs/{id}`: its `id` is the run's, not the workflow's of the list
    runs = runs_of(judged, answer)
    problems: list[str] = []
    for parameter, field_name in (
        (dialect.tenant_parameter, dialect.tenant_field),
        (dialect.workflow_parameter, dialect.workflow_field),
    ):
        if parameter is None or field_name is None or parameter not in answer.path:
            continue
        named = answer.path[parameter]
        if named == dialect.self_alias:
            # The alias names the token's own tenant, whose real id the runs carry: they must agree on it.
            values = {str(run.get(field_name)) for run in runs}
            if len(values) > 1:
                problems.append(f"{field_name} takes {len(values)} values under {parameter}={named}")
            continue
        stray = next((run for run in runs if run.get(field_name) != named), None)
        if stray is not None:
            problems.append(f"run {stray.get('id')} has {field_name} {stray.get(field_name)!r}, not {named!r}")
    return problems


def node_runs_point_at_run(judged: Judged, answer: Answer) -> list[str]:
    node_runs = judged.dialect.node_runs
    if node_runs is None:
        return []
    for run in runs_of(judged, answer):
        for node in node_runs.of(run):
            if node.get(node_runs.parent_field) != run.get("id"):
                parent = node.get(node_runs.parent_field)
                return [f"node run {node.get('id')} of run {run.get('id')} has {node_runs.parent_field} {parent!r}"]
    return []


def filters_select_matching_runs(judged: Judged, answer: Answer) -> list[str]:
    if answer.operation != "list":
        return []
    problems = []
    for item in judged.dialect.filters:
        value = answer.query.get(item.parameter)
        if value is None or value == item.all_value or value not in judged.facts.filter_values.get(item.parameter, ()):
            continue
        stray = next((run for run in runs_of(judged, answer) if run.get(item.field) != value), None)
        if stray is not None:
            problems.append(
                f"{item.parameter}={value} lists run {stray.get('id')} whose {item.field} is {stray.get(item.field)!r}"
            )
    return problems


def asked_size(judged: Judged, answer: Answer) -> int | None:
    """The page size the request asked for (the documented default when it named none), if a valid one."""
    paging = judged.dialect.paging
    if paging is None:
        return None
    raw = answer.query.get(paging.size_parameter)
    size = judged.facts.default_size if raw is None else whole_number(raw)
    largest = judged.facts.largest_size
    if size is None or size < 1 or (largest is not None and size > largest):
        return None
    return size


def asked_position(judged: Judged, answer: Answer) -> int | None:
    paging = judged.dialect.paging
    if paging is None:
        return None
    raw = answer.query.get(paging.position_parameter)
    return judged.facts.default_position if raw is None else whole_number(raw)


def page_size_respected(judged: Judged, answer: Answer) -> list[str]:
    size = asked_size(judged, answer) if answer.operation == "list" and answer.status == 200 else None
    runs = runs_of(judged, answer)
    if size is None or len(runs) <= size:
        return []
    paging = judged.dialect.paging
    assert paging is not None  # asked_size is None without paging
    return [f"{len(runs)} runs, more than {paging.size_parameter}={size}"]


def paging_metadata_truthful(judged: Judged, answer: Answer) -> list[str]:
    """What a page says about itself agrees with the query: echoes, page numbers, and no more runs after a
    short page."""
    size, position = asked_size(judged, answer), asked_position(judged, answer)
    if answer.operation != "list" or answer.status != 200 or size is None or position is None:
        return []
    shown_runs = len(runs_of(judged, answer))
    paging = judged.dialect.paging
    if isinstance(paging, OffsetPaging):
        claims: dict[str, tuple[object, object]] = {
            shown(paging.size_echo_path): (dig(answer.body, paging.size_echo_path), size),
            shown(paging.position_echo_path): (dig(answer.body, paging.position_echo_path), position),
        }
        if shown_runs < size:
            claims[shown(paging.has_more_path)] = (dig(answer.body, paging.has_more_path), False)
        return [
            f"{name} is {claimed!r} for {truth!r} asked"
            for name, (claimed, truth) in claims.items()
            if claimed is not MISSING and claimed != truth
        ]
    if isinstance(paging, NumberedPaging):
        problems = [
            f"{header} is {answer.headers.get(header)!r} for {truth} asked"
            for header, truth in ((paging.page_header, position), (paging.size_header, size))
            if header in answer.headers and answer.headers[header] != str(truth)
        ]
        count = whole_number(answer.headers.get(paging.count_header))
        before = (position - paging.first_page) * size
        if count is not None and shown_runs and count < before + shown_runs:
            problems.append(
                f"{paging.count_header} is {count}, but page {position} shows runs up to {before + shown_runs}"
            )
        elif count is not None and 0 < shown_runs < size and count != before + shown_runs:
            problems.append(f"{paging.count_header} is {count}, but this short page ends at run {before + shown_runs}")
        return problems
    return []


def timed(judged: Judged, answer: Answer) -> Iterator[tuple[Run, Timeline, str]]:
    for run in runs_of(judged, answer):
        yield run, judged.dialect.timeline, "run"
        if judged.dialect.node_runs is not None:
            for node in judged.dialect.node_runs.of(run):
                yield node, judged.dialect.node_runs.timeline, "node run"


def describe(record: Run, kind: str, field_name: str) -> str:
    return f"{kind} {record.get('id')} ({record.get('status')}) has {field_name} {record.get(field_name)!r}"


def ends_not_before_start(judged: Judged, answer: Answer) -> list[str]:
    for record, timeline, kind in timed(judged, answer):
        start, end = moment(record.get(timeline.start_field)), moment(record.get(timeline.end_field))
        if start is not None and end is not None and end < start:
            return [
                f"{describe(record, kind, timeline.end_field)}, before its {timeline.start_field} "
                f"{record.get(timeline.start_field)!r}"
            ]
    return []


def timeline_rule(statuses: Callable[[Timeline], frozenset[str]], end: bool, must_be_set: bool) -> Rule:
    def rule(judged: Judged, answer: Answer) -> list[str]:
        for record, timeline, kind in timed(judged, answer):
            field_name = timeline.end_field if end else timeline.start_field
            if str(record.get("status")) in statuses(timeline) and (record.get(field_name) is None) == must_be_set:
                return [describe(record, kind, field_name)]
        return []

    return rule


RULES: dict[str, Rule] = {
    "newest_first": newest_first,
    "runs_belong_to_path": runs_belong_to_path,
    "node_runs_point_at_run": node_runs_point_at_run,
    "filters_select_matching_runs": filters_select_matching_runs,
    "page_size_respected": page_size_respected,
    "paging_metadata_truthful": paging_metadata_truthful,
    "ends_not_before_start": ends_not_before_start,
    "finished_runs_have_end": timeline_rule(lambda timeline: timeline.ended, end=True, must_be_set=True),
    "unfinished_runs_have_no_end": timeline_rule(lambda timeline: timeline.not_ended, end=True, must_be_set=False),
    "pending_runs_not_started": timeline_rule(lambda timeline: timeline.not_started, end=False, must_be_set=False),
}
"""Each rule by the name of the check that judges the same rule on the walks it makes itself."""
