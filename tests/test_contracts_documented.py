"""Made-up ids of the right form, and error answers judged against their documented shape."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import httpx

from contracts.checks.documented import documented_error, unknown_id
from contracts.http.client import Exchange
from contracts.target.context import RunContext
from contracts.target.inputs import Options, Target


def session(dialect: str, params: dict[str, str]) -> RunContext:
    return RunContext(Target(dialect, "http://127.0.0.1:9", "t", params), Options(seed=5))


def answer(status: int, body: Any) -> Exchange:
    headers = httpx.Headers({"content-type": "application/json"})
    return Exchange("http://x", {}, status, headers, json.dumps(body).encode())


def test_an_unknown_uuid_parameter_gets_a_fresh_uuid() -> None:
    made_up = unknown_id(session("aitasker", {}), "workspace_id")

    assert uuid.UUID(made_up).version == 4


def test_an_unknown_opaque_id_keeps_the_known_ids_prefix_and_length() -> None:
    made_up = unknown_id(session("cortex-v1", {"app_id": "app_FWCrUNHNt8Va", "workflow_id": "wf_1"}), "app_id")

    assert re.fullmatch(r"app_[A-Za-z0-9]{12}", made_up)
    assert made_up != "app_FWCrUNHNt8Va"


def test_the_tenant_alias_is_never_the_model_of_an_unknown_id() -> None:
    made_up = unknown_id(session("invent", {"org_id": "c"}), "org_id")

    assert re.fullmatch(r"org_[A-Za-z0-9]{12}", made_up)


def test_the_same_seed_makes_up_the_same_ids() -> None:
    assert unknown_id(session("b3os", {}), "id") == unknown_id(session("b3os", {}), "id")


def test_a_documented_error_passes_and_its_status_field_must_repeat_the_status() -> None:
    cortex = session("cortex-v1", {})

    assert documented_error(cortex, answer(404, {"status": 404, "message": "gone"}), (404,), "for x") is None
    wrong = documented_error(cortex, answer(404, {"status": 400, "message": "gone"}), (404,), "for x")
    assert wrong is not None
    assert wrong.expected == "404 in the documented shape, for x"
    assert wrong.actual.startswith("status is 400, not the HTTP status 404")


def test_an_undocumented_status_is_reported_with_the_answer() -> None:
    found = documented_error(session("invent", {}), answer(200, []), (400, 422), "for take above its maximum")

    assert found is not None
    assert found.expected == "400 or 422 in the documented shape, for take above its maximum"
    assert found.actual == "200 application/json []"
