"""Auth: a request without a token, with a malformed Authorization header, or with a wrong token gets 401."""

from __future__ import annotations

from contracts.checks.base import Judgement, check
from contracts.checks.documented import documented_error, made_up
from contracts.core.outcomes import Finding, NotExercised, plural
from contracts.session import Session

__all__ = ["malformed_authorization_gets_401", "missing_token_gets_401", "wrong_token_gets_401"]

STAND_IN_TOKEN = "contract-suite-token"


def refusals(session: Session, headers: list[str | None], why: str) -> Judgement:
    findings: list[Finding] = []
    for header in headers:
        exchange = session.context.get({}, authorization=header)
        if exchange.status in (403, 404) and not path_reaches_runs(session):
            raise NotExercised(
                f"the path names no workflow here ({exchange.status}), so a refusal cannot be told from a "
                f"missing resource; pin {', '.join(session.context.unpinned) or 'the path'} with --param"
            )
        found = documented_error(session.context, exchange, (401,), why)
        if found is not None:
            findings.append(found)
    return Judgement(findings, f"{plural(len(headers), 'request')} refused")


def path_reaches_runs(session: Session) -> bool:
    """Whether the path is known to name a workflow: pinned by the user, or reached with the token."""
    if not session.context.unpinned:
        return True
    try:
        session.lists.reached()
    except NotExercised:
        return False
    return True


@check("missing_token_gets_401", "auth", "a request without an Authorization header gets 401 in the documented shape")
def missing_token_gets_401(session: Session) -> Judgement:
    return refusals(session, [None], "for a request without a token")


@check(
    "malformed_authorization_gets_401",
    "auth",
    "a request whose Authorization header is not 'Bearer <token>' gets 401 in the documented shape",
)
def malformed_authorization_gets_401(session: Session) -> Judgement:
    token = session.context.target.token or STAND_IN_TOKEN
    return refusals(session, [token, "Bearer"], "for an Authorization header that is not 'Bearer <token>'")


@check(
    "wrong_token_gets_401", "auth", "a request with a token the server never issued gets 401 in the documented shape"
)
def wrong_token_gets_401(session: Session) -> Judgement:
    token = session.context.target.token or STAND_IN_TOKEN
    prefix, separator, rest = token.rpartition("_")
    wrong = f"{prefix}{separator}{made_up(session.context, len(rest))}"
    return refusals(session, [f"Bearer {wrong}"], "for a token the server never issued")
