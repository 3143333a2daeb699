"""The dialect comparison: generated from the specs, complete, and pointing at what trips a client writer."""

from __future__ import annotations

import re

import pytest

from spec_review.comparison import DialectEndpoint, endpoint_of, main, render_markdown
from spec_review.comparison_endpoint import aligned
from spec_review.comparison_operations import KINDS, Kind, kind_of
from spec_review.comparison_tables import row_cells
from spec_review.spec_outline import Shape
from workflow_runs_specs import DIALECTS


@pytest.fixture(scope="module")
def endpoints() -> list[DialectEndpoint]:
    return [endpoint_of(dialect) for dialect in DIALECTS]


@pytest.fixture(scope="module")
def markdown(endpoints: list[DialectEndpoint]) -> str:
    return render_markdown(endpoints)


def section(markdown: str, title: str) -> str:
    """The text under the heading `title`, up to the next heading of any level."""
    found = re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^#)", markdown + "\n#", flags=re.MULTILINE | re.DOTALL)
    assert found, f"no section {title!r}"
    return found.group(1)


def row(markdown: str, label: str) -> str:
    (line,) = [line for line in markdown.splitlines() if line.startswith(f"| {label} |")]
    return line


@pytest.mark.parametrize(
    ("dialect", "runs_at"),
    [
        pytest.param("aitasker", "", id="aitasker-bare-array"),
        pytest.param("b3os", "data.items", id="b3os-envelope"),
        pytest.param("invent", "", id="invent-bare-array"),
    ],
)
def test_the_runs_are_found_where_the_200_body_keeps_them(dialect: str, runs_at: str) -> None:
    assert endpoint_of(dialect).runs_at == runs_at


@pytest.mark.parametrize(
    ("name", "row_name"),
    [
        pytest.param("startedAt", "started_at", id="camel-case"),
        pytest.param("data.hasMore", "data.has_more", id="nested"),
        pytest.param("started_at", "started_at", id="already-snake-case"),
    ],
)
def test_camel_case_and_snake_case_names_share_a_row(name: str, row_name: str) -> None:
    assert aligned(name) == row_name


def test_every_run_field_of_every_dialect_has_a_row(endpoints: list[DialectEndpoint], markdown: str) -> None:
    fields = section(markdown, "Fields of a run")
    for endpoint in endpoints:
        missing = [path for path in endpoint.run_fields if f"| `{aligned(path)}` |" not in fields]
        assert not missing, f"{endpoint.dialect}: {missing}"


def test_every_parameter_of_every_dialect_has_a_row(endpoints: list[DialectEndpoint], markdown: str) -> None:
    for endpoint in endpoints:
        for parameter in endpoint.operation.parameters.values():
            table = section(markdown, f"{parameter.location.capitalize()} parameters")
            assert f"| `{aligned(parameter.name)}` |" in table


def test_the_cancelled_spellings_are_one_row_and_all_emphasised(markdown: str) -> None:
    statuses = section(markdown, "Run statuses")
    (cancelled,) = [line for line in statuses.splitlines() if "CANCELED" in line]
    assert cancelled == "| — | **`cancelled`** | **`CANCELLED`** | **`CANCELLED`** | **`CANCELED`** |"
    assert "aitasker: `status` is not enumerated (any string)." in statuses


def test_origins_only_some_dialects_have_are_shown_with_the_filter_s_all(markdown: str) -> None:
    origins = section(markdown, "Run origins")
    assert "| — | — | — | `WEBHOOK` | `WEBHOOK` |" in origins
    assert "| — | — | `ALL` (filter only) | `ALL` (filter only) | `ALL` (filter only) |" in origins
    assert "b3os has no run field `origin`." in origins


def test_the_overview_shows_envelopes_and_page_numbering(markdown: str) -> None:
    overview = section(markdown, "What trips a client writer")
    where = row(overview, "where the runs are")
    assert "the body is a bare array of runs" in where
    assert "in **`data.items`** of an envelope `{code, message, requestId, data}`" in where
    paging = row(overview, "paging")
    assert "none: every run in one answer" in paging
    assert "`offset` counted from **0**" in paging
    assert "`page` counted from **1**" in paging


def test_fields_nullable_in_some_dialects_only_are_listed(markdown: str) -> None:
    notes = section(markdown, "Fields null in some dialects only")
    assert "- `started_at`: **nullable** in aitasker, cortex-v1, cortex-v2, invent; never null in b3os." in notes


def test_error_answers_show_each_dialect_s_body(markdown: str) -> None:
    errors = section(markdown, "Error answers")
    assert row(errors, "422") == "| 422 | `{detail}` | — | — | — | — |"
    assert "`{code, message, requestId, data?}`" in row(errors, "404")


def test_every_operation_of_every_dialect_is_in_the_table_of_operations(
    endpoints: list[DialectEndpoint], markdown: str
) -> None:
    table = section(markdown, "Operations on runs")
    for endpoint in endpoints:
        for operation in endpoint.operations.values():
            assert f"`{operation.key}` (`{operation.operation_id}`)" in table, f"{endpoint.dialect}: {operation.key}"


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        pytest.param("get of one run", "| — |", id="invent-has-no-get"),
        pytest.param("cancel", "| — | `POST /v1/runs/{id}/cancel` (`cancelRun`) |", id="aitasker-has-no-cancel"),
        pytest.param(
            "trigger",
            "`POST /v1/workflows/{id}/run` (`runWorkflow`); `POST /v1/runs` (`createEphemeralRun`)",
            id="b3os-starts-runs-two-ways",
        ),
    ],
)
def test_each_kind_of_operation_is_a_row_with_a_dash_where_a_dialect_lacks_it(
    markdown: str, kind: str, expected: str
) -> None:
    assert expected in row(section(markdown, "Operations on runs"), kind)


