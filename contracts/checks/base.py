"""A check: the rule it enforces, whether it applies to a dialect, and how it judges a session.

A judge returns a `Judgement` (the violations found and what was examined) or raises `NotExercised` when it
has nothing to judge. `Check.run` turns that into an `Outcome`; a valid request answered with an error, on a
server that had answered the plainest one, is a violation of the rule that needed the answer::

    @check("pages_do_not_overlap", "paging", "consecutive pages never share a run", applies=pages)
    def pages_do_not_overlap(session: Session) -> Judgement: ...
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from contracts.client import Exchange
from contracts.dialects.base import Dialect
from contracts.listing import UnexpectedAnswer
from contracts.outcomes import Finding, NotExercised, Outcome, Rule, plural
from contracts.session import Session

__all__ = ["Check", "Judgement", "check", "finding"]

Applicability = Callable[[Dialect], str | None]
"""Why a check does not apply to a dialect, or None when it does."""


def always(dialect: Dialect) -> str | None:
    return None


@dataclass(frozen=True)
class Judgement:
    findings: list[Finding] = field(default_factory=list)
    examined: str = ""


@dataclass(frozen=True)
class Check:
    rule: Rule
    judge: Callable[[Session], Judgement]
    applies: Applicability = always

    @property
    def name(self) -> str:
        return self.rule.name

    def run(self, session: Session) -> Outcome:
        reason = self.applies(session.dialect)
        if reason is not None:
            return Outcome.not_applicable(self.rule, reason)
        # A rule one answer can show broken was also judged on every answer of the schema phase, when it ran.
        tally = session.phase_tally(self.name)
        seen = list(tally.findings) if tally is not None else []
        try:
            judgement = self.judge(session)
        except NotExercised as not_exercised:
            if seen:
                return Outcome.judged(self.rule, seen, "")
            if not_exercised.chosen:
                return Outcome.not_chosen(self.rule, not_exercised.reason)
            if not not_exercised.applicable:
                return Outcome.not_applicable(self.rule, not_exercised.reason)
            return Outcome.not_exercised(self.rule, not_exercised.reason)
        except UnexpectedAnswer as unexpected:
            return Outcome.judged(self.rule, [finding("200 with the list of runs", unexpected.exchange), *seen], "")
        examined = judgement.examined
        if tally is not None and tally.judged:
            examined = f"{examined}; {plural(tally.judged, 'answer')} of the schema phase"
        return Outcome.judged(self.rule, [*judgement.findings, *seen], examined)


def check(
    name: str, group: str, statement: str, *, applies: Applicability = always
) -> Callable[[Callable[[Session], Judgement]], Check]:
    def register(judge: Callable[[Session], Judgement]) -> Check:
        return Check(Rule(name, group, statement), judge, applies)

    return register


def finding(expected: str, exchange: Exchange, what: str | None = None) -> Finding:
    """A violation seen in `exchange`: `what` is wrong with it (default: the answer itself)."""
    actual = exchange.describe() if what is None else f"{what}\nthe answer: {exchange.describe()}"
    return Finding(expected, actual, exchange.curl(), exchange.status, exchange.request)
