"""What only invent's spec has: the run a workflow's run answers, in the example the page shows.

The checks every dialect shares run from invent's table in tests/test_spec_cases.py.
"""

from __future__ import annotations

from tests.spec_support import operation_parameters, resolve

DIALECT = "invent"


def test_invent_created_run_example_is_a_pending_run_of_the_workflow_in_the_path() -> None:
    run = resolve(DIALECT, {"$ref": "#/components/examples/CreatedRun"})["value"]
    workflow_id = operation_parameters(DIALECT, "runWorkflow")["workflow_id"]["examples"]["triage"]["value"]
    assert (run["status"], run["started_at"], run["ended_at"]) == ("PENDING", None, None)
    assert run["workflow_id"] == workflow_id
    assert "outputs" not in run