def test_what_a_dialect_lacks_is_said_in_words(markdown: str) -> None:
    table = section(markdown, "Operations on runs")
    assert "- invent documents no get of one run, no cancel, no retry or replay, no retention update." in table
    assert "- cortex-v2 documents" not in table
    assert "Not documented by aitasker, b3os, cortex-v1, invent." in section(markdown, "Changing a run's retention")


@pytest.mark.parametrize(
    ("dialect", "expected"),
    [
        pytest.param("aitasker", {"list": 1, "get": 1, "trigger": 1}, id="aitasker"),
        pytest.param("b3os", {"list": 1, "get": 1, "trigger": 2, "cancel": 1, "retry": 1}, id="b3os"),
        pytest.param(
            "cortex-v2", {"list": 1, "get": 1, "trigger": 1, "cancel": 1, "retry": 1, "retention": 1}, id="cortex-v2"
        ),
        pytest.param("invent", {"list": 1, "trigger": 1}, id="invent"),
    ],
)
def test_every_operation_of_a_dialect_has_a_kind(dialect: str, expected: dict[str, int]) -> None:
    endpoint = endpoint_of(dialect)
    kinds = [kind_of(operation, endpoint.operation.key) for operation in endpoint.operations.values()]
    assert {kind: kinds.count(kind) for kind in kinds} == expected


def test_an_operation_of_no_known_kind_is_shown_among_other_operations() -> None:
    run = {"type": "object", "properties": {"id": {"type": "string"}}}
    runs = {"description": "ok", "content": {"application/json": {"schema": {"type": "array", "items": run}}}}
    document = {
        "openapi": "3.0.3",
        "paths": {
            "/runs": {"get": {"operationId": "listRuns", "responses": {"200": runs}}},
            "/runs/export": {"post": {"operationId": "exportRuns", "responses": {"202": {"description": "queued"}}}},
        },
    }
    endpoint = endpoint_of("b3os", document)
    export = endpoint.operations["POST /runs/export"]
    assert kind_of(export, endpoint.operation.key) == "other"
    other = section(render_markdown([endpoint]), "Other operations")
    assert "`POST /runs/export`" in other
    assert "202: no JSON body" in other


def test_the_answer_of_a_get_is_the_list_s_run_with_the_detail_fields_it_adds(markdown: str) -> None:
    answers = row(section(markdown, "Getting one run"), "answer")
    assert "200: the list's run in `data`, with `executionState`" in answers
    assert "| 200: the list's run |" in answers


def test_an_answer_that_is_not_a_run_lists_its_fields(markdown: str) -> None:
    answers = row(section(markdown, "Starting a run"), "answer")
    assert "200: `{code, message, requestId, data, data.runId}`" in answers


@pytest.mark.parametrize(
    "kind", [kind for kind in KINDS if kind.name not in ("list", "other")], ids=lambda kind: kind.name
)
def test_every_request_body_field_and_parameter_of_each_kind_has_a_row(
    endpoints: list[DialectEndpoint], markdown: str, kind: Kind
) -> None:
    title = kind.title
    for endpoint in endpoints:
        for operation in endpoint.operations.values():
            if kind_of(operation, endpoint.operation.key) != kind.name:
                continue
            parameters = section(markdown, f"{title}: parameters")
            for parameter in operation.parameters.values():
                assert f"| `{aligned(parameter.location + ' ' + parameter.name)}` |" in parameters
            fields = [path for path in operation.request_body if path]
            if fields:
                body = section(markdown, f"{title}: request body")
                assert all(f"| `{aligned(path)}` |" in body for path in fields), operation.key


@pytest.mark.parametrize(
    ("shapes", "expected"),
    [
        pytest.param(
            [Shape("string"), Shape("string")],
            ["string", "string"],
            id="alike-says-only-the-type",
        ),
        pytest.param(
            [Shape("string", nullable=True), Shape("string")],
            ["string, **nullable**", "string, **not null**"],
            id="nullability-differs",
        ),
        pytest.param(
            [Shape("string", required=False), Shape("string", required=False)],
            ["string, optional", "string, optional"],
            id="optional-alike-is-said-plainly",
        ),
        pytest.param(
            [Shape("string", enum=("A", "B")), Shape("string", enum=("A", "C"))],
            ["string, one of `A`, **`B`**", "string, one of `A`, **`C`**"],
            id="only-the-values-not-shared-are-emphasised",
        ),
        pytest.param(
            [Shape("integer", constraints={"minimum": 1}), None],
            ["integer, ≥ 1", "—"],
            id="absent-is-a-dash",
        ),
    ],
)
def test_a_cell_emphasises_what_differs_between_the_dialects_of_its_row(
    shapes: list[Shape | None], expected: list[str]
) -> None:
    found = {f"d{index}": ("field", shape) if shape else None for index, shape in enumerate(shapes)}
    assert row_cells("field", found) == expected


def test_a_name_spelled_otherwise_is_shown_and_emphasised() -> None:
    cells = row_cells("started_at", {"a": ("started_at", Shape("string")), "b": ("startedAt", Shape("string"))})
    assert cells == ["string", "**`startedAt`**, string"]


def test_a_pipe_in_a_cell_cannot_split_the_markdown_row() -> None:
    assert row_cells("loc", {"a": ("loc", Shape("string | integer"))}) == ["string \\| integer"]


def test_the_command_writes_markdown_or_html(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    assert capsys.readouterr().out.startswith("# How the dialects serve workflow runs\n")
    assert main(["--format", "html"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>")
    assert "<strong><code>CANCELED</code></strong>" in page


def test_a_wrong_option_is_one_line_on_stderr_with_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "pdf"]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert "invalid choice: 'pdf'" in line
