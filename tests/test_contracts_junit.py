"""The JUnit report: one testcase per check, a failure with the evidence, a skip with the reason, never the token;
written where asked, in directories it creates."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from contracts.core.outcomes import Finding, Outcome, Rule
from contracts.front.junit import junit_xml, write_junit
from contracts.running.runner import Report
from contracts.target.inputs import Options, Target
from contracts.writing.log import WriteLog

ORDER = Rule("newest_first", "ordering", "runs are listed newest first")
PAGES = Rule("pages_do_not_overlap", "paging", "consecutive pages never hold the same run")
AUTH = Rule("missing_token_gets_401", "auth", "a request without a token gets 401")
REPORT = Report(
    Target("cortex-v2", "http://staging.example.com", "t"),
    Options(),
    (
        Outcome.passed(AUTH, "1 request refused"),
        Outcome.judged(ORDER, [Finding("newest first", "run_b before run_a", "curl 'http://x'")], ""),
        Outcome.not_exercised(PAGES, "the workflow has no runs"),
    ),
    2.5,
)


def test_every_check_is_a_testcase_of_one_suite_with_the_counts() -> None:
    suite = ElementTree.fromstring(junit_xml(REPORT)).find("testsuite")

    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped"), suite.get("time")) == (
        "3",
        "1",
        "1",
        "2.500",
    )
    names = [(case.get("classname"), case.get("name")) for case in suite.findall("testcase")]
    assert names == [
        ("contracts.cortex-v2.auth", "missing_token_gets_401"),
        ("contracts.cortex-v2.ordering", "newest_first"),
        ("contracts.cortex-v2.paging", "pages_do_not_overlap"),
    ]


def test_a_failure_carries_the_rule_and_the_evidence_and_a_skip_the_reason() -> None:
    cases = ElementTree.fromstring(junit_xml(REPORT)).findall("testsuite/testcase")

    failure, skipped = cases[1].find("failure"), cases[2].find("skipped")
    assert failure is not None
    assert failure.get("message") == "newest_first: runs are listed newest first"
    assert "reproduce: curl 'http://x'" in (failure.text or "")
    assert skipped is not None
    assert skipped.get("message") == "the workflow has no runs"
    assert cases[0].find("failure") is None
    assert cases[0].find("skipped") is None


def test_the_report_is_written_where_asked(tmp_path: Path) -> None:
    path = tmp_path / "contract.xml"

    write_junit(REPORT, path)

    assert path.read_text(encoding="utf-8").startswith("<?xml version='1.0' encoding='utf-8'?>\n<testsuites>")
    assert len(ElementTree.parse(path).getroot().findall("testsuite/testcase")) == 3


def test_the_report_creates_missing_directories(tmp_path: Path) -> None:
    path = tmp_path / "reports" / "contracts" / "cortex-v2.xml"

    write_junit(REPORT, path)

    assert len(ElementTree.parse(path).getroot().findall("testsuite/testcase")) == 3


def test_the_token_is_masked_wherever_it_appears_even_where_xml_escapes_it() -> None:
    token = "ctx_sk_live_<&>secretvalue"
    echoed = Finding("newest first", f"the server echoed {token}", None)
    report = Report(
        Target("cortex-v2", "http://staging.example.com", token),
        Options(),
        (
            Outcome.judged(ORDER, [echoed], ""),
            Outcome.not_exercised(PAGES, f"refused {token}"),
        ),
        1.0,
    )

    document = junit_xml(report)

    assert "secretvalue" not in document
    assert document.count("[token]") == 2


def test_a_run_that_allowed_writes_lists_every_write_it_sent_with_the_runs_it_created() -> None:
    log = WriteLog(created=["run_a"], cancelled=["run_a"])
    log.record("POST", "http://staging.example.com/apps/c/workflows/wf_1/runs", 200, "write checks")
    log.record("post", "http://staging.example.com/apps/c/workflows/wf_1/runs/run_a/cancel", 200, "write checks")
    report = dataclasses.replace(REPORT, options=Options(allow_writes=True), writes=log)

    suite = ElementTree.fromstring(junit_xml(report)).find("testsuite")

    assert suite is not None
    assert (suite.findtext("system-out") or "").splitlines()[:5] == [
        "writes: created 1 run: run_a; cancelled after: run_a",
        "writes sent (2; method, path, status, times):",
        "  POST /apps/c/workflows/wf_1/runs 200",
        "  POST /apps/c/workflows/wf_1/runs/run_a/cancel 200",
        "",
    ]
    read_only = ElementTree.fromstring(junit_xml(REPORT)).findtext("testsuite/system-out") or ""
    assert "writes" not in read_only
    assert read_only.startswith("Coverage: ")
