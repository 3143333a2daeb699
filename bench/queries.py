"""The requests `make bench` sends: the read operations of a spec, and never-seen queries as a wrk script.

The read operations are the spec's GET operations: the list of runs, and a run by id where the spec has one.
Never-seen requests cycle through more distinct valid queries than any cache of the mock holds (page sizes x
offsets or pages, filters on a quarter of them; every run id x the operation's query variants), so each one
arrives after its earlier answer was evicted, and after the mock forgot it had seen it (the memories of replies
note as many requests seen once as they hold replies). A scenario adds `SCENARIO_RUNS` finished runs with known ids to
the demo workflow, so there are thousands of runs to page through and to get by id.
"""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml

from bench.spec import load_spec
from mock_server.data.model import RunState
from mock_server.data.schedule import live_store
from mock_server.dialects import DIALECTS
from workflow_runs_specs.reader import Operation

SCENARIO_RUNS = 4000
"""Runs the bench's scenario adds to each dialect's demo workflow (1,000 per workflow entry, the file's bound)."""
DISTINCT_QUERIES = 6000
"""Never-seen queries per operation: more than every cache of the mock (1,024 and 2,048 entries) holds, and than
the requests seen once they note (as many)."""
POSITIONS = 60
"""Offsets or pages per page size."""


@dataclass(frozen=True)
class ReadOperation:
    name: str
    """`list` or `get`: how the report names it."""
    operation: Operation

    def path(self, params: Mapping[str, str], run_id: str = "") -> str:
        names = self.path_parameters
        values = dict(params) | ({names[-1]: run_id} if self.name == "get" else {})
        return self.operation.path.format(**{name: values[name] for name in names})

    @property
    def path_parameters(self) -> list[str]:
        return [p["name"] for p in self.operation.parameter_list if p["in"] == "path"]

    @property
    def query_parameters(self) -> dict[str, Mapping[str, Any]]:
        resolve = self.operation.spec.resolve
        return {p["name"]: resolve(p.get("schema", {})) for p in self.operation.parameter_list if p["in"] == "query"}


def read_operations(dialect: str) -> list[ReadOperation]:
    """The list operation, and the get of one run when the spec documents it (a GET ending in a path parameter
    that is not the list)."""
    spec = load_spec(dialect)
    listing = spec.list_runs()
    found = [ReadOperation("list", listing)]
    for operation in spec.operations:
        if operation.method == "get" and operation is not listing and operation.path.endswith("}"):
            found.append(ReadOperation("get", operation))
    return found


def run_ids(dialect: str) -> list[str]:
    """The ids of the scenario's runs: UUIDs, which every dialect's run id parameter accepts."""
    return [str(uuid.UUID(int=(hash_of(dialect) << 32) + index + 1)) for index in range(SCENARIO_RUNS)]


def hash_of(dialect: str) -> int:
    return sum(dialect.encode()) % 65536


BENCH_WORKFLOW = "00000000-0000-4000-8000-00000000be0c"
"""Where the scenario's runs go for a dialect whose list has no paging (aitasker): a list of thousands of runs
in one body would be a different load, so the demo workflow's list stays as it is."""


def runs_workflow(dialect: str, demo_workflow_id: str) -> str:
    """The workflow holding the scenario's runs: the demo workflow, or `BENCH_WORKFLOW` if its list is unpaged."""
    return demo_workflow_id if read_operations(dialect)[0].query_parameters else BENCH_WORKFLOW


def scenario(dialect: str, tenant_id: str, workflow_id: str) -> dict[str, Any]:
    """A scenario file's content adding the runs of `run_ids` to `runs_workflow`, all finished successfully."""
    workflow_id = runs_workflow(dialect, workflow_id)
    spelling = {state: name for name, state in DIALECTS[dialect]().statuses.items()}[RunState.SUCCEEDED]
    ids = run_ids(dialect)
    workflows = [
        {"id": workflow_id, "runs": [{"status": spelling, "id": run_id} for run_id in ids[start : start + 1000]]}
        for start in range(0, len(ids), 1000)
    ]
    return {"dialects": {dialect: {"tenants": [{"id": tenant_id, "workflows": workflows}]}}}


