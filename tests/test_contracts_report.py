"""What a person reads: progress while the run goes, then every check, every failure and a verdict."""

from __future__ import annotations

import io

from contracts.outcomes import Finding, Outcome, Rule
from contracts.report import ConsoleObserver, render_failure, render_summary
from contracts.runner import Report
from contracts.target import Options, Target

TARGET = Target("b3os", "http://staging.example.com", "b3sk_1", {"id": "wf_1"})
ORDER = Rule("newest_first", "ordering", "runs are listed newest first")
PAGES = Rule("pages_do_not_overlap", "paging", "consecutive pages never hold the same run")
FILTER = Rule("filter_all_means_no_filter", "filters", "a filter set to ALL returns the same runs as no filter")
FINDING = Finding("newest first by startedAt", "run_b comes before run_a\nthe answer: 200 ...", "curl 'http://x'")


def report(*outcomes: Outcome) -> Report:
    return Report(TARGET, Options(), outcomes, 1.25)


def test_the_summary_lists_every_check_with_its_verdict_and_detail() -> None:
    text = render_summary(
        report(
            Outcome.passed(ORDER, "47 pairs"),
            Outcome.not_exercised(PAGES, "the workflow has no runs"),
            Outcome.not_applicable(FILTER, "no ALL value"),
        )
    )

    assert "Summary: 1 passed, 0 failed, 2 not exercised (1.2 s)" in text
    assert "  passed         newest_first                47 pairs" in text
    assert "  not exercised  pages_do_not_overlap        the workflow has no runs" in text
    assert "  not exercised  filter_all_means_no_filter  not applicable: no ALL value" in text


def test_the_verdict_tells_conforming_from_unexercised_from_failing() -> None:
    conforming = render_summary(report(Outcome.passed(ORDER, "x"), Outcome.not_applicable(FILTER, "no ALL")))
    unexercised = render_summary(report(Outcome.passed(ORDER, "x"), Outcome.not_exercised(PAGES, "no runs")))
    failing = render_summary(report(Outcome.judged(ORDER, [FINDING], "")))

    assert conforming.endswith("conforms to the b3os contract: every applicable check passed.")
    assert unexercised.endswith(
        "broke no rule of the b3os contract, but 1 check could not be exercised (see why above)."
    )
    assert failing.endswith("does NOT conform to the b3os contract: 1 check failed.")


def test_a_failure_names_the_rule_then_what_was_expected_what_came_back_and_a_curl() -> None:
    text = render_failure(Outcome.judged(ORDER, [FINDING], ""), 2)

    assert text.splitlines() == [
        "2) newest_first: runs are listed newest first",
        "   expected:  newest first by startedAt",
        "   got:       run_b comes before run_a",
        "              the answer: 200 ...",
        "   reproduce: curl 'http://x'",
    ]


def test_a_failure_shows_three_findings_and_counts_the_rest() -> None:
    text = render_failure(Outcome.judged(ORDER, [FINDING] * 5, ""))

    assert text.count("expected:") == 3
    assert text.endswith("   ... and 2 more")


def test_progress_is_printed_as_it_happens() -> None:
    stream = io.StringIO()
    observer = ConsoleObserver(stream)

    observer.started(TARGET, Options(seed=4, max_examples=7))
    observer.note("schema phase: coverage")
    observer.decided(Outcome.judged(ORDER, [FINDING], ""))

    assert stream.getvalue().splitlines() == [
        "Checking http://staging.example.com against the b3os contract (specs/b3os.yaml; seed 4, up to 7 examples "
        "per phase)",
        "  schema phase: coverage",
        "  FAILED         newest_first",
    ]
