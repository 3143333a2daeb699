"""The JSON report: the verdict with the exit status the command gives, every check with its findings and curls,
what the run wrote, its coverage; never the token; written where asked, in directories it creates."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from contracts.core.outcomes import Finding, Outcome, Rule
from contracts.coverage.coverage import Coverage, OperationCoverage, StatusCoverage
from contracts.front.json_report import json_report, write_json_report
from contracts.running.runner import Report
from contracts.target.inputs import Options, Target
from contracts.writing.log import WriteLog

TOKEN = "ctx_sk_live_JSONsecretvalue"
ORDER = Rule("newest_first", "ordering", "runs are listed newest first")
PAGES = Rule("pages_do_not_overlap", "paging", "consecutive pages never hold the same run")
LIST = OperationCoverage(
    "getWorkflowRuns", "GET", "/runs", 2, (StatusCoverage("200", 2), StatusCoverage("429", 0)), (), ()
)
FAILING = Report(
    Target("cortex-v2", "http://staging.example.com", TOKEN),
    Options(),
    (
        Outcome.judged(
            ORDER, [Finding("newest first", f"echoed {TOKEN}", "curl -H 'Authorization: Bearer $T' x", 200)], ""
        ),
        Outcome.not_exercised(PAGES, "the workflow has no runs"),
    ),
    2.5,
    coverage=Coverage((LIST,), ()),
)


def test_a_failing_run_reports_exit_1_and_each_check_with_its_findings_and_curl() -> None:
    document = json_report(FAILING)

    assert document["verdict"]["exit_status"] == 1
    assert document["verdict"]["conforms"] is False
    assert [check["name"] for check in document["checks"]] == ["newest_first", "pages_do_not_overlap"]
    failed = document["checks"][0]
    assert failed["status"] == "failed"
    assert failed["findings"][0]["curl"] == "curl -H 'Authorization: Bearer $T' x"
    assert failed["findings"][0]["status"] == 200
    assert document["checks"][1]["detail"] == "the workflow has no runs"
    assert document["writes"] is None  # read-only
    assert document["coverage"]["operations"][0]["statuses"] == {"200": 2, "429": 0}


def test_a_coverage_requirement_not_met_under_strict_reports_exit_2_with_each_gap() -> None:
    passed = Outcome.passed(ORDER, "20 runs")
    report = dataclasses.replace(
        FAILING, options=Options(strict=True, require_coverage=("statuses",)), outcomes=(passed,)
    )

    verdict = json_report(report)["verdict"]

    assert verdict["exit_status"] == 2
    assert verdict["uncovered"] == ["status 429 of getWorkflowRuns never seen"]
    assert "--require-coverage" in verdict["line"]


def test_a_run_that_allowed_writes_lists_what_it_created_and_sent() -> None:
    log = WriteLog(created=["run_a"], cancelled=["run_a"])
    log.record("POST", "http://staging.example.com/runs", 200, "write checks")
    report = dataclasses.replace(FAILING, options=Options(allow_writes=True), writes=log)

    writes = json_report(report)["writes"]

    assert writes == {
        "created": ["run_a"],
        "cancelled": ["run_a"],
        "not_cancelled": [],
        "sent": [{"method": "POST", "path": "/runs", "status": 200, "by": "write checks"}],
    }


def test_the_written_report_is_json_without_the_token_in_directories_it_creates(tmp_path: Path) -> None:
    path = tmp_path / "reports" / "contract.json"

    write_json_report(FAILING, path)

    text = path.read_text(encoding="utf-8")
    assert "JSONsecretvalue" not in text
    assert json.loads(text)["checks"][0]["findings"][0]["actual"] == "echoed [token]"
