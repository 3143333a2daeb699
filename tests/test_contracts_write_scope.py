"""What a run that allows writes may write on: its own runs, the pinned tenant and workflow, made-up ids.

The roles of each write's path parameters are read from the spec; a value outside the scope is refused to the
write checks and rewritten to a made-up id for the schema phase, unless its schema already refuses it. Then the
whole suite, against the mock of every dialect with the request log on: no write, in any phase or check, names a
run, tenant or workflow the mock had before the run (other than the pinned ones), and the suite lists exactly
the writes the mock received.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from contracts import Options, Target, run_contract
from contracts.dialects import DIALECTS
from contracts.front.report import render_summary
from contracts.running.runner import Report
from contracts.spec.document import load_operation
from contracts.spec.operations import SAFE_METHODS
from contracts.writing.log import WRITE_CHECKS
from contracts.writing.scope import MADE_UP_PREFIX, Role, WriteScope
from mock_server import Settings
from mock_server.app import MockApp
from tests.servers import serving
from workflow_runs_specs import reader, spec_path

ADMIN = "admin-token-of-the-write-scope-test"
EXAMPLES = 2
"""Few examples per phase: every phase still sends writes, and the run stays quick."""
PHASES = ("examples", "coverage", "fuzzing", "stateful")


def scope(dialect: str, pinned: dict[str, str], created: list[str] | None = None) -> WriteScope:
    return WriteScope.of(
        load_operation(spec_path(dialect)), DIALECTS[dialect], pinned, [] if created is None else created, seed=0
    )


def test_each_path_parameter_of_a_write_is_a_run_a_pinned_owner_or_nothing_the_run_may_name() -> None:
    roles = {
        dialect: {
            f"{method} {path}": {parameter.name: parameter.role for parameter in parameters}
            for (method, path), parameters in scope(dialect, {}).parameters.items()
        }
        for dialect in ("b3os", "cortex-v2", "invent")
    }

    # b3os' `id` is the pinned workflow after `workflows/`, a run after `runs/`.
    assert roles["b3os"]["POST /v1/workflows/{id}/run"] == {"id": Role.PINNED}
    assert roles["b3os"]["POST /v1/runs/{id}/retry"] == {"id": Role.RUN}
    assert roles["b3os"]["POST /v1/runs"] == {}
    retention = "PATCH /apps/{app_id}/workflows/{workflow_id}/runs/{run_id}/retention"
    assert roles["cortex-v2"][retention] == {"app_id": Role.PINNED, "workflow_id": Role.PINNED, "run_id": Role.RUN}
    # Invent's list names no workflow; its trigger's is pinned all the same.
    assert roles["invent"]["POST /orgs/{org_id}/workflows/{workflow_id}/runs"] == {
        "org_id": Role.PINNED,
        "workflow_id": Role.PINNED,
    }


def test_a_write_may_name_only_runs_the_run_created_the_pinned_owners_the_tenant_alias_and_made_up_ids() -> None:
    created: list[str] = []
    allowed = scope("cortex-v1", {"app_id": "app_1", "workflow_id": "wf_1"}, created)
    cancel = "/apps/{app_id}/workflows/{workflow_id}/runs/{run_id}/cancel"

    def outside(**values: str) -> list[str]:
        return allowed.outside("post", cancel, {"app_id": "app_1", "workflow_id": "wf_1", **values})

    assert outside(run_id="run_listed") == ["run_id=run_listed, a run this run did not create"]
    created.append("run_listed")  # the scope reads the log's list of created runs as it grows
    assert outside(run_id="run_listed") == []
    assert outside(run_id="run_listed", app_id="c") == []  # the token's own app
    assert outside(run_id="run_listed", workflow_id="wf_2") == ["workflow_id=wf_2, not pinned with --param"]
    made_up = allowed.made_up_for("POST", cancel, "workflow_id")
    assert outside(run_id="run_listed", workflow_id=made_up) == []


def test_an_unpinned_owner_is_outside_the_scope_whatever_its_value() -> None:
    allowed = scope("b3os", {})

    assert allowed.outside("POST", "/v1/workflows/{id}/run", {"id": "wf_example"}) == [
        "id=wf_example, not pinned with --param"
    ]


def test_the_phase_gets_made_up_ids_for_what_it_may_not_name_and_keeps_values_no_server_issued() -> None:
    allowed = scope("b3os", {"id": "wf_1"}, ["run_mine"])

    confined = allowed.confine("POST", "/v1/runs/{id}/cancel", {"id": "run_listed"})

    assert confined == {"id": allowed.made_up["run"]}
    assert re.fullmatch(rf"{MADE_UP_PREFIX}run-[0-9a-f]{{8}}", confined["id"])
    assert allowed.confine("POST", "/v1/runs/{id}/cancel", {"id": "run_mine"}) == {}
    assert allowed.confine("POST", "/v1/runs/{id}/cancel", {"id": ""}) == {}  # minLength 1: names nothing
    assert allowed.confine("POST", "/v1/workflows/{id}/run", {"id": "wf_2"}) == {"id": allowed.made_up["workflow"]}
    # One made-up id per noun and run, drawn from the seed: the same seed makes the same.
    assert scope("b3os", {}).confine("POST", "/v1/runs/{id}/retry", {"id": "run_x"}) == confined


def test_a_made_up_uuid_is_a_valid_uuid_of_a_version_no_server_issues() -> None:
    allowed = scope("aitasker", {"workspace_id": "abb5e14a-2782-4df3-9072-cc131dbab447"})
    trigger = "/api/v1/workspaces/{workspace_id}/workflows/{workflow_id}/trigger"

    made_up = allowed.made_up_for("POST", trigger, "workflow_id")

    assert uuid.UUID(made_up).version == 0
    assert allowed.confine("POST", trigger, {"workspace_id": "not-a-uuid", "workflow_id": made_up}) == {}


def test_what_a_write_names_last_is_what_is_made_up_to_send_it_without_creating_anything() -> None:
    allowed = scope("cortex-v1", {})

    assert list(allowed.instead("POST", "/apps/{app_id}/workflows/{workflow_id}/runs/{run_id}/replay")) == ["run_id"]
    assert list(allowed.instead("POST", "/apps/{app_id}/workflows/{workflow_id}/runs")) == ["workflow_id"]
    assert scope("b3os", {}).instead("POST", "/v1/runs") == {}


# --- the whole suite against the mock -------------------------------------------------------------------------


@dataclass(frozen=True)
class Observed:
    """A whole run with writes against the mock, and what the mock had before it and received during it."""

    dialect: str
    report: Report
    pinned: dict[str, str]
    before: frozenset[str]
    """The ids of every run, tenant and workflow the mock had before the run."""
    writes: list[dict[str, Any]]
    """Every write the mock's request log recorded."""


