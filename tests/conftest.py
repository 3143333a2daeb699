"""Fixtures shared by the test modules."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mock_server import Settings, create_app
from tests.dialect_client import DialectClient
from tests.servers import serving
from workflow_runs_specs import DIALECTS

# The fixture other projects opt into; this suite opts in the same way.
pytest_plugins = ["mock_server.pytest_plugin"]


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
