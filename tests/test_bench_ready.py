"""The ready-to-serve measurement times the mock (after a clone and warm), the bare floor and Prism, in turns."""

from __future__ import annotations

import pytest

from bench import ready
from bench.processes import ROOT
from bench.startup import OWN_PACKAGES

# Both start mocks from the checkout after removing its bytecode, so they run one after the other on one worker:
# the other's removal would otherwise fall between a start and the look for what it wrote.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("checkout-bytecode")]


@pytest.mark.e2e  # Prism too, when node_modules has it
def test_a_measurement_times_the_first_start_each_warm_start_and_the_floor_with_their_commands() -> None:
    startup = ready.measure_startup(2)
    assert startup.fresh is not None
    assert startup.fresh > 0
    assert [seconds > 0 for seconds in startup.mock] == [True, True]
    assert [seconds > 0 for seconds in startup.floor] == [True, True]
    assert [seconds > 0 for seconds in startup.connexion_floor] == [True, True]
    assert "-m mock_server --dialect all --port" in startup.command
    assert "-m bench.minimal --port" in startup.floor_command
    assert "-m bench.minimal --connexion --port" in startup.connexion_command


def test_the_mock_started_by_the_measurement_leaves_its_bytecode_in_the_checkout() -> None:
    ready.startup_seconds(fresh=True)
    written = [path for package in OWN_PACKAGES for path in (ROOT / package).rglob("__pycache__/*.pyc")]
    assert any(path.parent.parent.name == "mock_server" for path in written)
