"""Scenario files: what loads, and the one-line errors naming the place and what would be valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from mock_server.data.model import RunState
from mock_server.dialects import DIALECTS
from mock_server.scenarios.scenario import ScenarioError, parse_scenario

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "scenario.yaml"
SERVED = {name: new() for name, new in DIALECTS.items()}


def test_the_example_scenario_loads() -> None:
    scenario = parse_scenario(EXAMPLE.read_text(), SERVED)
    assert set(scenario.tenants) == {"cortex-v2", "b3os"}
    runs = scenario.tenants["cortex-v2"][0].workflows[0].runs
    assert [run.state for run in runs] == [RunState.RUNNING, RunState.FAILED, RunState.SUCCEEDED]
    assert runs[1].error == "Upstream API answered 502 Bad Gateway"
    assert scenario.replace is False


def test_statuses_are_read_in_each_vendors_spelling() -> None:
    text = """
dialects:
  invent: {tenants: [{workflows: [{runs: [{status: CANCELED}]}]}]}
  aitasker: {tenants: [{workflows: [{runs: [{status: completed}]}]}]}
"""
    scenario = parse_scenario(text, SERVED)
    assert scenario.tenants["invent"][0].workflows[0].runs[0].state is RunState.CANCELLED
    assert scenario.tenants["aitasker"][0].workflows[0].runs[0].state is RunState.SUCCEEDED


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("dialects: [", "not valid YAML at line 1", id="broken-yaml"),
        pytest.param("replace: true", "the scenario: 'dialects' is a required property", id="no-dialects"),
        pytest.param("dialects: {nope: {tenants: []}}", "dialects.nope: not served here", id="unknown-dialect"),
        pytest.param(
            "dialects: {invent: {tenants: [{workflows: [{runs: [{status: CANCELLED}]}]}]}}",
            "dialects.invent.tenants[0].workflows[0].runs[0].status: 'CANCELLED' is not a invent status; "
            "use one of PENDING, RUNNING, CANCELED",
            id="other-vendors-spelling",
        ),
        pytest.param(
            "dialects: {cortex-v1: {tenants: [{workflows: [{runs: [{status: RUNNING, origin: WEBHOOK}]}]}]}}",
            "runs[0].origin: 'WEBHOOK' is not a cortex-v1 origin",
            id="origin-the-dialect-lacks",
        ),
        pytest.param(
            "dialects: {b3os: {tenants: [{workflows: [{runs: [{status: running, error: boom}]}]}]}}",
            "runs[0].error: only a failed run carries an error",
            id="error-on-a-running-run",
        ),
        pytest.param(
            "dialects: {aitasker: {tenants: [{id: ws-1}]}}",
            "dialects.aitasker.tenants[0].id: aitasker ids are UUIDs, not 'ws-1'",
            id="aitasker-id-not-a-uuid",
        ),
        pytest.param(
            "dialects: {b3os: {tenants: [{workflows: [{runs: [{status: running, created_at: yesterday}]}]}]}}",
            "created_at: 'yesterday' is not an RFC 3339 date-time",
            id="bad-timestamp",
        ),
        pytest.param(
            "dialects: {b3os: {tenants: [{workflows: [{runs: [{status: running, created_at: '2026-11-20T10:00'}]}]}]}}",
            "needs a time zone",
            id="timestamp-without-zone",
        ),
        pytest.param(
            "dialects: {b3os: {tenants: [{workflows: [{runs: [{status: running, colour: red}]}]}]}}",
            "runs[0]: Additional properties are not allowed ('colour' was unexpected)",
            id="unknown-field",
        ),
        pytest.param("dialects: {b3os: {tenants: [{id: 'a b'}]}}", "tenants[0].id: 'a b' does not match", id="bad-id"),
        pytest.param(
            "dialects: {b3os: {tenants: [{workflows: [{archived: 'yes'}]}]}}",
            "workflows[0].archived: 'yes' is not of type 'boolean'",
            id="archived-not-a-boolean",
        ),
    ],
)
def test_a_bad_scenario_is_refused_naming_the_place(text: str, message: str) -> None:
    with pytest.raises(ScenarioError) as raised:
        parse_scenario(text, SERVED)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_workflow_can_be_marked_archived_or_left_as_it_is() -> None:
    text = "dialects: {b3os: {tenants: [{workflows: [{id: wf_a, archived: true}, {id: wf_b}]}]}}"
    workflows = parse_scenario(text, SERVED).tenants["b3os"][0].workflows
    assert [workflow.archived for workflow in workflows] == [True, None]
