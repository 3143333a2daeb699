"""Strict paths: a trailing slash gets the dialect's 404 with the fix, while Swagger UI keeps its slash."""

from __future__ import annotations

from typing import Any

import httpx


def test_a_trailing_slash_is_a_404_in_the_dialect_shape_naming_the_fix(mock_url: str, fixtures: dict[str, Any]) -> None:
    invent = fixtures["invent"]
    path = f"/invent/orgs/{invent['params']['org_id']}/workflows/runs"
    response = httpx.get(f"{mock_url}{path}/", headers={"Authorization": f"Bearer {invent['token']}"})
    assert response.status_code == 404
    body = response.json()
    assert body["status"] == 404
    assert f"try {path}" in body["message"]


def test_swagger_ui_pages_keep_their_slash(mock_url: str) -> None:
    assert httpx.get(f"{mock_url}/invent/ui/").status_code == 200
