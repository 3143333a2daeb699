"""A pytest plugin, loaded on request: the `workflow_runs_mock` fixture starts the mock in-process for one test.

Installing the package loads nothing into a project's pytest run; a project opts in, in its `conftest.py`::

    pytest_plugins = ["mock_server.pytest_plugin"]

(or with `pytest -p mock_server.pytest_plugin`). Then::

    def test_the_runs_screen_shows_a_failure(workflow_runs_mock):
        workflow_runs_mock.add_run("cortex-v2", status="FAILED", origin="WEBHOOK")
        page = my_frontend.load(api_base=workflow_runs_mock.url("cortex-v2"))
        ...

    @pytest.mark.workflow_runs_mock(dialects=("b3os",), seed=7, clock_speed=60)
    def test_with_other_settings(workflow_runs_mock): ...

The clock is frozen unless the marker sets `clock_speed`; an admin token is always set, so every control works.
Loading the plugin imports only this module: the mock (Connexion and the rest) is imported when a test first
asks for the fixture.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import ExitStack
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from mock_server.testing import MockClient

MARKER = "workflow_runs_mock"

DEPENDENCY_WARNINGS = (
    # Connexion 3 builds its validators on jsonschema's deprecated RefResolver, and imports starlette.testclient,
    # which warns when plain httpx is installed. Neither is the project's to fix, nor the test's: silenced while
    # the mock is imported and started, so a project with `filterwarnings = ["error"]` can use the fixture.
    "jsonschema.RefResolver is deprecated",
    "jsonschema.exceptions.RefResolutionError is deprecated",
    "Using `httpx` with `starlette.testclient` is deprecated",
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{MARKER}(**settings): settings of the workflow_runs_mock fixture")


@pytest.fixture
def workflow_runs_mock(request: pytest.FixtureRequest) -> Iterator[MockClient]:
    """A mock of every dialect (or as the `workflow_runs_mock` marker says), running for this test."""
    marker = request.node.get_closest_marker(MARKER)
    options = {"clock_speed": 0.0, **(marker.kwargs if marker else {})}
    with ExitStack() as running:
        with warnings.catch_warnings():
            for message in DEPENDENCY_WARNINGS:
                warnings.filterwarnings("ignore", message=message)
            from mock_server.app import Settings
            from mock_server.testing import running_mock

            client = running.enter_context(running_mock(Settings(**options)))
        yield client
