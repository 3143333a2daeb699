"""Not found: an unknown tenant or workflow id of a valid form gets the documented 404, never an empty 200."""

from __future__ import annotations

from contracts.checks.base import Judgement, check
from contracts.checks.documented import documented_error, unknown_id
from contracts.dialects.base import Dialect
from contracts.session import Session

__all__ = ["unknown_tenant_gets_404", "unknown_workflow_gets_404"]


def has_tenant(dialect: Dialect) -> str | None:
    return None if dialect.tenant_parameter else f"the {dialect.name} path names no tenant"


def has_workflow(dialect: Dialect) -> str | None:
    return None if dialect.workflow_parameter else f"the {dialect.name} path names no workflow"


def unknown(session: Session, parameter: str, what: str) -> Judgement:
    # The known path must reach runs first: then the token is good and only the made-up id can explain a 404.
    session.lists.reached()
    made_up = unknown_id(session.context, parameter)
    exchange = session.context.get({}, path={parameter: made_up})
    found = documented_error(session.context, exchange, (404,), f"for the {what} {made_up!r}, which does not exist")
    return Judgement([found] if found else [], f"{parameter}={made_up} answered 404")


@check(
    "unknown_tenant_gets_404",
    "not found",
    "an unknown tenant id of a valid form gets the documented 404, not an empty list",
    applies=has_tenant,
)
def unknown_tenant_gets_404(session: Session) -> Judgement:
    parameter = session.context.dialect.tenant_parameter
    assert parameter is not None  # guaranteed by has_tenant
    return unknown(session, parameter, "tenant")


@check(
    "unknown_workflow_gets_404",
    "not found",
    "an unknown workflow id of a valid form, in a known tenant, gets the documented 404, not an empty list",
    applies=has_workflow,
)
def unknown_workflow_gets_404(session: Session) -> Judgement:
    parameter = session.context.dialect.workflow_parameter
    assert parameter is not None  # guaranteed by has_workflow
    return unknown(session, parameter, "workflow")
