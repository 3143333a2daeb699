"""b3os's detail of one run (execution state, workflow definition, forks) and the inline definitions it runs once.

A saved workflow's steps are the nodes of its definition, after a `root` trigger node; an inline definition
(`POST /v1/runs`) is kept as steps too, its `root` among them, so both render the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mock_server.data.model import JSONObject, NodeRun, Run, RunState, Step, User, Workflow, WorkflowVersion
from mock_server.data.vocabulary import REFERENCE_TIME
from mock_server.dialects.base import iso

ROOT = "root"
NODE_STATUSES = {
    RunState.PENDING: "pending",
    RunState.RUNNING: "running",
    RunState.WAITING: "waiting",
    RunState.SUCCEEDED: "success",
    RunState.FAILED: "failure",
    RunState.CANCELLED: "failure",
    RunState.SKIPPED: "skipped",
}
EPHEMERAL_WORKFLOW_ID = ""
"""The `workflowId` of a run of an inline definition, as the spec documents."""
API_KEY_USER = User("usr_apikey0000", "API key", None)


INVALID_DEFINITION, NON_MANUAL_TRIGGER = 400228, 400229


class DefinitionError(ValueError):
    """An inline definition b3os refuses; `code` is the vendor's detailed code."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


def payload_of(run: Run) -> JSONObject:
    payload = run.input.get("payload") if "propValues" in run.input else run.input
    return dict(payload) if isinstance(payload, dict) else {}


def prop_values(run: Run) -> JSONObject:
    props = run.input.get("propValues")
    return dict(props) if isinstance(props, dict) else {}


def definition(run: Run) -> dict[str, Any]:
    steps = run.version.steps
    nodes: dict[str, Any] = {}
    if all(step.key != ROOT for step in steps):
        nodes[ROOT] = {"type": "manual", "children": [steps[0].key] if steps else []}
    for step in steps:
        nodes[step.key] = {**dict(step.settings), "type": step.type, "children": list(step.destinations)}
    return {"inputSchema": [], "nodes": nodes}


def node_state(node: NodeRun | None, run: Run) -> dict[str, Any]:
    if node is None:
        return {"status": "skipped" if run.state.is_finished else "pending", "startedAt": None, "finishedAt": None}
    state: dict[str, Any] = {
        "status": NODE_STATUSES[node.state],
        "startedAt": iso(node.started_at),
        "finishedAt": iso(node.ended_at),
    }
    if node.state is RunState.SUCCEEDED:
        state["output"] = dict(node.output or {})
    elif node.state is RunState.FAILED:
        state["error"] = run.error or "the node failed"
    elif node.state is RunState.CANCELLED:
        state["error"] = "cancelled with its run"
    return state


def execution_state(run: Run, node_ids: tuple[str, ...] | None) -> dict[str, Any]:
    """The state of each node of the run's definition (only those of `node_ids` when given)."""
    by_step = {node.step_key: node for node in run.node_runs}
    states: dict[str, Any] = {}
    for key in definition(run)["nodes"]:
        if key == ROOT and key not in by_step:
            started = iso(run.started_at)
            states[key] = {
                "status": "success",
                "startedAt": started,
                "finishedAt": started,
                "output": {**payload_of(run), "triggeredAt": started},
            }
        else:
            states[key] = node_state(by_step.get(key), run)
    return states if node_ids is None else {key: states[key] for key in node_ids}


def simulation_forks(run: Run) -> list[dict[str, Any]]:
    if not run.is_simulation:
        return []
    fork = f"fork_{run.id.removeprefix('run_')}"
    return [{"chainId": 1, "forkId": fork, "rpcUrl": f"https://rpc.mock.invalid/{fork}", "simulationMode": "fork"}]


def inline_workflow(tenant_id: str, given: Mapping[str, Any]) -> Workflow:
    """The inline definition (its manual `root` checked by the spec's schema) as a workflow of one version, or raise
    `DefinitionError` (400228) for a child that names no node, which no schema can say."""
    nodes: Mapping[str, Any] = given["nodes"]
    for key, node in nodes.items():
        missing = [child for child in node.get("children", ()) if child not in nodes]
        if missing:
            raise DefinitionError(
                INVALID_DEFINITION, f"invalid definition: node {key} names unknown children {missing}"
            )
    steps = tuple(
        Step(
            key,
            str(node["type"]),
            key,
            None,
            None,
            tuple(node.get("children", ())),
            (0.0, 0.0),
            (0.0, 0.0),
            tuple((name, value) for name, value in node.items() if name not in ("type", "children")),
        )
        for key, node in nodes.items()
    )
    version = WorkflowVersion(
        "", EPHEMERAL_WORKFLOW_ID, tenant_id, 1, None, None, None, API_KEY_USER, REFERENCE_TIME, steps
    )
    return Workflow(EPHEMERAL_WORKFLOW_ID, tenant_id, "ephemeral", "Ephemeral run", (version,), steps)
