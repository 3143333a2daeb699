"""Every fault of every faulty implementation is caught, and the failure names the rule it breaks.

Each faulty implementation is the mock with exactly one thing broken (see `tests/faulty`). Schema faults are
judged by a whole run (the schema phase comes first); semantic faults keep every answer schema-valid, so the
semantic checks alone judge them. Runs stop at the first failure, so the broken rule must be the first found.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from contracts import Options, Target, run_contract
from contracts.checks import SEMANTIC_CHECKS
from contracts.report import render_failure, render_summary
from mock_server import Settings, create_app
from tests.faulty import FAULTS, LAYOUTS, Fault, faulty
from tests.servers import serving

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


@pytest.mark.parametrize(("fault", "dialect"), CASES)
def test_the_fault_fails_the_rule_it_breaks(
    faulty_url: str, fixtures: dict[str, Any], fault: Fault, dialect: str
) -> None:
    target = Target(
        dialect, f"{faulty_url}/{fault.name}/{dialect}", fixtures[dialect]["token"], fixtures[dialect]["params"]
    )
    options = Options(max_examples=EXAMPLES, only=SEMANTIC_GROUPS if fault.semantic else None)

    report = run_contract(target, options)

    rule = fault.rule(LAYOUTS[dialect])
    assert [outcome.rule.name for outcome in report.failures] == [rule], render_summary(report)
    assert render_failure(report.failures[0]).startswith(f"1) {rule}: ")


def test_every_fault_applies_to_some_dialect() -> None:
    assert all(any(fault.applies(layout) for layout in LAYOUTS.values()) for fault in FAULTS)


def test_the_router_leaves_unfaulted_paths_to_the_mock(faulty_url: str, fixtures: dict[str, Any]) -> None:
    target = Target("b3os", f"{faulty_url}/b3os", fixtures["b3os"]["token"], fixtures["b3os"]["params"])

    report = run_contract(target, Options(only=SEMANTIC_GROUPS))

    assert report.conforms, render_summary(report)
