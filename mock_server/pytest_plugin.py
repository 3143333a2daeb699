"""A pytest plugin: the `workflow_runs_mock` fixture starts the mock in-process for one test.

    def test_the_runs_screen_shows_a_failure(workflow_runs_mock):
        workflow_runs_mock.add_run("cortex-v2", status="FAILED", origin="WEBHOOK")
        page = my_frontend.load(api_base=workflow_runs_mock.url("cortex-v2"))
        ...

    @pytest.mark.workflow_runs_mock(dialects=("b3os",), seed=7, clock_speed=60)
    def test_with_other_settings(workflow_runs_mock): ...

The clock is frozen unless the marker sets `clock_speed`; an admin token is always set, so every control works.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mock_server.app import Settings
from mock_server.testing import MockClient, running_mock

MARKER = "workflow_runs_mock"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{MARKER}(**settings): settings of the workflow_runs_mock fixture")


@pytest.fixture
def workflow_runs_mock(request: pytest.FixtureRequest) -> Iterator[MockClient]:
    """A mock of every dialect (or as the `workflow_runs_mock` marker says), running for this test."""
    marker = request.node.get_closest_marker(MARKER)
    options = {"clock_speed": 0.0, **(marker.kwargs if marker else {})}
    with running_mock(Settings(**options)) as client:
        yield client
