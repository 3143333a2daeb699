"""Every fault of every faulty implementation is caught, and the failure names the rule it breaks.

Each faulty implementation is the mock with exactly one thing broken (see `tests/faulty`). Schema faults are
judged by a whole run (the schema phase comes first); semantic faults keep every answer schema-valid, so the
semantic checks alone judge them. Runs stop at the first failure, so the broken rule must be the first found.
An answer that is not the dialect's list at all ends the run at its preflight request, before any check.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import yaml

from contracts import Options, Target, run_contract
from contracts.checks import CHECKS, SEMANTIC_CHECKS
from contracts.checks.base import runs_made
from contracts.core.errors import PreflightError
from contracts.dialects import DIALECTS
from contracts.front.report import render_failure, render_summary
from mock_server import Settings, create_app
from tests.faulty import FAULTS, LAYOUTS, LONG_LIST_FAULTS, Fault, faulty
from tests.faulty.long_list import LONG_LIST_RUNS, long_list_params, long_list_scenario
from tests.servers import advancing_clock, serving

SEMANTIC_GROUPS = sorted({check.rule.group for check in SEMANTIC_CHECKS})
EXAMPLES = 5

CASES = [
    pytest.param(fault, dialect, id=f"{fault.name}-{dialect}")
    for fault in FAULTS
    for dialect, layout in LAYOUTS.items()
    if fault.applies(layout)
]


@pytest.fixture(scope="module")
def faulty_url() -> Iterator[str]:
    with serving(faulty(create_app(Settings(seed=0, clock_speed=0)))) as url:
        yield url


def only_for(fault: Fault) -> list[str] | None:
    """Semantic faults: the semantic checks alone; faults only generated requests show: the schema phase and the
    rule's own check; schema faults: every check."""
    if fault.phase:
        return ["schema", fault.rule(LAYOUTS["b3os"])]
    return SEMANTIC_GROUPS if fault.semantic else None


@pytest.mark.parametrize(("fault", "dialect"), CASES)
def test_the_fault_fails_the_rule_it_breaks(
    faulty_url: str, fixtures: dict[str, Any], fault: Fault, dialect: str
) -> None:
    target = Target(
        dialect, f"{faulty_url}/{fault.name}/{dialect}", fixtures[dialect]["token"], fixtures[dialect]["params"]
    )
    options = Options(max_examples=EXAMPLES, only=only_for(fault), allow_writes=fault.writes)

    if fault.preflight:
        with pytest.raises(PreflightError, match=f"the answer is not a {dialect} list of runs"):
            run_contract(target, options)
        return
    report = run_contract(target, options)

    rule = fault.rule(LAYOUTS[dialect])
    assert [outcome.rule.name for outcome in report.failures] == [rule], render_summary(report)
    assert render_failure(report.failures[0]).startswith(f"1) {rule}: ")


@pytest.mark.parametrize("fault", [fault for fault in FAULTS if fault.phase], ids=lambda fault: fault.name)
def test_a_fault_only_generated_requests_show_passes_the_fixed_requests_of_its_check(
    faulty_url: str, fixtures: dict[str, Any], fault: Fault
) -> None:
    dialect = "cortex-v1"
    target = Target(
        dialect, f"{faulty_url}/{fault.name}/{dialect}", fixtures[dialect]["token"], fixtures[dialect]["params"]
    )

    # A fault of the writes: the write checks, which send them with fixed bodies to real runs, see nothing.
    only = ["writes"] if fault.writes else [fault.rule(LAYOUTS[dialect])]
    report = run_contract(target, Options(max_examples=EXAMPLES, only=only, allow_writes=fault.writes))

    assert report.conforms, render_summary(report)
    assert report.judged, render_summary(report)


def test_every_fault_applies_to_some_dialect() -> None:
    assert all(any(fault.applies(layout) for layout in LAYOUTS.values()) for fault in FAULTS)


def test_the_router_leaves_unfaulted_paths_to_the_mock(faulty_url: str, fixtures: dict[str, Any]) -> None:
    target = Target("b3os", f"{faulty_url}/b3os", fixtures["b3os"]["token"], fixtures["b3os"]["params"])

    report = run_contract(target, Options(only=SEMANTIC_GROUPS))

    assert report.conforms, render_summary(report)


