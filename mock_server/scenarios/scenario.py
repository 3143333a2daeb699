"""Scenario files: the tenants, workflows and runs a team pins for its screenshots and tests.

    replace: false                 # true: the scenario is the whole data set of each dialect it names
    dialects:
      cortex-v2:
        tenants:
          - id: app_FWCrUNHNt8Va   # an existing tenant gets the workflows below added to it
            workflows:
              - name: Invoice extraction   # `archived: true` would keep its runs but refuse new ones
                runs:
                  - {status: RUNNING, origin: WEBHOOK}
                  - {status: FAILED, error: "Upstream API answered 502", created_at: "2026-11-20T11:00:00Z"}

Statuses and origins are written in the dialect's own spelling. Everything is checked on load; an error names
the place in the file (`dialects.cortex-v2.tenants[0].workflows[0].runs[1].status`) and what would be valid.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from mock_server.data.compose import RunSpec, TenantSpec, WorkflowSpec
from mock_server.data.model import RunState
from mock_server.dialects.base import Dialect

IDENTIFIER = {"type": "string", "minLength": 1, "maxLength": 200, "pattern": r"^[A-Za-z0-9_.:-]+$"}
RUN = {
    "type": "object",
    "additionalProperties": False,
    "required": ["status"],
    "properties": {
        "id": IDENTIFIER,
        "status": {"type": "string"},
        "origin": {"type": "string"},
        "created_at": {"type": "string"},
        "error": {"type": "string", "maxLength": 2000},
    },
}
WORKFLOW = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "id": IDENTIFIER,
        "name": {"type": "string", "minLength": 1, "maxLength": 200},
        "archived": {"type": "boolean"},
        "runs": {"type": "array", "items": RUN, "maxItems": 1000},
    },
}
TENANT = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "id": IDENTIFIER,
        "name": {"type": "string", "minLength": 1, "maxLength": 200},
        "workflows": {"type": "array", "items": WORKFLOW, "maxItems": 100},
    },
}
SCENARIO = {
    "type": "object",
    "additionalProperties": False,
    "required": ["dialects"],
    "properties": {
        "replace": {"type": "boolean"},
        "dialects": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["tenants"],
                "properties": {"tenants": {"type": "array", "items": TENANT, "maxItems": 100}},
            },
        },
    },
}


class ScenarioError(ValueError):
    """A scenario that cannot be loaded; the message names the place and what would be valid."""


@dataclass(frozen=True)
class Scenario:
    replace: bool
    tenants: Mapping[str, tuple[TenantSpec, ...]]
    """Per dialect name, what to add (or to serve instead)."""


def where(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the scenario"


def parse_scenario(text: str | bytes, dialects: Mapping[str, Dialect]) -> Scenario:
    """The scenario in `text` (YAML or JSON), checked against the served `dialects`; or raise `ScenarioError`."""
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        raise ScenarioError(f"the scenario is not valid YAML{line}") from None
    problem = best_match(Draft202012Validator(SCENARIO).iter_errors(document))
    if problem is not None:
        raise ScenarioError(f"{where(tuple(problem.absolute_path))}: {problem.message}")
    tenants: dict[str, tuple[TenantSpec, ...]] = {}
    for name, body in document["dialects"].items():
        dialect = dialects.get(name)
        if dialect is None:
            raise ScenarioError(f"dialects.{name}: not served here; served: {', '.join(dialects)}")
        tenants[name] = tuple(
            read_tenant(dialect, tenant, ("dialects", name, "tenants", index))
            for index, tenant in enumerate(body["tenants"])
        )
    return Scenario(replace=bool(document.get("replace", False)), tenants=tenants)


def read_tenant(dialect: Dialect, raw: Mapping[str, Any], path: tuple[str | int, ...]) -> TenantSpec:
    workflows = tuple(
        read_workflow(dialect, workflow, (*path, "workflows", index))
        for index, workflow in enumerate(raw.get("workflows", []))
    )
    return TenantSpec(read_id(dialect, raw.get("id"), (*path, "id")), raw.get("name"), workflows)


def read_workflow(dialect: Dialect, raw: Mapping[str, Any], path: tuple[str | int, ...]) -> WorkflowSpec:
    runs = tuple(read_run(dialect, run, (*path, "runs", index)) for index, run in enumerate(raw.get("runs", [])))
    return WorkflowSpec(read_id(dialect, raw.get("id"), (*path, "id")), raw.get("name"), runs, raw.get("archived"))


def read_run(dialect: Dialect, raw: Mapping[str, Any], path: tuple[str | int, ...]) -> RunSpec:
    status = raw["status"]
    state = dialect.statuses.get(status)
    if state is None:
        known = ", ".join(dialect.statuses)
        raise ScenarioError(
            f"{where((*path, 'status'))}: {status!r} is not a {dialect.name} status; use one of {known}"
        )
    origin = raw.get("origin")
    origins = [origin.label for origin in dialect.vocabulary.origins]
    if origin is not None and origin not in origins:
        raise ScenarioError(
            f"{where((*path, 'origin'))}: {origin!r} is not a {dialect.name} origin; use one of {', '.join(origins)}"
        )
    error = raw.get("error")
    if error is not None and state is not RunState.FAILED:
        raise ScenarioError(f"{where((*path, 'error'))}: only a failed run carries an error")
    return RunSpec(
        state,
        origin,
        read_moment(raw.get("created_at"), (*path, "created_at")),
        read_id(dialect, raw.get("id"), (*path, "id")),
        error,
    )


def read_id(dialect: Dialect, value: str | None, path: tuple[str | int, ...]) -> str | None:
    if value is not None and dialect.vocabulary.id_style == "uuid":
        try:
            uuid.UUID(value)
        except ValueError:
            raise ScenarioError(f"{where(path)}: {dialect.name} ids are UUIDs, not {value!r}") from None
    return value


def read_moment(value: str | None, path: tuple[str | int, ...]) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ScenarioError(f"{where(path)}: {value!r} is not an RFC 3339 date-time") from None
    if moment.tzinfo is None:
        raise ScenarioError(f"{where(path)}: {value!r} needs a time zone, e.g. a trailing Z")
    return moment
