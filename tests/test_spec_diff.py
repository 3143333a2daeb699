"""The change report command: text, Markdown and JSON reports, the exit status CI reads, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from spec_review.spec_changes import Change
from spec_review.spec_diff import main, render_markdown, render_text

SERVER_BREAKING = Change("GET /runs", "query parameter status", "enum value PENDING added", False, True)
HARMLESS = Change("GET /runs", "200 response body[].note", "added (optional)", False, False)


def test_the_markdown_report_has_one_row_per_change_under_its_operation() -> None:
    report = render_markdown([SERVER_BREAKING, HARMLESS], "old.yaml", "new.yaml")
    assert "# Changes from `old.yaml` to `new.yaml`" in report
    assert "2 changes: 0 breaking for clients, 1 breaking for servers." in report
    assert report.count("## `GET /runs`") == 1
    assert "| `query parameter status` | enum value PENDING added | no | **yes** |" in report
    assert "| `200 response body[].note` | added (optional) | no | no |" in report


def test_the_text_report_summarises_then_lists_each_change() -> None:
    assert render_text([SERVER_BREAKING, HARMLESS], "old", "new").splitlines() == [
        "old -> new: 2 changes: 0 breaking for clients, 1 breaking for servers",
        "GET /runs",
        "  query parameter status: enum value PENDING added -- breaks servers",
        "  200 response body[].note: added (optional) -- not breaking",
    ]


def test_operations_added_or_removed_are_counted_and_named_in_the_report() -> None:
    added = Change("POST /runs", "operation", "added", False, True)
    removed = Change("GET /jobs", "operation", "removed", True, False)
    report = render_markdown([SERVER_BREAKING, added, removed], "old", "new")
    assert (
        "3 changes: 1 breaking for clients, 2 breaking for servers; 1 operation added; 1 operation removed." in report
    )
    assert "## `POST /runs` (added operation)" in report
    assert "## `GET /jobs` (removed operation)" in report
    assert "## `GET /runs`\n" in report


def runs_spec(statuses: list[str]) -> str:
    """A spec whose one operation answers runs with a `status` of `statuses`, as YAML."""
    run = {"type": "object", "properties": {"status": {"type": "string", "enum": statuses}}}
    answer = {"description": "runs", "content": {"application/json": {"schema": {"type": "array", "items": run}}}}
    operation = {"operationId": "listRuns", "responses": {"200": answer}}
    document = {"openapi": "3.0.3", "info": {"title": "Runs", "version": "1"}, "paths": {"/runs": {"get": operation}}}
    return yaml.safe_dump(document)


@pytest.fixture
def spec_files(tmp_path: Path) -> tuple[Path, Path]:
    """An old spec and a new one whose only change adds a response enum value (breaking clients only)."""
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(runs_spec(["RUNNING"]), encoding="utf-8")
    new.write_text(runs_spec(["RUNNING", "PENDING"]), encoding="utf-8")
    return old, new


@pytest.mark.parametrize(
    ("fail_on", "status"),
    [
        pytest.param([], 1, id="clients-by-default"),
        pytest.param(["--fail-on", "servers"], 0, id="servers"),
        pytest.param(["--fail-on", "either"], 1, id="either"),
        pytest.param(["--fail-on", "nothing"], 0, id="nothing"),
    ],
)
def test_the_exit_status_says_whether_a_change_breaks_whom_fail_on_names(
    spec_files: tuple[Path, Path], fail_on: list[str], status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = spec_files
    assert main([str(old), str(new), *fail_on]) == status
    assert "enum value PENDING added" in capsys.readouterr().out


def test_the_json_report_lists_every_change_with_its_verdicts(
    spec_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = spec_files
    main([str(old), str(new), "--format", "json"])
    assert json.loads(capsys.readouterr().out) == [
        {
            "operation": "GET /runs",
            "subject": "200 response body[].status",
            "change": "enum value PENDING added",
            "breaks_clients": True,
            "breaks_servers": False,
        }
    ]


def test_the_module_runs_with_dialect_names_standing_for_their_specs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "spec_review.spec_diff", "cortex-v1", "cortex-v2", "--fail-on", "nothing"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("cortex-v1 -> cortex-v2: ")


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [
        pytest.param(["missing.yaml", "cortex-v2"], "cannot read the spec missing.yaml", id="missing-file"),
        pytest.param(["cortex-v1"], "the following arguments are required: new", id="one-spec"),
        pytest.param(["cortex-v1", "cortex-v2", "--fail-on", "all"], "invalid choice: 'all'", id="bad-fail-on"),
    ],
)
def test_an_error_is_one_line_on_stderr_with_status_2(
    arguments: list[str], complaint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(arguments) == 2
    output = capsys.readouterr()
    assert output.out == ""
    (line,) = output.err.splitlines()
    assert complaint in line
