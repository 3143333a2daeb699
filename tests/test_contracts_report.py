"""What a person reads: progress while the run goes, then every check, every failure and a verdict; never the
token."""

from __future__ import annotations

import dataclasses
import io

from contracts.outcomes import Finding, Outcome, Rule
from contracts.report import ConsoleObserver, render_failure, render_summary
from contracts.runner import Report
from contracts.target import Options, Target
from contracts.writing import WriteLog

TARGET = Target("b3os", "http://staging.example.com", "b3sk_1", {"id": "wf_1"})
ORDER = Rule("newest_first", "ordering", "runs are listed newest first")
PAGES = Rule("pages_do_not_overlap", "paging", "consecutive pages never hold the same run")
FILTER = Rule("filter_all_means_no_filter", "filters", "a filter set to ALL returns the same runs as no filter")
FINDING = Finding("newest first by startedAt", "run_b comes before run_a\nthe answer: 200 ...", "curl 'http://x'")


def report(*outcomes: Outcome, strict: bool = False, target: Target = TARGET) -> Report:
    return Report(target, Options(strict=strict), outcomes, 1.25)


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
        "broke no rule of the b3os contract, but 1 check could not judge (what data would exercise each is above; "
        "--strict makes that exit 2)."
    )
    assert failing.endswith("does NOT conform to the b3os contract: 1 check failed.")


def test_a_run_is_undecided_when_nothing_was_judged_or_under_strict_when_a_check_had_no_data() -> None:
    lenient = report(Outcome.passed(ORDER, "x"), Outcome.not_exercised(PAGES, "no runs"))
    strict = report(Outcome.passed(ORDER, "x"), Outcome.not_exercised(PAGES, "no runs"), strict=True)
    nothing = report(Outcome.not_exercised(PAGES, "no runs"), Outcome.not_applicable(FILTER, "no ALL"))
    strict_but_complete = report(Outcome.passed(ORDER, "x"), Outcome.not_applicable(FILTER, "no ALL"), strict=True)
    strict_but_failing = report(Outcome.judged(ORDER, [FINDING], ""), Outcome.not_exercised(PAGES, "no"), strict=True)

    assert lenient.undecided is None
    assert strict.undecided == "pages_do_not_overlap (no runs)"
    assert render_summary(strict).endswith("could not be judged under --strict: 1 check had nothing to judge "
                                           "(what data would exercise each is above).")  # fmt: skip
    assert nothing.undecided == "no check had anything to judge"
    assert render_summary(nothing).endswith("could not be judged: no check had anything to judge (see why above).")
    assert strict_but_complete.undecided is None
    assert strict_but_failing.undecided is None


def test_failures_say_where_the_reproduce_commands_find_the_token_and_never_show_it() -> None:
    echoed = Finding("401", "the answer: 401 unknown token b3sk_live_0123456789", 'curl -H "X: $CONTRACTS_TOKEN"')
    given = dataclasses.replace(TARGET, token="b3sk_live_0123456789")
    from_environment = dataclasses.replace(given, token_variable="B3OS_TOKEN", token_from_environment=True)

    on_command_line = render_summary(report(Outcome.judged(ORDER, [echoed], ""), target=given))
    in_environment = render_summary(report(Outcome.judged(ORDER, [echoed], ""), target=from_environment))

    assert "b3sk_live_0123456789" not in on_command_line + in_environment
    assert "the answer: 401 unknown token [token]" in on_command_line
    assert "The reproduce commands read the token from $CONTRACTS_TOKEN: export CONTRACTS_TOKEN=<your token> first" in (
        on_command_line
    )
    assert "The reproduce commands read the token from $B3OS_TOKEN, as this run did." in in_environment
    assert "b3sk_live_0123456789" not in repr(given)


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
        "per phase; read-only)",
        "  schema phase: coverage",
        "  FAILED         newest_first",
    ]


def test_a_run_that_allowed_writes_ends_with_every_write_sent_counted_by_method_path_and_status() -> None:
    log = WriteLog(created=["run_a"])
    for status in (404, 404, 404, None):
        log.record(
            "POST", "http://staging.example.com/v1/runs/contracts-no-such-run-1a2b3c4d/cancel", status, "fuzzing"
        )
    log.record("POST", f"http://staging.example.com/v1/workflows/{TARGET.token}/run", 200, "write checks")
    written = dataclasses.replace(report(), options=Options(allow_writes=True), writes=log)

    lines = render_summary(written).splitlines()

    at = lines.index("writes: created 1 run: run_a")
    assert lines[at + 1 : at + 5] == [
        "writes sent (5; method, path, status, times):",
        "  POST /v1/runs/contracts-no-such-run-1a2b3c4d/cancel 404 x3",
        "  POST /v1/runs/contracts-no-such-run-1a2b3c4d/cancel no answer",
        "  POST /v1/workflows/[token]/run 200",
    ]
    assert "writes sent" not in render_summary(report())  # a read-only run sends none, and says nothing of them
