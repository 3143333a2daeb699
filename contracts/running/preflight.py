"""The request before any check: the list, asked with the run's token and parameters, must answer as the dialect.

A refused token, parameters that reach nothing, a base URL that answers nothing or redirects, or an answer that is
not the dialect's list would leave every check with nothing to judge; each ends the run at once with a
`PreflightError` saying which, and what to fix. Any other answer (a 5xx, a 400) is the checks' to judge.
"""

from __future__ import annotations

from contracts.core.errors import PreflightError, UnreachableError
from contracts.dialects.base import ShapeError
from contracts.http.client import Exchange
from contracts.target.context import RunContext

__all__ = ["preflight"]

REFUSED = (401, 403)
REDIRECTS = (301, 302, 303, 307, 308)


def preflight(context: RunContext) -> Exchange:
    """The plainest list request, answered with the dialect's list; raises `ContractError` saying what to fix."""
    try:
        exchange = context.get({})
    except UnreachableError as error:
        raise UnreachableError(f"{error}; check --base-url") from None
    asked = f"GET {exchange.url} answered {exchange.describe()}"
    if exchange.status in REFUSED:
        raise PreflightError(refused(context, asked))
    if exchange.status == 404:
        raise PreflightError(f"the parameters reach nothing: {asked}; {where_to_look(context)}")
    if exchange.status in REDIRECTS:
        location = exchange.headers.get("location", "(no Location)")
        raise PreflightError(
            f"the list redirects to {location}: GET {exchange.url} answered {exchange.status}; check --base-url"
        )
    if exchange.status == 200:
        problem = not_the_list(context, exchange)
        if problem is not None:
            raise PreflightError(
                f"the answer is not a {context.dialect.name} list of runs ({problem}): {asked}; "
                "check --dialect and --base-url"
            )
    return exchange


def refused(context: RunContext, asked: str) -> str:
    target = context.target
    if target.token is None:
        return (
            f"no token was given: {asked}; give --token-env NAME, or set {target.token_variable}, "
            "to a token the server accepts"
        )
    where = f"${target.token_variable}" if target.token_from_environment else "--token"
    return f"the token was refused: {asked}; check {where}"


def where_to_look(context: RunContext) -> str:
    unpinned = context.unpinned
    if unpinned:
        return f"pin {', '.join(unpinned)} with --param to a resource the token can read, and check --base-url"
    pinned = ", ".join(f"--param {name}" for name in context.target.params)
    return f"check {pinned} (a resource the token can read) and --base-url"


def not_the_list(context: RunContext, exchange: Exchange) -> str | None:
    """Why a 200 is not the dialect's list of runs (its media type, JSON, where the runs sit), or None."""
    response = context.operation.response(200) or {}
    media_types = list(response.get("content", {}))
    if media_types and exchange.media_type not in media_types:
        return f"media type {exchange.media_type or '(none)'}, not {' or '.join(media_types)}"
    try:
        body = exchange.json()
    except ValueError:
        return "the body is not JSON"
    try:
        context.dialect.runs_in(body)
    except ShapeError as error:
        return str(error)
    return None
