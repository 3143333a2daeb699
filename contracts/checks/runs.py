"""One run: get answers the run the list shows, and a run that does not exist, or is asked for through another
tenant or workflow, is the documented 404.

The get is reached the way the spec says, through the link its list documents (`GetRun`), so the checks hold
for any dialect whose spec links its list to a get; where the run sits in the get's answer is the dialect's. The
get is sent with the flags it shares with the list (`verbose`), as the list was, and between two lists: a run that
was the same in both is held to the get field for field, one that moved meanwhile to what cannot move (`motion`).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from contracts.checks.base import Judgement, check, finding
from contracts.checks.documented import documented_error, made_up
from contracts.core.errors import SpecError
from contracts.core.json_path import MISSING, dig
from contracts.core.outcomes import Finding, NotExercised
from contracts.coverage.coverage import LinkKey
from contracts.dialects.base import Dialect, Run
from contracts.reading.listing import Page
from contracts.rules.motion import changes
from contracts.session import Session
from contracts.spec.document import ListOperation
from contracts.spec.links import Link, response_links

__all__ = ["get_answers_listed_run", "run_outside_its_path_gets_404", "unknown_run_gets_404"]


def has_get(dialect: Dialect) -> str | None:
    return None if dialect.get_run else f"the {dialect.name} spec documents no operation that reads one run"


def get_names_owner(dialect: Dialect) -> str | None:
    if not dialect.get_names_owner:
        return f"the {dialect.name} get names no tenant or workflow: only another token could reach another's run"
    return has_get(dialect)


@dataclass(frozen=True)
class GetRoute:
    """The get operation and the list's link to it."""

    operation: ListOperation
    link: Link


def route(session: Session) -> GetRoute:
    operation_id = session.context.dialect.get_run
    assert operation_id is not None  # guaranteed by has_get
    try:
        operation = session.context.operation.sibling(operation_id)
    except SpecError as error:
        raise NotExercised(str(error)) from None
    link = next(
        (link for link in response_links(session.context.operation.found, 200) if link.operation_id == operation_id),
        None,
    )
    if link is None:
        raise NotExercised(f"the spec's list documents no link to {operation_id}")
    return GetRoute(operation, link)


def link_key(session: Session, link: Link) -> LinkKey:
    """The list's `link` as the coverage names it (from the list's 200)."""
    listing = session.context.operation.found
    return LinkKey(listing.operation_id or listing.key, "200", link.name, link.operation_id)


def listed_run(session: Session) -> tuple[Page, dict[str, str]]:
    """The first page with runs, and the get's path parameters the link makes of it."""
    page = session.lists.reached()
    if not page.runs:
        raise NotExercised("the workflow has no runs: pin one with runs (--param)")
    arguments = route(session).link.arguments(session.context.path_params, page.exchange.json())
    if arguments is None:
        raise NotExercised("the list's link to the get reaches no value in the list's answer")
    return page, arguments


def run_in(session: Session, body: Any) -> Run | None:
    run = dig(body, session.context.dialect.one_run_path)
    return run if run is not MISSING and isinstance(run, Mapping) else None


def flags(session: Session, get: ListOperation) -> dict[str, str]:
    """The query parameters of the get that the list has too (`verbose`), each set to a value that changes the
    answer: the first of its enum (of its items' enum, for an array), or true."""
    chosen: dict[str, str] = {}
    for name in set(get.parameter_names("query")) & set(session.context.operation.parameter_names("query")):
        schema = get.parameter_schema(name)
        values = schema.get("enum") or get.resolve(schema.get("items", {})).get("enum")
        if values:
            chosen[name] = str(values[0])
        elif schema.get("type") == "boolean":
            chosen[name] = "true"
    return dict(sorted(chosen.items()))


def disagreements(dialect: Dialect, listed: Run, got: Run, listed_after: Run | None) -> list[str]:
    """How the get's run differs from the listed one: in anything, when the list showed the run the same before
    and after the get; otherwise in what the run cannot have changed meanwhile."""
    moving = dialect.lifecycle.moving | dialect.lifecycle.settable
    still = listed_after == listed
    # A field that moves may come and go as the run moves (cortex's `error` appears when it fails).
    absent = [name for name in listed if name not in got and (still or name not in moving)]
    problems = [f"{name} is in the list but not in the get" for name in absent]
    if got.get("id") != listed.get("id"):
        return [*problems, f"id is {got.get('id')!r}, not {listed.get('id')!r}"]
    if still:
        return problems + [
            f"{name} is {got[name]!r} in the get, {value!r} in the list"
            for name, value in listed.items()
            if name in got and got[name] != value
        ]
    problems += [f"from the list to the get, {change}" for change in changes(dialect, listed, got)]
    if listed_after is not None:
        problems += [f"from the get to the list after it, {change}" for change in changes(dialect, got, listed_after)]
    return problems


