"""The spec's operations sorted into reads and writes; a read-only run's probes use safe methods only."""

from __future__ import annotations

from contracts.spec.operations import SAFE_METHODS, SAFE_PROBE_METHODS, split_operations
from workflow_runs_specs import reader


def test_b3os_reads_are_the_list_and_get_and_every_other_operation_is_a_write() -> None:
    reads, writes = split_operations(reader.load_spec("b3os"))
    assert [operation.operation_id for operation in reads] == ["listWorkflowRuns", "getRun"]
    assert [operation.operation_id for operation in writes] == [
        "runWorkflow",
        "cancelRun",
        "retryRun",
        "createEphemeralRun",
    ]
    assert {operation.method for operation in writes} == {"POST"}


def test_cortex_v2_retention_patch_is_a_write() -> None:
    _, writes = split_operations(reader.load_spec("cortex-v2"))
    assert (
        "updateRunDataRetentionConfiguration (PATCH /apps/{app_id}/workflows/{workflow_id}/runs/{run_id}/retention)"
        in [operation.label for operation in writes]
    )


def test_an_operation_without_an_operation_id_is_labelled_by_method_and_path() -> None:
    document = {"openapi": "3.0.3", "paths": {"/runs": {"delete": {"responses": {"204": {"description": "gone"}}}}}}
    _, writes = split_operations(document)
    assert [operation.label for operation in writes] == ["DELETE /runs"]


def test_probe_methods_are_safe_ones() -> None:
    assert {method.upper() for method in SAFE_PROBE_METHODS} <= set(SAFE_METHODS)
    assert not {"POST", "PUT", "PATCH", "DELETE"} & set(SAFE_METHODS)
