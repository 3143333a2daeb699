"""Running the checks against a target, in order, stopping at the first failure unless asked to go on.

Interrupted (Ctrl-C), a run stops where it is and still reports what it judged, the other checks "not run";
it cancels the runs it created either way. The findings reported are sent again once where their request was
read-only (`replay`), so the report can say when one may be intermittent.

report = run_contract(Target("b3os", "http://127.0.0.1:8000/b3os", token, {"id": "wf_1"}), Options(seed=3))
report.conforms, [outcome.rule.name for outcome in report.failures]
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from contracts.checks import CHECKS, Check
from contracts.checks.base import open_session
from contracts.core.errors import UsageError
from contracts.core.outcomes import Outcome, Status
from contracts.coverage.coverage import Coverage, gaps_phrase
from contracts.running.preflight import preflight
from contracts.running.replay import replayed
from contracts.target.inputs import Options, Target
from contracts.writing.log import WriteLog

__all__ = ["Observer", "Report", "run_contract", "select_checks"]

STOPPED = "not run: the run stopped at the first failure (--continue-on-failure runs every check)"
INTERRUPTED = "not run: the run was interrupted"


class Observer(Protocol):
    """Told about a run while it happens (the command line prints progress from it)."""

    def note(self, message: str) -> None: ...

    def decided(self, outcome: Outcome) -> None: ...


class Silent:
    def note(self, message: str) -> None:
        return None

    def decided(self, outcome: Outcome) -> None:
        return None


@dataclass(frozen=True)
class Report:
    target: Target
    options: Options
    outcomes: tuple[Outcome, ...]
    seconds: float
    writes: WriteLog = field(default_factory=WriteLog)
    """The runs a run that allows writes created on the target, and those it cancelled after."""
    interrupted: bool = False
    """Whether the run was interrupted (Ctrl-C) before every check had run."""
    coverage: Coverage = field(default_factory=Coverage)
    """What the run exercised of the spec: operations, documented statuses, links, and the checks judging each."""

    @property
    def failures(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status is Status.FAILED]

    @property
    def conforms(self) -> bool:
        return not self.failures

    @property
    def unexercised(self) -> list[Outcome]:
        """Checks that apply to the dialect but could not judge anything (not applicable ones, and those the user
        chose not to run, as the writes of a read-only run, excluded)."""
        return [
            outcome
            for outcome in self.outcomes
            if outcome.status is Status.NOT_EXERCISED and outcome.applicable and not outcome.chosen
        ]

    @property
    def judged(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status is not Status.NOT_EXERCISED]

    @property
    def uncovered(self) -> list[str]:
        """What `--require-coverage` asked for that the run did not exercise."""
        return self.coverage.missing(self.options.require_coverage)

    @property
    def undecided(self) -> str | None:
        """Why a run without failures still is no verdict of "conforms" (exit 2), or None when it is one.

        No check judged anything; or, under `--strict`, a check that applies had no data to judge, or the run
        exercised less of the spec than `--require-coverage` asks.
        """
        if self.failures:
            return None
        if self.interrupted:
            return "the run was interrupted before every check had run"
        if not self.judged:
            return "no check had anything to judge"
        if not self.options.strict:
            return None
        reasons = [f"{outcome.rule.name} ({outcome.detail})" for outcome in self.unexercised]
        if self.uncovered:
            reasons.append(f"coverage below --require-coverage: {gaps_phrase(self.uncovered)}")
        return "; ".join(reasons) or None

    @property
    def exit_status(self) -> int:
        """0 conforms, 1 a check failed, 2 no verdict (see `undecided`)."""
        if self.failures:
            return 1
        return 2 if self.undecided is not None else 0


def select_checks(only: Sequence[str] | None) -> tuple[Check, ...]:
    """The checks named, or in the groups named, in `only` (all checks when None), in run order."""
    if only is None:
        return CHECKS
    known = {check.name for check in CHECKS} | {check.rule.group for check in CHECKS}
    unknown = sorted(set(only) - known)
    if unknown:
        raise UsageError(f"unknown check or group {unknown[0]!r}; known: {', '.join(sorted(known))}")
    return tuple(check for check in CHECKS if check.name in only or check.rule.group in only)


def run_contract(target: Target, options: Options | None = None, observer: Observer | None = None) -> Report:
    """Every selected check against `target`; raises `ContractError` when the run cannot be done."""
    options = options or Options()
    observer = observer or Silent()
    checks = select_checks(None if options.only is None else list(options.only))
    started = time.monotonic()
    session = open_session(checks, target, options, observer.note)
    outcomes: list[Outcome] = []
    writes = WriteLog()
    interrupted = False
    try:
        preflight(session.context)  # a run that could judge nothing ends here, saying what to fix
        for check in checks:
            stop = any(outcome.failed for outcome in outcomes) and not options.continue_on_failure
            session.context.exercised.judging = check.name
            outcome = Outcome.not_exercised(check.rule, STOPPED) if stop else check.run(session)
            session.context.exercised.judging = None
            outcomes.append(outcome)
            observer.decided(outcome)
        outcomes = replayed(outcomes, session.context.client)
    except KeyboardInterrupt:
        interrupted = True
        observer.note("interrupted: stopping here")
        outcomes += [Outcome.not_exercised(check.rule, INTERRUPTED) for check in checks[len(outcomes) :]]
    finally:
        session.context.exercised.judging = None  # the cancels after are no check's
        try:
            if options.allow_writes:
                writes = session.writer.finish()  # cancel what the run started, where the dialect can
                observer.note(writes.describe())
        finally:
            session.close()
    coverage = session.context.exercised.coverage(options.allow_writes)
    return Report(target, options, tuple(outcomes), time.monotonic() - started, writes, interrupted, coverage)
