"""The verdict on one check: the rule it enforces, passed / failed / not exercised, and the evidence."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = [
    "SAFE_METHODS",
    "SHOWN_FINDINGS",
    "Finding",
    "NotExercised",
    "Outcome",
    "Request",
    "Rule",
    "Status",
    "plural",
]

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
"""The methods RFC 9110 defines as safe: a request with one of them changes nothing on a conforming server."""
SHOWN_FINDINGS = 3
"""Findings a report shows of each failed check (the first ones)."""


class Status(enum.Enum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_EXERCISED = "not exercised"


@dataclass(frozen=True)
class Rule:
    """What a check enforces: a stable name (used in reports and JUnit) and the rule in one sentence."""

    name: str
    group: str
    statement: str


@dataclass(frozen=True)
class Request:
    """A request as it was sent, kept to send it once more; its headers hold the token, so it never prints them."""

    method: str
    url: str
    headers: Mapping[str, str] = field(repr=False)
    body: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Finding:
    """One violation: what the spec expects, what came back, and a curl command that asks again."""

    expected: str
    actual: str
    curl: str | None = None
    status: int | None = None
    """The status of the answer it is about, when it is about one."""
    request: Request | None = field(default=None, compare=False)
    """The request that got that answer, to send it again (`replay`)."""
    replayed: int | None = None
    """The status the same request got when sent once more, if it was (read-only requests only)."""


@dataclass(frozen=True)
class Outcome:
    rule: Rule
    status: Status
    detail: str
    """Passed: what was examined. Not exercised: why not. Failed: a one-line summary of the findings."""
    findings: tuple[Finding, ...] = ()
    applicable: bool = True
    """False for a rule the dialect does not have (e.g. paging where the endpoint does not page)."""
    chosen: bool = False
    """Not exercised because the user chose so (a read-only run): never a failure to judge, even under --strict."""

    @classmethod
    def passed(cls, rule: Rule, detail: str) -> Outcome:
        return cls(rule, Status.PASSED, detail)

    @classmethod
    def not_exercised(cls, rule: Rule, reason: str) -> Outcome:
        return cls(rule, Status.NOT_EXERCISED, reason)

    @classmethod
    def not_chosen(cls, rule: Rule, reason: str) -> Outcome:
        return cls(rule, Status.NOT_EXERCISED, reason, chosen=True)

    @classmethod
    def not_applicable(cls, rule: Rule, reason: str) -> Outcome:
        return cls(rule, Status.NOT_EXERCISED, f"not applicable: {reason}", applicable=False)

    @classmethod
    def judged(cls, rule: Rule, findings: list[Finding], detail: str) -> Outcome:
        """Failed when anything was found, else passed with `detail` saying what was examined."""
        if not findings:
            return cls.passed(rule, detail)
        summary = f"{plural(len(findings), 'violation')} found"
        return cls(rule, Status.FAILED, summary, tuple(findings))

    @property
    def failed(self) -> bool:
        return self.status is Status.FAILED


class NotExercised(Exception):
    """A check could not judge its rule; `reason` says why (no data to judge, or the server is not reached).

    `chosen` when the user's choice kept it from judging (a read-only run leaves the writes unsent); not
    `applicable` when the run showed the rule has nothing to hold (no answer was rate limited).
    """

    def __init__(self, reason: str, *, chosen: bool = False, applicable: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.chosen = chosen
        self.applicable = applicable


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
