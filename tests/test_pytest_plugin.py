"""The `workflow_runs_mock` fixture: a mock per test, frozen clock, every control at hand."""

from __future__ import annotations

import pytest

from mock_server.testing import MockClient

pytest_plugins = ["pytester"]


def test_the_fixture_serves_every_dialect_with_a_frozen_clock(workflow_runs_mock: MockClient) -> None:
    assert set(workflow_runs_mock.fixtures) == {"aitasker", "b3os", "cortex-v1", "cortex-v2", "invent"}
    assert workflow_runs_mock.get("invent").status_code == 200
    before = workflow_runs_mock.get("cortex-v1", {"take": 100}).content
    assert workflow_runs_mock.get("cortex-v1", {"take": 100}).content == before


@pytest.mark.workflow_runs_mock(dialects=("b3os",), seed=3)
def test_the_marker_chooses_the_settings(workflow_runs_mock: MockClient) -> None:
    assert list(workflow_runs_mock.fixtures) == ["b3os"]
    assert workflow_runs_mock.url("b3os") == workflow_runs_mock.base_url
    assert workflow_runs_mock.settings.seed == 3


@pytest.mark.workflow_runs_mock(dialects=("b3os",), demo_tokens=False, tokens=("team-secret",))
def test_without_demo_tokens_the_client_lists_with_the_given_token(workflow_runs_mock: MockClient) -> None:
    assert "token" not in workflow_runs_mock.fixtures["b3os"]
    assert workflow_runs_mock.get("b3os").status_code == 200


def test_the_controls_move_runs_add_runs_and_show_requests(workflow_runs_mock: MockClient) -> None:
    added = workflow_runs_mock.add_run("b3os", status="running", origin="webhook")
    newest = workflow_runs_mock.get("b3os", {"limit": 1}).json()["data"]["items"][0]
    assert (newest["id"], newest["status"], newest["finishedAt"]) == (added["id"], "running", None)
    workflow_runs_mock.advance(3600)
    listed = workflow_runs_mock.get("b3os", {"limit": 100}).json()["data"]["items"]
    moved = next(run for run in listed if run["id"] == added["id"])
    assert moved["status"] in {"success", "failure", "cancelled"}
    sent = workflow_runs_mock.requests("b3os")
    assert [entry["query"] for entry in sent] == ["limit=1", "limit=100"]
    workflow_runs_mock.clear_requests()
    assert workflow_runs_mock.requests() == []


def test_a_scenario_can_be_loaded_from_a_mapping(workflow_runs_mock: MockClient) -> None:
    only_tenant = {"id": "org_only", "workflows": [{"runs": [{"status": "CANCELED"}]}]}
    workflow_runs_mock.load_scenario({"replace": True, "dialects": {"invent": {"tenants": [only_tenant]}}})
    runs = workflow_runs_mock.get("invent", org_id="org_only").json()
    assert [run["status"] for run in runs] == ["CANCELED"]


def test_a_failing_control_call_says_why(workflow_runs_mock: MockClient) -> None:
    with pytest.raises(AssertionError, match="is not a b3os status"):
        workflow_runs_mock.add_run("b3os", status="RUNNING")


@pytest.mark.slow
def test_a_project_that_opts_in_with_p_gets_the_fixture_under_w_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_listing(workflow_runs_mock):
            assert workflow_runs_mock.get("cortex-v2").status_code == 200
        """
    )
    result = pytester.runpytest_subprocess("-p", "mock_server.pytest_plugin", "-W", "error")
    result.assert_outcomes(passed=1)
    assert "warnings summary" not in result.stdout.str()


@pytest.mark.slow
def test_a_project_that_does_not_opt_in_has_no_fixture(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_listing(workflow_runs_mock):
            pass
        """
    )
    result = pytester.runpytest_subprocess()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'workflow_runs_mock' not found*"])
