"""`contracts.pytest_plugin`: a project runs the contract in its own pytest suite, one test per check."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from contracts.checks import CHECKS
from contracts.dialects import DIALECTS
from contracts.pytest_plugin import OPEN_SESSIONS, ContractCase, close_sessions, contract_test_cases
from mock_server import Settings, create_app
from tests.faulty import faulty
from tests.servers import free_port, serving

ROOT = Path(__file__).resolve().parent.parent

SUITE = """
import os

import pytest

from contracts.pytest_plugin import contract_test_cases

CASES = contract_test_cases(
    "b3os",
    os.environ["B3OS_BASE_URL"],
    token=os.environ["B3OS_TOKEN"],
    params={"id": os.environ["B3OS_WORKFLOW_ID"]},
    max_examples=5,
)


@pytest.mark.parametrize("contract_case", CASES)
def test_b3os_honours_its_contract(contract_case):
    contract_case.verify()
"""


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    with serving(faulty(create_app(Settings(seed=0, clock_speed=0)))) as url:
        yield url


def run_suite(tmp_path: Path, base_url: str, fixtures: dict[str, Any]) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_b3os_contract.py").write_text(SUITE, encoding="utf-8")
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "B3OS_BASE_URL": base_url,
        "B3OS_TOKEN": fixtures["b3os"]["token"],
        "B3OS_WORKFLOW_ID": fixtures["b3os"]["params"]["id"],
    }
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rA"]
    return subprocess.run(
        command, cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=120, check=False
    )


def test_each_check_is_a_test_and_a_broken_rule_fails_its_own_with_the_evidence(
    server_url: str, fixtures: dict[str, Any], tmp_path: Path
) -> None:
    done = run_suite(tmp_path, f"{server_url}/running_with_end/b3os", fixtures)

    assert done.returncode == 1, done.stdout + done.stderr
    # Skipped: the nine write checks of b3os and the schema phase's writes, which a read-only run leaves unsent, and
    # the rate limits, which no answer was.
    assert "1 failed, 27 passed, 11 skipped" in done.stdout
    assert "FAILED test_b3os_contract.py::test_b3os_honours_its_contract[unfinished_runs_have_no_end]" in done.stdout
    assert "1) unfinished_runs_have_no_end: a run that has not finished has no end" in done.stdout
    assert "PASSED test_b3os_contract.py::test_b3os_honours_its_contract[page_numbering]" in done.stdout
    assert 'reproduce: curl -sS -i -H "Authorization: Bearer $CONTRACTS_TOKEN"' in done.stdout
    assert fixtures["b3os"]["token"] not in done.stdout + done.stderr
    # Hypothesis, under the suite's schema phase, left nothing in the project's directory.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["test_b3os_contract.py"]


def test_a_refused_token_fails_every_test_with_the_preflight_line_and_never_shows_the_token(
    server_url: str, fixtures: dict[str, Any], tmp_path: Path
) -> None:
    token = "b3sk_live_REFUSEDsecret0001"

    done = run_suite(tmp_path, f"{server_url}/b3os", {"b3os": {**fixtures["b3os"], "token": token}})

    assert done.returncode == 1, done.stdout + done.stderr
    assert "39 failed" in done.stdout
    assert done.stdout.count("the token was refused: GET ") >= 36
    assert token not in done.stdout + done.stderr


@pytest.mark.parametrize("dialect", [pytest.param(name, id=name) for name in DIALECTS])
def test_cases_are_the_checks_that_apply_to_the_dialect_named_by_their_check(dialect: str) -> None:
    cases = contract_test_cases(dialect, f"http://127.0.0.1:{free_port()}", token="t")

    applicable = [check.name for check in CHECKS if check.applies(DIALECTS[dialect]) is None]
    assert [case.id for case in cases] == applicable
    assert all(isinstance(case.values[0], ContractCase) for case in cases)


def test_collecting_cases_sends_nothing_and_an_absent_server_fails_the_test_in_one_line() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    (case,) = [case for case in contract_test_cases("b3os", url, token="t") if case.id == "newest_first"]

    with pytest.raises(pytest.fail.Exception, match=r"^no answer from http://127\.0\.0\.1"):
        case.values[0].verify()
    assert OPEN_SESSIONS
    close_sessions()
    assert not OPEN_SESSIONS


def test_with_writes_allowed_the_write_cases_judge_and_the_runs_they_started_are_cancelled_at_the_end(
    server_url: str, fixtures: dict[str, Any]
) -> None:
    b3os = fixtures["b3os"]
    cases = contract_test_cases(
        "b3os", f"{server_url}/b3os", b3os["token"], b3os["params"], allow_writes=True, max_writes=5
    )
    writes = [case.values[0] for case in cases if case.values[0].check.rule.group == "writes"]
    session = writes[0].shared.open()

    try:
        for case in writes:
            case.verify()  # fails or skips the test on anything but a pass
    finally:
        close_sessions()

    created, cancelled = session.writer.log.created, session.writer.log.cancelled
    assert len(created) == 3
    # The first was cancelled by a check; the others (a retry, refused a second retry while running, and an
    # ephemeral run) by the end.
    assert cancelled == created[1:]


def test_with_writes_allowed_the_schema_phase_writes_within_the_budget_and_says_what_it_did_not_send(
    server_url: str, fixtures: dict[str, Any]
) -> None:
    b3os = fixtures["b3os"]
    cases = contract_test_cases("b3os", f"{server_url}/b3os", b3os["token"], b3os["params"], allow_writes=True)
    (phase,) = [case.values[0] for case in cases if case.id == "schema_phase_writes"]
    session = phase.shared.open()

    try:
        # The write checks keep 4 of the 10 (the 3 runs they make, and one for a refusal a server ignores).
        with pytest.raises(pytest.skip.Exception, match=r"--max-writes 10 reached \(6 runs created by the schema"):
            phase.verify()
    finally:
        close_sessions()

    assert len(session.writer.log.created) == 6
    assert session.writer.log.cancelled
