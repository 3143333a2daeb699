"""The time-to-verdict benchmark runs the contract suite as a CI job would, and the suite's verdict on the mock is
"conforms" (exit 0); how long it took is the benchmark's report, not the test's."""

from __future__ import annotations

import pytest

from bench.verdict import contract_argv, measure


def test_the_contract_command_pins_every_demo_parameter_and_the_token() -> None:
    fixture: dict[str, object] = {"token": "tok", "params": {"app_id": "app_1", "workflow_id": "wf_2"}}
    argv = contract_argv("cortex-v1", "http://127.0.0.1:9", fixture)
    assert argv[1:] == [
        "-m", "contracts", "--dialect", "cortex-v1", "--base-url", "http://127.0.0.1:9/cortex-v1",
        "--token", "tok", "--param=app_id=app_1", "--param=workflow_id=wf_2", "--allow-writes",
    ]  # fmt: skip


@pytest.mark.slow
def test_one_round_against_the_mock_ends_in_a_conforming_verdict() -> None:
    _, measured = measure(["b3os"], rounds=1)

    assert [one.dialect for one in measured] == ["b3os"]
    assert measured[0].codes == {0}
    assert "-m contracts --dialect b3os" in measured[0].command
