"""Fixtures shared by the test modules."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mock_server import Settings, create_app
from tests.servers import serving


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
