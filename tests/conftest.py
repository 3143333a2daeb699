"""Fixtures shared by the test modules."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mock_server import Settings, create_app
from tests.dialect_client import DialectClient
from tests.servers import serving
from tests.shared_state_support import redis_server
from workflow_runs_specs import DIALECTS

# The fixture other projects opt into; this suite opts in the same way.
pytest_plugins = ["mock_server.pytest_plugin"]

# The slow tests of the contract suite's modules and of test_fused, marked from here by module and name: whole
# contract-suite runs (in process, through its command line or its pytest plugin) and the fused comparison.
SLOW_BY_NAME = {
    "test_contracts_cli": {
        "test_a_conforming_server_exits_0_and_the_junit_report_has_a_testcase_per_check",
        "test_a_faulty_server_exits_1_naming_the_rule_with_a_curl_that_reproduces_it",
        "test_a_run_that_could_judge_nothing_exits_2_before_any_check_saying_what_to_fix",
        "test_a_server_that_is_not_there_exits_2_with_one_line",
        "test_an_unknown_dialect_exits_2_in_a_real_process_without_a_traceback",
        "test_checks_without_data_are_reported_and_strict_makes_them_exit_2",
        "test_no_output_of_a_failing_run_contains_the_token_and_the_curl_reads_it_from_its_variable",
        "test_the_wrong_dialect_on_a_server_that_answers_alike_does_not_conform",
        "test_version_prints_the_package_version_without_needing_the_other_options",
        "test_with_writes_a_fault_only_the_schema_phase_writes_show_fails_with_a_post_to_reproduce_it",
    },
    "test_contracts_pytest_plugin": {
        "test_a_refused_token_fails_every_test_with_the_preflight_line_and_never_shows_the_token",
        "test_each_check_is_a_test_and_a_broken_rule_fails_its_own_with_the_evidence",
        "test_with_writes_allowed_the_schema_phase_writes_within_the_budget_and_says_what_it_did_not_send",
    },
    "test_contracts_runner": {
        "test_a_read_only_run_against_the_mock_sends_only_safe_methods_links_followed",
        "test_a_run_sends_only_safe_methods_on_the_wire_probes_included",
        "test_runs_changing_status_while_the_list_is_walked_raise_no_false_alarm",
        "test_the_mock_conforms_with_writes_and_every_applicable_check_is_exercised",
        "test_with_room_in_the_budget_the_schema_phase_writes_and_its_runs_are_listed_and_cancelled",
        "test_with_writes_a_whole_run_creates_no_more_runs_than_max_writes_across_every_phase",
    },
    "test_contracts_schema_phase": {"test_the_same_seed_sends_the_same_requests_and_another_seed_others"},
    "test_fused": {"test_every_answer_is_the_same_byte_for_byte_with_the_operations_fused_or_not"},
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `slow` the tests SLOW_BY_NAME names."""
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        if item.originalname in SLOW_BY_NAME.get(item.module.__name__.rpartition(".")[2], ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def no_step_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite's and the proxy's runs append to `$GITHUB_STEP_SUMMARY` when it is set: never the CI job's own page
    from a test (a test that wants one sets it)."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture(scope="session")
def redis_address() -> Iterator[str]:
    """A real redis-server of the session (on a free port, nothing kept on disk): its redis:// address."""
    with redis_server() as server:
        yield server.address


@pytest.fixture
def state(redis_address: str) -> str:
    """The session's Redis, emptied: the `--state` address of a test."""
    import redis

    with redis.Redis.from_url(redis_address) as client:
        client.flushdb()
    return redis_address


@pytest.fixture(scope="session")
def mock_url() -> Iterator[str]:
    """Base URL of a mock serving every dialect (seed 0, clock frozen) under /<dialect> on loopback."""
    with serving(create_app(Settings(seed=0, clock_speed=0))) as url:
        yield url


@pytest.fixture(scope="session")
def fixtures(mock_url: str) -> dict[str, Any]:
    """The mock's /__mock__/fixtures: per dialect, a valid token and the demo path parameters."""
    answer: dict[str, Any] = httpx.get(f"{mock_url}/__mock__/fixtures").json()
    return answer


@pytest.fixture(scope="module")
def clients(mock_url: str, fixtures: dict[str, Any]) -> Iterator[dict[str, DialectClient]]:
    """A client per dialect of the session's mock, with the dialect's demo token and parameters."""
    made = {dialect: DialectClient(mock_url, dialect, fixtures[dialect]) for dialect in DIALECTS}
    yield made
    for client in made.values():
        client.http.close()
