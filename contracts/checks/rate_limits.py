"""Rate limits: a rate-limited request (429) is asked to wait no longer than --max-wait.

Every spec documents 429 with `Retry-After`. The suite waits as it asks, each time at most --max-wait seconds, so
that a run ends in a time its user chose, and says so on the console while it waits (`waiting.Waiter`); a
`Retry-After` asking for longer is not waited out in full, and each request that got one is a finding here. A run
no request of which was rate limited has nothing for the rule to hold: it does not apply.
"""

from __future__ import annotations

from contracts.checks.base import Judgement, check
from contracts.client import curl
from contracts.outcomes import Finding, NotExercised, plural
from contracts.session import Session

__all__ = ["retry_after_within_max_wait"]


@check(
    "retry_after_within_max_wait",
    "rate limits",
    "a rate-limited request (429) is asked to wait no longer than --max-wait",
)
def retry_after_within_max_wait(session: Session) -> Judgement:
    waits = list(session.waiter.waits)
    if not waits:
        raise NotExercised("no request was rate limited (429)", applicable=False)
    most = session.options.max_wait
    findings: list[Finding] = []
    for wait in waits:
        if wait.asked is None or wait.asked <= most:
            continue
        finding = Finding(
            f"a Retry-After of at most {most:g} s (--max-wait)",
            f"429 with Retry-After: {wait.retry_after} ({wait.asked:g} s); waited {wait.waited:g} s and sent it again",
            curl(wait.request, session.target.secret),
            status=429,
        )
        if finding not in findings:
            findings.append(finding)
    waited = sum(wait.waited for wait in waits)
    return Judgement(findings, f"{plural(len(waits), '429 answer')} waited out, {waited:g} s in all")
