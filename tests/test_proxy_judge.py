"""The proxy between a scripted client and every faulty server: each fault is reported, under its own rule where
the proxy has it; the faithful mock gives no violation of a server's rule.

Traffic cannot show every fault: `unknown_ids_empty_200` answers an unknown workflow with an empty list, which a
proxy cannot tell from a workflow with no runs (only a client that knows the id names nothing can). A few faults
share their traffic with another fault of another name (the suite catches them in different phases), and two
break what the suite's preflight judges; the proxy names those by what it sees (`OTHER_NAME`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from contracts.proxy.rules import CLIENT_RULES
from mock_server import Settings, create_app
from tests.faulty import FAULTS, LAYOUTS, Fault, faulty
from tests.proxy_support import proxying
from tests.scripted_client import ScriptedClient
from tests.servers import serving

ADMIN = "proxy-test-admin"
NOT_SHOWN_BY_TRAFFIC = {"unknown_ids_empty_200"}
OTHER_NAME = {
    "wrong_envelope": "response_schema_conformance",  # the suite's preflight: not the dialect's list
    "wrong_content_type": "content_type_conformance",  # the suite's preflight: not JSON
    "accepts_invalid_input": "invalid_parameters_rejected",  # the traffic of invalid_input_accepted
    "ignores_auth": "missing_token_gets_401",  # the traffic of auth_ignored
}
CASES = [
    pytest.param(fault, dialect, id=f"{fault.name}-{dialect}")
    for fault in FAULTS
    for dialect, layout in LAYOUTS.items()
    if fault.applies(layout)
]


@pytest.fixture(scope="module")
def faulty_url() -> Iterator[str]:
    with serving(faulty(create_app(Settings(seed=0, clock_speed=0, admin_token=ADMIN)))) as url:
        yield url


def server_rules(faulty_url: str, fixtures: dict[str, Any], dialect: str, base: str, mistakes: bool) -> set[str]:
    """The rules the proxy reports the server broke, on the scripted traffic of a freshly reset mock."""
    reset = httpx.post(f"{faulty_url}/__mock__/reset", json={}, headers={"Authorization": f"Bearer {ADMIN}"})
    reset.raise_for_status()
    with proxying(dialect, f"{faulty_url}/{base}") as running:
        ScriptedClient(running.url, dialect, fixtures[dialect], mistakes=mistakes).run()
        running.finish()
        assert running.proxy.tally.judged > 0
        assert running.proxy.tally.unjudged == 0
    return set(running.proxy.tally.violations) - CLIENT_RULES


@pytest.mark.parametrize(("fault", "dialect"), CASES)
def test_the_proxy_reports_the_fault_under_its_rule(
    faulty_url: str, fixtures: dict[str, Any], fault: Fault, dialect: str
) -> None:
    reported = server_rules(faulty_url, fixtures, dialect, f"{fault.name}/{dialect}", mistakes=True)

    if fault.name in NOT_SHOWN_BY_TRAFFIC:
        assert reported == set()
        return
    assert OTHER_NAME.get(fault.name, fault.rule(LAYOUTS[dialect])) in reported


@pytest.mark.parametrize("dialect", sorted(LAYOUTS))
def test_the_faithful_mock_breaks_no_rule_of_a_server(faulty_url: str, fixtures: dict[str, Any], dialect: str) -> None:
    assert server_rules(faulty_url, fixtures, dialect, dialect, mistakes=True) == set()


def test_the_scripted_clients_mistakes_are_reported_as_the_clients(mock_url: str, fixtures: dict[str, Any]) -> None:
    with proxying("cortex-v1", f"{mock_url}/cortex-v1") as running:
        ScriptedClient(running.url, "cortex-v1", fixtures["cortex-v1"], writes=False, mistakes=True).run()
        running.finish()

    tally = running.proxy.tally
    # No token, an undeclared parameter, a page size of 0, a status in lower case: the spec refuses each.
    assert tally.violations == {"request_as_documented": 4}
    lines = running.console.getvalue().splitlines()
    assert [line.split()[1] for line in lines] == ["request_as_documented"] * 4
    assert any("query take='0'" in line for line in lines)


def test_an_undocumented_path_is_a_violation_of_the_client(mock_url: str, fixtures: dict[str, Any]) -> None:
    with proxying("b3os", f"{mock_url}/b3os") as running:
        httpx.get(f"{running.url}/v2/runs", headers={"Authorization": f"Bearer {fixtures['b3os']['token']}"})
        running.finish()

    assert running.proxy.tally.violations == {"documented_operation": 1}
    assert "[GET /v2/runs] GET /v2/runs: undocumented path" in running.console.getvalue()
