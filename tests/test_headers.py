"""Every answer carries the hardening headers: success, errors, Swagger UI and control routes alike."""

from __future__ import annotations

from typing import Any

import httpx
import pytest


@pytest.mark.parametrize(
    ("path", "authorized"),
    [
        pytest.param("/b3os/v1/workflows/{id}/runs", True, id="list-200"),
        pytest.param("/b3os/v1/workflows/{id}/runs", False, id="list-401"),
        pytest.param("/b3os/v1/workflows/wf_unknown/runs", True, id="list-404"),
        pytest.param("/b3os/v1/workflows/{id}/runs?limit=0", True, id="list-400"),
        pytest.param("/b3os/ui/", False, id="swagger-ui"),
        pytest.param("/b3os/openapi.json", False, id="spec"),
        pytest.param("/__mock__/fixtures", False, id="fixtures"),
        pytest.param("/nowhere", False, id="unknown-path"),
    ],
)
def test_every_answer_says_nosniff(mock_url: str, fixtures: dict[str, Any], path: str, authorized: bool) -> None:
    b3os = fixtures["b3os"]
    headers = {"Authorization": f"Bearer {b3os['token']}"} if authorized else {}
    response = httpx.get(mock_url + path.format(**b3os["params"]), headers=headers)
    assert response.headers["x-content-type-options"] == "nosniff"