@check("get_answers_listed_run", "runs", "get answers the same run the list shows", applies=has_get)
def get_answers_listed_run(session: Session) -> Judgement:
    get = route(session)
    shared = flags(session, get.operation)
    findings: list[Finding] = []
    examined: list[str] = []
    for query in [{}, shared] if shared else [{}]:
        page = session.lists.lister.page(query)
        if not page.runs:
            raise NotExercised("the workflow has no runs: pin one with runs (--param)")
        arguments = get.link.arguments(session.context.path_params, page.exchange.json())
        if arguments is None:
            raise NotExercised("the list's link to the get reaches no value in the list's answer")
        exchange = session.context.get(query, path=arguments, template=get.operation.path)
        session.context.exercised.follow(link_key(session, get.link))
        after = session.lists.lister.page(query)
        listed = page.runs[0]
        sent = f" with {', '.join(f'{name}={value}' for name, value in query.items())}" if query else ""
        examined.append(f"run {listed.get('id')}{sent}")
        expected = f"the run the list shows{sent}, {listed.get('id')}"
        if exchange.status != 200:
            findings.append(finding(f"200 with run {listed.get('id')}", exchange))
            continue
        got = run_in(session, exchange.json() if exchange.media_type.endswith("json") else None)
        if got is None:
            findings.append(finding(expected, exchange, "no run where expected"))
            continue
        listed_after = next((run for run in after.runs if run.get("id") == listed.get("id")), None)
        problems = disagreements(session.context.dialect, listed, got, listed_after)
        if problems:
            findings.append(finding(expected, exchange, "; ".join(problems)))
    return Judgement(findings, f"{' and '.join(examined)} read through get and the list")


def unknown_value(session: Session, known: str) -> str:
    """A value of the form of `known` (a UUID, or its prefix and length) that names nothing."""
    try:
        uuid.UUID(known)
    except ValueError:
        prefix, separator, rest = known.rpartition("_")
        return f"{prefix}{separator}{made_up(session.context, len(rest if separator else known))}"
    return str(uuid.UUID(int=session.context.random.getrandbits(128), version=4))


def judge_404(session: Session, arguments: Mapping[str, str], changed: str, why: str) -> Finding | None:
    get = route(session)
    exchange = session.context.get({}, path=arguments, template=get.operation.path)
    return documented_error(session.context, exchange, (404,), f"{why} ({changed})", get.operation)


@check(
    "unknown_run_gets_404",
    "runs",
    "a run id of a valid form that names no run gets the documented 404 through get",
    applies=has_get,
)
def unknown_run_gets_404(session: Session) -> Judgement:
    _, arguments = listed_run(session)
    link = route(session).link
    run_parameter = next((name for name in arguments if link.from_answer(name)), None)
    if run_parameter is None:
        raise NotExercised("the list's link to the get takes no parameter from the list's runs")
    unknown = unknown_value(session, arguments[run_parameter])
    found = judge_404(
        session, {**arguments, run_parameter: unknown}, f"{run_parameter}={unknown}", "for a run that does not exist"
    )
    return Judgement([found] if found else [], f"{run_parameter}={unknown} answered 404")


@check(
    "run_outside_its_path_gets_404",
    "runs",
    "a run asked for through another tenant or workflow than its own gets the documented 404 through get",
    applies=get_names_owner,
)
def run_outside_its_path_gets_404(session: Session) -> Judgement:
    _, arguments = listed_run(session)
    link = route(session).link
    owners = [
        name
        for name in (session.context.dialect.tenant_parameter, session.context.dialect.workflow_parameter)
        if name is not None and name in arguments and not link.from_answer(name)
    ]
    if not owners:
        raise NotExercised("the get's path names no tenant or workflow: only another token could reach another's run")
    # The alias of the token's own tenant is no id whose form a made-up one could take.
    owners = [owner for owner in owners if arguments[owner] != session.context.dialect.self_alias]
    if not owners:
        raise NotExercised("the path names its owner by alias: pin the tenant and workflow with --param")
    findings: list[Finding] = []
    for owner in owners:
        other = unknown_value(session, arguments[owner])
        found = judge_404(
            session, {**arguments, owner: other}, f"{owner}={other}", "for a real run through another owner"
        )
        if found is not None:
            findings.append(found)
    return Judgement(findings, f"a listed run asked for through another {' and another '.join(owners)}")
