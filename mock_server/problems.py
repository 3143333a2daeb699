"""What can go wrong with a request, described without any vendor's shape.

The request pipeline reports a `Problem`; each dialect renders it in its vendor's documented error body::

    Problem(ProblemKind.INVALID_REQUEST, "take must be at most 100",
            issues=(Issue("query", "take", IssueCode.TOO_BIG, "take must be at most 100", "500", 100),))

Exceptions (raised inside Connexion's middleware, caught by the app's error handlers)::

    MockProblem            carries a Problem to the error handlers
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Location = Literal["path", "query", "header", "body"]


class ProblemKind(enum.Enum):
    """A kind of failure and the HTTP status it gets unless a dialect documents another."""

    INVALID_REQUEST = 400
    UNAUTHORIZED = 401
    FORBIDDEN = 403
    NOT_FOUND = 404
    METHOD_NOT_ALLOWED = 405
    NOT_ACCEPTABLE = 406
    CONFLICT = 409
    PAYLOAD_TOO_LARGE = 413
    UNSUPPORTED_MEDIA_TYPE = 415
    RATE_LIMITED = 429
    SERVER_ERROR = 500
    UNAVAILABLE = 503


class IssueCode(enum.Enum):
    MISSING = "missing"
    INVALID_TYPE = "invalid_type"
    INVALID_ENUM = "invalid_enum"
    TOO_SMALL = "too_small"
    TOO_BIG = "too_big"
    INVALID_FORMAT = "invalid_format"
    UNKNOWN_PARAMETER = "unknown_parameter"
    REPEATED_PARAMETER = "repeated_parameter"
    MALFORMED = "malformed"
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True)
class Issue:
    """One thing wrong with one parameter."""

    location: Location
    name: str
    code: IssueCode
    message: str
    value: str | None = None
    expected: str | int | float | tuple[str, ...] | None = None
    """What was expected: the type or format name, the bound, or the allowed values."""


@dataclass(frozen=True)
class Problem:
    kind: ProblemKind
    message: str
    issues: tuple[Issue, ...] = ()
    headers: Mapping[str, str] = field(default_factory=dict)


class MockProblem(Exception):
    """Carries a `Problem` out of Connexion's middleware to the dialect's error renderer."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem
