"""Ownership: every run belongs to the tenant and workflow of the path, and node runs point at their run."""

from __future__ import annotations

from contracts.checks.base import Judgement, check, finding
from contracts.core.outcomes import Finding, NotExercised, plural
from contracts.dialects.base import Dialect
from contracts.session import Session

__all__ = ["node_runs_point_at_run", "runs_belong_to_path"]


def has_node_runs(dialect: Dialect) -> str | None:
    return None if dialect.node_runs else f"{dialect.name} runs do not list node runs"


@check("runs_belong_to_path", "ownership", "every run belongs to the tenant and the workflow the path names")
def runs_belong_to_path(session: Session) -> Judgement:
    dialect = session.context.dialect
    reference = session.lists.snapshot.reference
    if not reference.runs:
        raise NotExercised("the workflow has no runs: pin one with runs (--param)")
    owners = [
        (parameter, field)
        for parameter, field in (
            (dialect.tenant_parameter, dialect.tenant_field),
            (dialect.workflow_parameter, dialect.workflow_field),
        )
        if parameter is not None and field is not None
    ]
    findings: list[Finding] = []
    for parameter, field in owners:
        named = session.context.path_params[parameter]
        if named == dialect.self_alias:
            # The alias names the token's own tenant, whose real id the runs carry: they must all agree on it.
            values = {run.get(field) for run in reference.runs}
            if len(values) > 1:
                what = f"{field} takes {len(values)} values: {', '.join(sorted(map(str, values))[:3])}"
                findings.append(
                    finding(f"one {field} for every run of {parameter}={named}", reference.pages[0].exchange, what)
                )
            continue
        for page in reference.pages:
            stray = next((run for run in page.runs if run.get(field) != named), None)
            if stray is not None:
                what = f"run {stray.get('id')} has {field} {stray.get(field)!r}"
                findings.append(finding(f"{field} equal to {parameter} {named!r} on every run", page.exchange, what))
                break
    fields = ", ".join(field for _, field in owners)
    return Judgement(findings, f"{fields} of {plural(len(reference.runs), 'run')}")


@check(
    "node_runs_point_at_run",
    "ownership",
    "every node run points at the run that lists it",
    applies=has_node_runs,
)
def node_runs_point_at_run(session: Session) -> Judgement:
    node_runs = session.context.dialect.node_runs
    if node_runs is None:  # excluded by `has_node_runs`
        raise NotExercised("the dialect lists no node runs")
    reference = session.lists.snapshot.reference
    findings: list[Finding] = []
    examined = 0
    for page in reference.pages:
        for run in page.runs:
            nodes = node_runs.of(run)
            examined += len(nodes)
            stray = next((node for node in nodes if node.get(node_runs.parent_field) != run.get("id")), None)
            if stray is not None:
                parent = stray.get(node_runs.parent_field)
                what = f"node run {stray.get('id')} of run {run.get('id')} has {node_runs.parent_field} {parent!r}"
                findings.append(finding(f"{node_runs.parent_field} equal to the id of its run", page.exchange, what))
    if examined == 0:
        raise NotExercised("no run lists node runs: a workflow with a run that executed nodes would exercise it")
    return Judgement(findings, plural(examined, "node run"))