@pytest.fixture(scope="module")
def long_list_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The faulty router over the mock with a workflow of 140 runs in every paging dialect."""
    scenario = tmp_path_factory.mktemp("scenario") / "long.yaml"
    scenario.write_text(yaml.safe_dump(long_list_scenario()), encoding="utf-8")
    with serving(faulty(create_app(Settings(seed=0, clock_speed=0, scenario=str(scenario))))) as url:
        yield url


LONG_CASES = [
    pytest.param(fault, dialect, id=f"{fault.name}-{dialect}")
    for fault in LONG_LIST_FAULTS
    for dialect, layout in LAYOUTS.items()
    if fault.applies(layout)
]


@pytest.mark.parametrize(("fault", "dialect"), LONG_CASES)
def test_a_fault_on_the_last_pages_of_a_long_list_is_caught(
    long_list_url: str, fixtures: dict[str, Any], fault: Fault, dialect: str
) -> None:
    target = Target(
        dialect, f"{long_list_url}/{fault.name}/{dialect}", fixtures[dialect]["token"], long_list_params(dialect)
    )

    report = run_contract(target, Options(max_examples=EXAMPLES, only=["paging"]))

    assert [outcome.rule.name for outcome in report.failures] == [fault.rule(LAYOUTS[dialect])], render_summary(report)


@pytest.mark.parametrize("dialect", ["b3os", "cortex-v1"])
def test_the_paging_walk_reaches_the_last_page_of_a_long_list(
    long_list_url: str, fixtures: dict[str, Any], dialect: str
) -> None:
    target = Target(dialect, f"{long_list_url}/{dialect}", fixtures[dialect]["token"], long_list_params(dialect))

    report = run_contract(target, Options(max_examples=EXAMPLES, only=["paging"]))

    assert report.conforms, render_summary(report)
    (walked,) = [outcome for outcome in report.outcomes if outcome.rule.name == "paging_visits_each_run_once"]
    assert walked.detail == f"{LONG_LIST_RUNS} runs over 5 pages"


@pytest.mark.parametrize(
    ("dialect", "runs"),
    [
        # aitasker and invent only trigger; b3os triggers, retries and makes an ephemeral run; cortex cancels a run
        # of its own to write bodies on before it triggers, then replays.
        pytest.param("aitasker", 1, id="aitasker"),
        pytest.param("b3os", 3, id="b3os"),
        pytest.param("cortex-v1", 3, id="cortex-v1"),
        pytest.param("cortex-v2", 3, id="cortex-v2"),
        pytest.param("invent", 1, id="invent"),
    ],
)
def test_the_runs_the_write_checks_make_are_summed_from_what_each_declares(dialect: str, runs: int) -> None:
    assert runs_made(CHECKS, DIALECTS[dialect]) == runs


def test_a_write_check_run_alone_still_counts_the_run_it_makes_itself() -> None:
    (cancel,) = [check for check in CHECKS if check.name == "cancelled_run_reads_cancelled"]

    assert runs_made([cancel], DIALECTS["cortex-v1"]) == 1
    assert runs_made([cancel], DIALECTS["aitasker"]) == 0  # no cancel: the check does not apply


ADMIN = "contracts-checks-admin"
MOVING_SECONDS = 40
"""How far the clock moves before each list request: the demo workflow gets a run every 150 s, so a few arrive
while the list is walked, and most runs keep their page."""
POSITIONAL = ["paging", "filters", "unknown_query_parameter_as_documented"]


@pytest.fixture(scope="module")
def moving_url() -> Iterator[str]:
    app = faulty(create_app(Settings(seed=0, clock_speed=0, admin_token=ADMIN)))
    with serving(advancing_clock(app, MOVING_SECONDS, ADMIN)) as url:
        yield url


def moving_run(moving_url: str, fixtures: dict[str, Any], base: str, dialect: str) -> Any:
    """A run of the positional checks on the moving mock, its data and clock reset first (so every run sees the
    same arrivals)."""
    httpx.post(f"{moving_url}/__mock__/reset", json={}, headers={"Authorization": f"Bearer {ADMIN}"}).raise_for_status()
    fixture = fixtures[dialect]
    target = Target(dialect, f"{moving_url}/{base}", fixture["token"], fixture["params"])
    return run_contract(target, Options(max_examples=EXAMPLES, continue_on_failure=True, strict=True, only=POSITIONAL))


@pytest.mark.parametrize("dialect", ["b3os", "invent"])
def test_runs_arriving_while_the_list_is_walked_are_judged_on_what_held_its_place_and_conform_under_strict(
    moving_url: str, fixtures: dict[str, Any], dialect: str
) -> None:
    report = moving_run(moving_url, fixtures, dialect, dialect)

    assert report.conforms, render_summary(report)
    assert report.undecided is None, render_summary(report)
    moved = [outcome.rule.name for outcome in report.outcomes if "arrived meanwhile" in outcome.detail]
    assert "pages_do_not_overlap" in moved, render_summary(report)


@pytest.mark.parametrize(
    ("fault", "dialect"),
    [
        ("all_is_not_everything", "invent"),
        ("lying_paging_metadata", "invent"),
        ("lying_paging_metadata", "b3os"),
        ("zero_based_pages", "invent"),
    ],
)
def test_a_fault_the_lists_motion_cannot_explain_is_caught_while_runs_arrive(
    moving_url: str, fixtures: dict[str, Any], fault: str, dialect: str
) -> None:
    report = moving_run(moving_url, fixtures, f"{fault}/{dialect}", dialect)

    broken = next(item for item in FAULTS if item.name == fault).rule(LAYOUTS[dialect])
    assert broken in [outcome.rule.name for outcome in report.failures], render_summary(report)
