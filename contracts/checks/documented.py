"""Judging an error answer against what the spec documents for its status, and making up ids that exist nowhere."""

from __future__ import annotations

import string
import uuid
from collections.abc import Mapping

from contracts.checks.base import finding
from contracts.core.outcomes import Finding
from contracts.http.client import Exchange
from contracts.spec.document import ListOperation
from contracts.target.context import RunContext

__all__ = ["documented_error", "made_up", "unknown_id"]

ID_ALPHABET = string.ascii_letters + string.digits
SHORTEST_MADE_UP_ID = 12


def error_problems(
    context: RunContext, exchange: Exchange, status: int, operation: ListOperation | None = None
) -> list[str]:
    """How `exchange` differs from the `status` answer `operation` (default: the list) documents."""
    problems = (operation or context.operation).response_problems(exchange, status)
    field = context.dialect.error_status_field
    if problems or field is None:
        return problems
    body = exchange.json()
    claimed = body.get(field) if isinstance(body, Mapping) else None
    if claimed != status:
        problems.append(f"{field} is {claimed!r}, not the HTTP status {status}")
    return problems


def documented_error(
    context: RunContext,
    exchange: Exchange,
    statuses: tuple[int, ...],
    why: str,
    operation: ListOperation | None = None,
) -> Finding | None:
    """None when `exchange` is one of the documented `statuses` in its documented shape, else the violation."""
    expected = f"{' or '.join(map(str, statuses))} in the documented shape, {why}"
    if exchange.status not in statuses:
        return finding(expected, exchange)
    problems = error_problems(context, exchange, exchange.status, operation)
    return finding(expected, exchange, "; ".join(problems)) if problems else None


def unknown_id(context: RunContext, parameter: str) -> str:
    """An id of the parameter's form (a UUID, or a known id's prefix and length) that names nothing."""
    if context.operation.parameter_schema(parameter).get("format") == "uuid":
        return str(uuid.UUID(int=context.random.getrandbits(128), version=4))
    candidates = [
        context.path_params[parameter],
        *map(str, context.operation.parameter_examples(parameter)),
    ]
    known = next((value for value in candidates if value and value != context.dialect.self_alias), "")
    prefix, separator, rest = known.rpartition("_")
    return f"{prefix}{separator}{made_up(context, len(rest if separator else known))}"


def made_up(context: RunContext, length: int) -> str:
    """Letters and digits drawn from the run's seeded generator: at least `SHORTEST_MADE_UP_ID` of them."""
    return "".join(context.random.choice(ID_ALPHABET) for _ in range(max(length, SHORTEST_MADE_UP_ID)))