def write_scenario(file: Path, dialect: str, tenant_id: str, workflow_id: str) -> Path:
    file.write_text(yaml.safe_dump(scenario(dialect, tenant_id, workflow_id)), encoding="utf-8")
    return file


def demo_scenario(folder: Path, dialect: str) -> Path:
    """The bench's scenario for `dialect`, written in `folder`: its runs added to the seed-0 demo workflow."""
    demo = live_store(0, DIALECTS[dialect]().vocabulary).demo
    return write_scenario(folder / f"{dialect}.yaml", dialect, demo.tenant_id, demo.workflow_id)


def choices(schema: Mapping[str, Any]) -> list[Any] | None:
    """The values a filter-like parameter can take, or None for anything else."""
    if schema.get("type") == "boolean":
        return ["true", "false"]
    if "enum" in schema:
        return list(schema["enum"])
    if schema.get("type") == "array" and "enum" in schema.get("items", {}):
        return list(schema["items"]["enum"])
    return None


def list_queries(operation: ReadOperation, count: int = DISTINCT_QUERIES, positions: int = POSITIONS) -> Iterator[str]:
    """`count` distinct queries: every page size x `positions` offsets or pages, a filter on every fourth."""
    parameters = operation.query_parameters
    integers = {name: s for name, s in parameters.items() if s.get("type") == "integer" and "maximum" in s}
    if not integers:  # aitasker's list takes no query: it has no never-seen variety to send
        return
    size_name = min(integers, key=lambda name: integers[name]["maximum"])
    sizes = range(integers[size_name].get("minimum", 1), integers[size_name]["maximum"] + 1)
    position_name = next((name for name in integers if name != size_name), None)
    first = integers[position_name].get("minimum", 0) if position_name else 0
    filters = {name: values for name, s in parameters.items() if (values := choices(s)) is not None}
    for index, (position, size) in enumerate(itertools.product(range(first, first + positions), sizes)):
        if index >= count:
            return
        query: dict[str, Any] = {size_name: size}
        if position_name:
            query[position_name] = position
        if index % 4 == 0 and filters:
            name = list(filters)[index // 4 % len(filters)]
            query[name] = filters[name][index // 4 % len(filters[name])]
        yield urlencode(query)


def get_variants(operation: ReadOperation) -> list[str]:
    """The query variants of a get: none, then each value of each filter-like parameter."""
    variants = [""]
    for name, schema in operation.query_parameters.items():
        variants += [urlencode({name: value}) for value in choices(schema) or ()]
    return variants


def never_seen_paths(operation: ReadOperation, params: Mapping[str, str], dialect: str) -> list[str]:
    if operation.name == "list":
        base = operation.path(params)
        return [f"{base}?{query}" for query in list_queries(operation)]
    variants = get_variants(operation)
    if "workflow_id" in params:
        params = {**params, "workflow_id": runs_workflow(dialect, params["workflow_id"])}
    paths = []
    for variant, run_id in itertools.product(variants, run_ids(dialect)):
        path = operation.path(params, run_id)
        paths.append(f"{path}?{variant}" if variant else path)
    return paths[:DISTINCT_QUERIES] if len(paths) > DISTINCT_QUERIES else paths


def wrk_script(paths: list[str], file: Path) -> Path:
    """A wrk script sending `paths` in a cycle, each request with the headers given to wrk (`-H`)."""
    table = ",\n".join(json.dumps(path) for path in paths)  # JSON strings of ASCII paths are Lua strings
    file.write_text(
        f"local paths = {{\n{table}\n}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n  return wrk.format('GET', paths[i])\nend\n",
        encoding="utf-8",
    )
    return file
