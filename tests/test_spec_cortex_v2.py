"""What only cortex-v2's spec has: a run's retention, when a run falls due under it, and the change of it.

The checks every dialect shares run from cortex-v2's table in tests/test_spec_cases.py; what both cortex
revisions share is in test_spec_cortex.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from tests.spec_support import Document, list_operation, moment, operation, request_body_schema, resolve, schema_errors

DIALECT = "cortex-v2"
RETENTION_CHANGE = "updateRunDataRetentionConfiguration"


def example(name: str) -> Any:
    return resolve(DIALECT, {"$ref": f"#/components/examples/{name}"})["value"]


def page_examples() -> list[tuple[str, list[Document]]]:
    _, listing = list_operation(DIALECT)
    examples = listing["responses"]["200"]["content"]["application/json"]["examples"]
    return [(name, resolve(DIALECT, page)["value"]) for name, page in examples.items()]


def due_at(run: Document) -> datetime | None:
    """When the decided rule says the run is due for deletion under its retention."""
    retention = run["retention"]
    kept = retention["max_age_in_seconds"] == -1
    preserved = run["status"] == "FAILED" and retention["preserve_on_failure"]
    if run["ended_at"] is None or kept or preserved:
        return None
    return moment(run["ended_at"]) + timedelta(seconds=retention["max_age_in_seconds"])


@pytest.mark.parametrize(("name", "page"), page_examples())
def test_page_example_retention_due_at_follows_the_decided_rule(name: str, page: list[Document]) -> None:
    for run in page:
        if "retention" in run:
            due = run["retention_due_at"]
            assert (None if due is None else moment(due)) == due_at(run), f"{name} {run['id']}"


def test_retention_body_is_the_runs_own_retention_shape() -> None:
    body = resolve(DIALECT, operation(DIALECT, RETENTION_CHANGE)[2]["requestBody"])
    assert body["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Retention"}
    run = resolve(DIALECT, {"$ref": "#/components/schemas/WorkflowRun"})
    assert run["properties"]["retention"] == {"$ref": "#/components/schemas/Retention"}


@pytest.mark.parametrize(
    ("body", "valid"),
    [
        pytest.param({"max_age_in_seconds": 604800, "preserve_on_failure": False}, True, id="one-week"),
        pytest.param({"max_age_in_seconds": -1, "preserve_on_failure": True}, True, id="forever"),
        pytest.param({"max_age_in_seconds": 604800}, False, id="missing-preserve"),
        pytest.param({"preserve_on_failure": True}, False, id="missing-max-age"),
        pytest.param({"max_age_in_seconds": -2, "preserve_on_failure": True}, False, id="below-forever"),
        pytest.param({"max_age_in_seconds": 0, "preserve_on_failure": True}, False, id="no-time"),
        pytest.param({"max_age_in_seconds": 1, "preserve_on_failure": True}, True, id="one-second"),
        pytest.param({"max_age_in_seconds": 60.5, "preserve_on_failure": True}, False, id="fractional"),
        pytest.param({"max_age_in_seconds": 3153600000, "preserve_on_failure": True}, True, id="a-hundred-years"),
        pytest.param({"max_age_in_seconds": 3153600001, "preserve_on_failure": True}, False, id="beyond-a-hundred"),
        pytest.param({"max_age_in_seconds": 60, "preserve_on_failure": True, "ttl": 60}, False, id="unknown-field"),
    ],
)
def test_retention_body_accepts_and_rejects(body: object, valid: bool) -> None:
    assert (schema_errors(DIALECT, request_body_schema(DIALECT, RETENTION_CHANGE), body) == []) is valid


def test_retention_example_answers_the_run_with_its_new_retention() -> None:
    run = example("RetainedRun")
    (listed,) = [item for item in example("MixedPage") if item["id"] == run["id"]]
    assert run["retention"] == example("RetentionOneWeek") != listed["retention"]
    assert moment(run["retention_due_at"]) > moment(run["ended_at"])
