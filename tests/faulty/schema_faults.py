"""Faults that break what the spec's schemas say: a run's fields, the envelope, the status, the media type, the
headers, what is accepted and who is let in. A whole run judges them; the schema phase comes first."""

from __future__ import annotations

from tests.faulty.fault import Fault, rule
from tests.faulty.layouts import Layout
from tests.faulty.rewrites import Runs, empty_list, let_anyone_in, on_document, on_runs
from tests.faulty.router import Answer, Request, Rewrite


def without_id(runs: Runs, layout: Layout) -> None:
    for run in runs:
        run.pop("id", None)


def numeric_id(runs: Runs, layout: Layout) -> None:
    for run in runs:
        run["id"] = 12345


def status_outside_enum(runs: Runs, layout: Layout) -> None:
    for run in runs:
        run["status"] = layout.bad_status


def timestamp_not_a_date(runs: Runs, layout: Layout) -> None:
    for run in runs:
        run[layout.timestamp] = "yesterday"


def wrong_envelope(answer: Answer, request: Request, layout: Layout) -> None:
    if answer.status == 200:
        document = answer.json()
        answer.set_json(document["data"] if layout.runs_path else {"items": document})


def server_error_on_valid_input(answer: Answer, request: Request, layout: Layout) -> None:
    # A 200 means the input was valid; the dialects without query parameters fail on every valid request.
    if answer.status == 200 and (request.query or layout.paging is None):
        answer.set_json({"message": "internal error"}, status=500)


def text_content_type(answer: Answer, request: Request, layout: Layout) -> None:
    if answer.status == 200:
        answer.headers["content-type"] = "text/plain; charset=utf-8"


def accepts_invalid_input(answer: Answer, request: Request, layout: Layout) -> None:
    if answer.status in (400, 422):
        empty_list(answer, request, layout)


def without_count_header(answer: Answer, request: Request, layout: Layout) -> None:
    answer.headers.pop("pagination-count", None)


def invalid_input_rule(layout: Layout) -> str:
    # With the path pinned, only dialects with query parameters leave Schemathesis something to make invalid.
    return "negative_data_rejection" if layout.paging else "invalid_parameters_rejected"


SCHEMA_FAULTS: tuple[Fault, ...] = (
    Fault(
        "missing_required_field",
        rule("response_schema_conformance"),
        Rewrite(answer=on_runs(without_id)),
        semantic=False,
    ),
    Fault("wrong_type", rule("response_schema_conformance"), Rewrite(answer=on_runs(numeric_id)), semantic=False),
    Fault(
        "bad_enum",
        rule("response_schema_conformance"),
        Rewrite(answer=on_runs(status_outside_enum)),
        applies=lambda layout: layout.bad_status is not None,
        semantic=False,
    ),
    Fault(
        "bad_format", rule("response_schema_conformance"), Rewrite(answer=on_runs(timestamp_not_a_date)), semantic=False
    ),
    Fault(
        "wrong_envelope",
        rule("preflight"),
        Rewrite(answer=on_document(wrong_envelope)),
        semantic=False,
        preflight=True,
    ),
    Fault(
        "missing_required_header",
        rule("response_headers_conformance"),
        Rewrite(answer=on_document(without_count_header)),
        applies=lambda layout: layout.paging == "numbered",
        semantic=False,
    ),
    Fault(
        "server_error",
        rule("not_a_server_error"),
        Rewrite(answer=on_document(server_error_on_valid_input)),
        semantic=False,
    ),
    Fault(
        "wrong_content_type",
        rule("preflight"),
        Rewrite(answer=on_document(text_content_type)),
        semantic=False,
        preflight=True,
    ),
    Fault(
        "accepts_invalid_input", invalid_input_rule, Rewrite(answer=on_document(accepts_invalid_input)), semantic=False
    ),
    Fault("ignores_auth", rule("ignored_auth"), Rewrite(request=let_anyone_in), semantic=False),
)
