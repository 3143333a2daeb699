"""The Prism check's breaking server and its reading of Prism's `sl-violations` header."""

from __future__ import annotations

import json
from typing import Any

import httpx

from tools.prism_check import response_violations, without_first_id


def test_the_first_run_loses_its_id_and_only_it() -> None:
    document: dict[str, Any] = {"code": 0, "data": {"items": [{"id": "a", "status": "x"}, {"id": "b", "status": "y"}]}}
    assert without_first_id(document)
    assert document["data"]["items"] == [{"status": "x"}, {"id": "b", "status": "y"}]


def test_a_body_without_runs_is_left_alone() -> None:
    document = {"detail": "Not authenticated", "id": "not-a-run"}
    assert not without_first_id(document)
    assert document == {"detail": "Not authenticated", "id": "not-a-run"}


def test_only_violations_about_the_response_count() -> None:
    violations = [
        {"location": ["request", "query", "page"], "message": "must be integer"},
        {"location": ["response", "body", 0], "message": "must have required property 'id'"},
    ]
    answer = httpx.Response(200, headers={"sl-violations": json.dumps(violations)})
    assert response_violations(answer) == ["response.body.0: must have required property 'id'"]


def test_no_header_is_no_violation() -> None:
    assert response_violations(httpx.Response(200)) == []
