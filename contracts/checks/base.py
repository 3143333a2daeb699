"""A check: the rule it enforces, whether it applies to a dialect, and how it judges a session.

A judge returns a `Judgement` (the violations found and what was examined) or raises `NotExercised` when it
has nothing to judge. `Check.run` turns that into an `Outcome`; a valid request answered with an error, on a
server that had answered the plainest one, is a violation of the rule that needed the answer::

    @check("pages_do_not_overlap", "paging", "consecutive pages never share a run", applies=pages)
    def pages_do_not_overlap(session: Session) -> Judgement: ...

A write check declares what it writes on (`needs`, from the dialect's writes); the runs the checks of a run make
are counted from those, in their order (`runs_needed`), and kept from the schema phase (`open_session`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from contracts.core.outcomes import Finding, NotExercised, Outcome, Rule, plural
from contracts.dialects.base import Dialect, Writes
from contracts.http.client import Exchange
from contracts.reading.listing import UnexpectedAnswer
from contracts.schema.rule_checks import PHASE_RULES
from contracts.session import Session
from contracts.target.inputs import Options, Target
from contracts.writing.budget import Need, runs_needed, share_kept

__all__ = ["Check", "Judgement", "check", "finding", "open_session", "runs_made"]

Applicability = Callable[[Dialect], str | None]
"""Why a check does not apply to a dialect, or None when it does."""
Needs = Callable[[Writes], tuple[Need, ...]]
"""What a write check writes on, given the dialect's writes (see `writing.budget.Need`)."""


def no_writes(writes: Writes) -> tuple[Need, ...]:
    return ()


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
    needs: Needs = no_writes
    """What it writes on against a conforming server, in a run that allows writes."""

    @property
    def name(self) -> str:
        return self.rule.name

    def run(self, session: Session) -> Outcome:
        reason = self.applies(session.context.dialect)
        if reason is not None:
            return Outcome.not_applicable(self.rule, reason)
        # A rule one answer can show broken was also judged on every answer of the schema phase, when it ran.
        tally = session.phase.tally(self.name)
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
    name: str, group: str, statement: str, *, applies: Applicability = always, needs: Needs = no_writes
) -> Callable[[Callable[[Session], Judgement]], Check]:
    def register(judge: Callable[[Session], Judgement]) -> Check:
        return Check(Rule(name, group, statement), judge, applies, needs)

    return register


def runs_made(checks: Sequence[Check], dialect: Dialect) -> int:
    """The runs `checks`, in this order, make against a conforming server of `dialect`: the sum of what each one
    that applies needs."""
    writes = dialect.writes
    if writes is None:
        return 0
    return runs_needed(need for item in checks if item.applies(dialect) is None for need in item.needs(writes))


def open_session(
    checks: Sequence[Check], target: Target, options: Options, note: Callable[[str], None] = lambda message: None
) -> Session:
    """The session of a run making `checks`: the schema phase judges their per-response rules, and leaves the
    runs their writes make (and one more, see `share_kept`) to them."""
    rules = tuple(item.name for item in checks if item.name in PHASE_RULES)
    kept = share_kept(runs_made(checks, target.describe_dialect())) if options.allow_writes else 0
    return Session.open(target, options, note, rules=rules, runs_kept=kept)


def finding(expected: str, exchange: Exchange, what: str | None = None) -> Finding:
    """A violation seen in `exchange`: `what` is wrong with it (default: the answer itself)."""
    actual = exchange.describe() if what is None else f"{what}\nthe answer: {exchange.describe()}"
    return Finding(expected, actual, exchange.curl(), exchange.status, exchange.request)
