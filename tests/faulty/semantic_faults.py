"""Faults that keep every answer schema-valid and break a rule only the semantic checks can see: paging,
ordering, filters, ownership, timeline, not found, auth and validation."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.faulty.fault import Fault, paged, rule
from tests.faulty.layouts import Layout
from tests.faulty.rewrites import (
    Runs,
    empty_list,
    let_anyone_in,
    moved,
    on_document,
    on_runs,
    served_instead,
    then,
)
from tests.faulty.router import Answer, Inner, Request, Rewrite
from tests.faulty.schema_faults import accepts_invalid_input
from tests.spec_support import list_operation, load_spec, resolve


def ignores_unknown_query(layout: Layout) -> bool:
    return bool(load_spec(layout.dialect)["x-unknown-query-parameters"] == "ignored")


def declared_query(dialect: str) -> set[str]:
    parameters = [resolve(dialect, parameter) for parameter in list_operation(dialect)[1].get("parameters", [])]
    return {parameter["name"] for parameter in parameters if parameter["in"] == "query"}


def drop_unknown_query(request: Request, layout: Layout) -> None:
    """Serve the request as if it had only the query parameters the spec declares."""
    declared = declared_query(layout.dialect)
    request.query = [(name, value) for name, value in request.query if name in declared]


def refuse_unknown_query(answer: Answer, request: Request, layout: Layout) -> None:
    unknown = [name for name, _ in request.query if name not in declared_query(layout.dialect)]
    if answer.status == 200 and unknown:
        issue = {"loc": ["query", unknown[0]], "msg": "Extra inputs are not permitted", "type": "extra_forbidden"}
        answer.set_json({"detail": [issue]}, status=422)


def one_more_than_asked(request: Request, layout: Layout) -> bool:
    size = request.get(layout.size_parameter)
    if size is None:
        return False
    request.replace(layout.size_parameter, str(int(size) + 1))
    return True


def echo_asked_size(answer: Answer, request: Request, layout: Layout) -> None:
    """Say the size the client asked for, although one more was served."""
    size = request.get(layout.size_parameter)
    if answer.status != 200 or size is None:
        return
    if layout.paging == "offset":
        document = answer.json()
        document["data"]["limit"] = int(size)
        answer.set_json(document)
    else:
        answer.headers["pagination-take"] = size


def next_page_instead(request: Request, layout: Layout) -> bool:
    page = request.get("page")
    if page is None:
        return False
    request.replace("page", str(int(page) + 1))
    return True


def echo_asked_page(answer: Answer, request: Request, layout: Layout) -> None:
    page = request.get("page")
    if page is not None and "pagination-page" in answer.headers:
        answer.headers["pagination-page"] = page


def page_starts_one_early(request: Request, layout: Layout) -> bool:
    """Offset paging: an offset on a page boundary starts one run early (pages overlap by one run)."""
    offset, limit = int(request.get("offset") or 0), int(request.get("limit") or 20)
    if offset == 0 or offset % limit:
        return False
    request.replace("offset", str(offset - 1))
    return True


async def overlap_previous_page(answer: Answer, request: Request, layout: Layout, inner: Inner) -> None:
    if layout.paging == "offset":
        await served_instead(page_starts_one_early)(answer, request, layout, inner)
        if answer.status == 200 and request.get("offset") is not None:
            document = answer.json()
            document["data"]["offset"] = int(request.get("offset") or 0)
            answer.set_json(document)
        return
    if answer.status != 200:
        return  # an invalid page (which only a 400 answers) is no page to overlap
    page, take = int(request.get("page") or 1), request.get("take")
    if page < 2 or not answer.json():
        return
    previous = Request(request.path, [*request.query], request.headers)
    previous.replace("page", str(page - 1))
    last_of_previous = (await inner(previous)).json()[-1:]
    runs = answer.json()
    answer.set_json(last_of_previous + runs[: int(take or 20) - 1] if len(runs) >= int(take or 20) else runs)


def lying_metadata(answer: Answer, request: Request, layout: Layout) -> None:
    if answer.status != 200:
        return
    if layout.paging == "offset":
        document = answer.json()
        document["data"]["hasMore"] = False
        answer.set_json(document)
    else:
        answer.headers["pagination-count"] = str(len(answer.json()))


def oldest_first(runs: Runs, layout: Layout) -> None:
    runs.reverse()


def without_filter(request: Request, layout: Layout) -> bool:
    if request.get(layout.filters[0]) is None:
        return False
    request.replace(layout.filters[0], None)
    return True


def all_means_completed(request: Request, layout: Layout) -> None:
    if request.get("status") == "ALL":
        request.replace("status", layout.finished)


def last_run_elsewhere(field: Callable[[Layout], str | None]) -> Callable[[Runs, Layout], None]:
    def change(runs: Runs, layout: Layout) -> None:
        name = field(layout)
        if runs and name:
            runs[-1][name] = layout.foreign_id

    return change


def node_run_elsewhere(runs: Runs, layout: Layout) -> None:
    for run in runs:
        for node in run.get("node_runs", [])[:1]:
            node["workflow_run_id"] = layout.foreign_id


def ends_an_hour_early(runs: Runs, layout: Layout) -> None:
    for run in runs:
        if run.get(layout.start) and run.get(layout.end):
            run[layout.end] = moved(run[layout.start], hours=-1)


def finished_without_end(runs: Runs, layout: Layout) -> None:
    for run in runs:
        if run.get("status") == layout.finished:
            run[layout.end] = None


def running_with_end(runs: Runs, layout: Layout) -> None:
    for run in runs:
        if run.get("status") == layout.running and run.get(layout.start):
            run[layout.end] = moved(run[layout.start], minutes=1)


def pending_started(runs: Runs, layout: Layout) -> None:
    for run in runs:
        if run.get("status") == layout.pending:
            run[layout.start] = run[layout.timestamp]


def any_case_accepted(request: Request, layout: Layout) -> None:
    """Read every filter value case-insensitively, as a lenient server would."""
    for name in layout.filters:
        value = request.get(name)
        if value is not None:
            request.replace(name, value.lower() if layout.paging == "offset" else value.upper())


def not_found_as_empty_list(answer: Answer, request: Request, layout: Layout) -> None:
    if answer.status == 404:
        empty_list(answer, request, layout)


def shapeless(status: int) -> Callable[[Answer, Request, Layout], None]:
    def change(answer: Answer, request: Request, layout: Layout) -> None:
        if answer.status == status:
            answer.body = json.dumps({"error": "something went wrong"}).encode()

    return change


def not_found_rule(layout: Layout) -> str:
    return "unknown_tenant_gets_404" if layout.tenant_parameter else "unknown_workflow_gets_404"


SEMANTIC_FAULTS: tuple[Fault, ...] = (
    Fault(
        "page_larger_than_asked",
        rule("page_size_respected"),
        Rewrite(answer=then(served_instead(one_more_than_asked), on_document(echo_asked_size))),
        applies=paged,
    ),
    Fault(
        "zero_based_pages",
        rule("page_numbering"),
        Rewrite(answer=then(served_instead(next_page_instead), on_document(echo_asked_page))),
        applies=lambda layout: layout.paging == "numbered",
    ),
    Fault(
        "overlapping_pages",
        rule("pages_do_not_overlap"),
        Rewrite(answer=overlap_previous_page),
        applies=paged,
    ),
    Fault(
        "lying_paging_metadata",
        rule("paging_metadata_truthful"),
        Rewrite(answer=on_document(lying_metadata)),
        applies=paged,
    ),
    Fault("oldest_first", rule("newest_first"), Rewrite(answer=on_runs(oldest_first))),
    Fault(
        "filter_ignored",
        rule("filters_select_matching_runs"),
        Rewrite(answer=served_instead(without_filter)),
        applies=lambda layout: bool(layout.filters),
    ),
    Fault(
        "all_is_not_everything",
        rule("filter_all_means_no_filter"),
        Rewrite(request=all_means_completed),
        applies=lambda layout: layout.has_all_value,
    ),
    Fault(
        "run_of_another_workflow",
        rule("runs_belong_to_path"),
        Rewrite(answer=on_runs(last_run_elsewhere(lambda layout: layout.workflow_field))),
        applies=lambda layout: layout.workflow_field is not None,
    ),
    Fault(
        "run_of_another_tenant",
        rule("runs_belong_to_path"),
        Rewrite(answer=on_runs(last_run_elsewhere(lambda layout: layout.tenant_field))),
        applies=lambda layout: layout.tenant_field is not None,
    ),
    Fault(
        "node_run_points_elsewhere",
        rule("node_runs_point_at_run"),
        Rewrite(answer=on_runs(node_run_elsewhere)),
        applies=lambda layout: layout.node_runs,
    ),
    Fault("ends_before_it_starts", rule("ends_not_before_start"), Rewrite(answer=on_runs(ends_an_hour_early))),
    Fault("finished_without_end", rule("finished_runs_have_end"), Rewrite(answer=on_runs(finished_without_end))),
    Fault("running_with_end", rule("unfinished_runs_have_no_end"), Rewrite(answer=on_runs(running_with_end))),
    Fault(
        "pending_but_started",
        rule("pending_runs_not_started"),
        Rewrite(answer=on_runs(pending_started)),
        applies=lambda layout: layout.pending is not None,
    ),
    Fault("unknown_ids_empty_200", not_found_rule, Rewrite(answer=on_document(not_found_as_empty_list))),
    Fault("not_found_wrong_shape", not_found_rule, Rewrite(answer=on_document(shapeless(404)))),
    Fault("auth_ignored", rule("missing_token_gets_401"), Rewrite(request=let_anyone_in)),
    Fault("unauthorized_wrong_shape", rule("missing_token_gets_401"), Rewrite(answer=on_document(shapeless(401)))),
    Fault(
        "invalid_input_accepted",
        rule("invalid_parameters_rejected"),
        Rewrite(answer=on_document(accepts_invalid_input)),
    ),
    Fault(
        "accepts_case_variants",
        rule("enum_spellings_rejected"),
        Rewrite(request=any_case_accepted),
        applies=lambda layout: bool(layout.filters),
    ),
    Fault(
        "unknown_query_parameter_ignored",
        rule("unknown_query_parameter_as_documented"),
        Rewrite(request=drop_unknown_query),
        applies=lambda layout: not ignores_unknown_query(layout),
    ),
    Fault(
        "unknown_query_parameter_refused",
        rule("unknown_query_parameter_as_documented"),
        Rewrite(answer=on_document(refuse_unknown_query)),
        applies=ignores_unknown_query,
    ),
)
