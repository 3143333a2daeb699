"""The Markdown report for a CI job's summary page: the verdict, a row per check, the first finding of each failure
with its curl, what the run wrote, and the coverage; never the token."""

from __future__ import annotations

import dataclasses

from contracts.core.outcomes import Finding, Outcome, Rule
from contracts.coverage.coverage import Coverage, OperationCoverage, StatusCoverage
from contracts.front.markdown import markdown
from contracts.running.runner import Report
from contracts.target.inputs import Options, Target
from contracts.writing.log import WriteLog

TOKEN = "b3sk_live_MARKDOWNsecret"
ORDER = Rule("newest_first", "ordering", "runs are listed newest first")
AUTH = Rule("missing_token_gets_401", "auth", "a request without a token gets 401")
LIST = OperationCoverage("listWorkflowRuns", "GET", "/v1/runs", 1, (StatusCoverage("200", 1),), (), ("newest_first",))
REPORT = Report(
    Target("b3os", "http://staging.example.com", TOKEN),
    Options(),
    (
        Outcome.passed(AUTH, "1 request | refused"),
        Outcome.judged(ORDER, [Finding("newest first", f"run_b before run_a ({TOKEN})", "curl -sS x")], ""),
    ),
    1.0,
    coverage=Coverage((LIST,), ()),
)


def test_the_page_has_the_verdict_a_row_per_check_and_the_first_finding_with_its_curl() -> None:
    page = markdown(REPORT)

    assert page.startswith("### http://staging.example.com against the b3os contract\n")
    assert "does NOT conform to the b3os contract: 1 check failed." in page
    assert "| `missing_token_gets_401` | passed | 1 request \\| refused |" in page
    assert "| `newest_first` | newest first | run_b before run_a ([token]) | `curl -sS x` |" in page


def test_the_page_ends_with_the_coverage_and_never_holds_the_token() -> None:
    page = markdown(REPORT)

    assert "#### Coverage" in page
    assert "| `listWorkflowRuns` | `GET /v1/runs` | exercised (1) | 200 x1 | none | newest_first |" in page
    assert "MARKDOWNsecret" not in page


def test_a_run_that_allowed_writes_says_what_it_created() -> None:
    report = dataclasses.replace(REPORT, options=Options(allow_writes=True), writes=WriteLog(created=["run_a"]))

    assert "writes: created 1 run: run_a" in markdown(report)
