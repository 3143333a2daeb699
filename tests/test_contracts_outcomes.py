"""Outcomes: a judgement with findings fails, one without passes, and a rule that does not apply says so."""

from __future__ import annotations

from contracts.core.outcomes import Finding, Outcome, Rule, Status, plural

RULE = Rule("newest_first", "ordering", "runs are listed newest first")


def test_a_judgement_with_findings_fails_and_counts_them() -> None:
    outcome = Outcome.judged(RULE, [Finding("a", "b"), Finding("c", "d")], "48 runs")

    assert outcome.status is Status.FAILED
    assert outcome.detail == "2 violations found"
    assert outcome.failed


def test_a_judgement_without_findings_passes_with_what_was_examined() -> None:
    outcome = Outcome.judged(RULE, [], "48 runs")

    assert (outcome.status, outcome.detail) == (Status.PASSED, "48 runs")


def test_a_rule_that_does_not_apply_is_not_exercised_and_says_so() -> None:
    outcome = Outcome.not_applicable(RULE, "no paging")

    assert outcome.status is Status.NOT_EXERCISED
    assert outcome.detail == "not applicable: no paging"
    assert not outcome.applicable
    assert Outcome.not_exercised(RULE, "no runs").applicable


def test_plural_counts_in_words() -> None:
    assert (plural(1, "run"), plural(0, "run"), plural(2, "run")) == ("1 run", "0 runs", "2 runs")