def observe(dialect: str, stack: ExitStack) -> Observed:
    mock = MockApp(
        Settings(dialects=(dialect,), seed=0, clock_speed=0, admin_token=ADMIN, request_log_capacity=100_000)
    )
    view = mock.mounts[dialect].read().view
    runs = {run.id for tenant in view.tenants for run in view.runs(tenant.id)}
    owners = {tenant.id for tenant in view.tenants} | {workflow.id for workflow in view.workflows}
    url = stack.enter_context(serving(mock.app))
    fixture = httpx.get(f"{url}/__mock__/fixtures").json()[dialect]
    target = Target(dialect, url, fixture["token"], fixture["params"])
    report = run_contract(target, Options(max_examples=EXAMPLES, allow_writes=True, continue_on_failure=True))
    log = httpx.get(f"{url}/__mock__/requests", headers={"Authorization": f"Bearer {ADMIN}"}).json()["requests"]
    writes = [entry for entry in log if entry["method"] not in SAFE_METHODS]
    return Observed(dialect, report, fixture["params"], frozenset(runs | owners), writes)


@pytest.fixture(scope="module")
def observed() -> Iterator[Callable[[str], Observed]]:
    """One whole run per dialect, made when a test first asks for it."""
    runs: dict[str, Observed] = {}
    with ExitStack() as stack:

        def run(dialect: str) -> Observed:
            if dialect not in runs:
                runs[dialect] = observe(dialect, stack)
            return runs[dialect]

        yield run


def named(dialect: str, entry: dict[str, Any]) -> dict[str, str]:
    """The path parameters a write names, read from its path against the spec's templates."""
    for operation in reader.Spec.of_dialect(dialect).operations:
        pattern = re.sub(r"\\\{([^}]+)\\\}", r"(?P<\1>[^/]*)", re.escape(operation.path))
        found = re.fullmatch(pattern, entry["path"])
        if operation.method.upper() == entry["method"] and found:
            return found.groupdict()
    raise AssertionError(f"{entry['method']} {entry['path']} is no write of the {dialect} spec")


@pytest.mark.parametrize("dialect", [pytest.param(dialect, id=dialect) for dialect in DIALECTS])
def test_no_write_of_a_whole_run_names_a_run_or_an_owner_the_target_had_unless_pinned(
    observed: Callable[[str], Observed], dialect: str
) -> None:
    run = observed(dialect)

    offending = [
        f"{entry['method']} {entry['path']} ({entry['status']}): {name}={value}"
        for entry in run.writes
        for name, value in named(dialect, entry).items()
        if value in run.before and value != run.pinned.get(name)
    ]

    assert run.writes, "the run sent no write"
    assert not offending, "\n".join(offending)
    assert run.report.conforms, render_summary(run.report)


@pytest.mark.parametrize("dialect", [pytest.param(dialect, id=dialect) for dialect in DIALECTS])
def test_the_run_lists_exactly_the_writes_the_target_received(
    observed: Callable[[str], Observed], dialect: str
) -> None:
    run = observed(dialect)

    listed = Counter((write.method, write.path, write.status) for write in run.report.writes.sent)
    received = Counter((entry["method"], entry["path"], entry["status"]) for entry in run.writes)

    assert listed == received
    summary = render_summary(run.report)
    assert f"writes sent ({sum(received.values())}; method, path, status, times):" in summary
    assert all(f"  {method} {path} {status}" in summary for method, path, status in received)


@pytest.mark.parametrize(
    ("dialect", "phase"),
    [
        pytest.param(dialect, phase, id=f"{dialect}-{phase}")
        for dialect in ("b3os", "cortex-v2")
        for phase in (*PHASES, WRITE_CHECKS)
    ],
)
def test_every_phase_and_the_write_checks_write_on_runs_only_through_the_scope(
    observed: Callable[[str], Observed], dialect: str, phase: str
) -> None:
    run = observed(dialect)
    sent = [write for write in run.report.writes.sent if write.by == phase]
    on_runs = [write for write in sent if "/runs/" in write.path]

    # The phase wrote on one run (the listing is what the mock received: the test above), never on one the mock
    # had, and on the run's own runs or made-up ones.
    named = [write.path.split("/runs/")[1].split("/")[0] for write in on_runs]
    assert named, f"{phase} sent no write on one run"
    assert not [run_id for run_id in named if run_id in run.before]
    own = set(run.report.writes.created)
    assert any(run_id in own or run_id.startswith(MADE_UP_PREFIX) for run_id in named)
