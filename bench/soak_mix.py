"""The requests the soak run repeats: valid ones on every dialect (paging, filters) and invalid ones, each with
the status it must get."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from bench.spec import list_path
from workflow_runs_specs import DIALECTS

VALID = "valid"
# Query strings that must answer 200; aitasker's endpoint takes no query parameters at all, and ignores the
# ones it does not declare, as FastAPI does.
VALID_QUERIES = {
    "aitasker": ["", "limit=5"],
    "b3os": ["", "limit=5&offset=10", "limit=100", "offset=40", "status=failure", "status=success&limit=3&offset=2"],
    "cortex-v1": ["", "page=2&take=10", "take=100", "page=3&take=7&status=COMPLETED", "origin=TRIGGER", "verbose=all"],
    "cortex-v2": [
        "",
        "page=2&take=10",
        "take=100",
        "origin=WEBHOOK&verbose=all",
        "status=RUNNING",
        "status=ALL&origin=ALL",
    ],
    "invent": ["", "page=2&take=10", "take=100", "status=CANCELED&expand=true", "origin=WEBHOOK", "page=3&take=15"],
}
# Query strings that must answer the dialect's invalid-input status, with what is wrong with them. The enum cases
# use another dialect's spelling, the mistake a client ported from one vendor to the next makes.
INVALID_QUERIES: dict[str, list[tuple[str, str]]] = {
    "aitasker": [],
    "b3os": [("status=FAILED", "bad enum"), ("limit=0", "out of bounds"), ("limit=101", "out of bounds"),
             ("offset=-1", "out of bounds"), ("limit=ten", "wrong type")],
    "cortex-v1": [("status=CANCELED", "bad enum"), ("origin=WEBHOOK", "bad enum"), ("take=101", "out of bounds"),
                  ("page=0", "out of bounds")],
    "cortex-v2": [("status=failure", "bad enum"), ("take=0", "out of bounds"), ("page=-1", "out of bounds")],
    "invent": [("status=CANCELLED", "bad enum"), ("take=101", "out of bounds"), ("page=0", "out of bounds"),
               ("expand=maybe", "wrong type")],
}  # fmt: skip
# The path parameter naming the workflow (invent's endpoint names only the org), an id nobody has, and the case.
UNKNOWN_WORKFLOW = {
    "aitasker": ("workflow_id", str(uuid.UUID(int=2)), "unknown workflow"),
    "b3os": ("id", "wf_doesnotexist", "unknown workflow"),
    "cortex-v1": ("workflow_id", "wf_doesnotexist", "unknown workflow"),
    "cortex-v2": ("workflow_id", "wf_doesnotexist", "unknown workflow"),
    "invent": ("org_id", "org_doesnotexist", "unknown org"),
}


@dataclass(frozen=True)
class Probe:
    dialect: str
    kind: str
    """`VALID`, or what is wrong with the request."""
    target: str
    token: str | None
    expected: int

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}


def invalid_input_status(dialect: str) -> int:
    return 422 if dialect == "aitasker" else 400  # aitasker answers as FastAPI does


def probes_of(dialect: str, fixture: dict[str, Any]) -> list[Probe]:
    """Every probe of one dialect, served under /<dialect> with the demo `fixture` (token and path parameters)."""
    token: str = fixture["token"]
    params: dict[str, str] = fixture["params"]
    path = f"/{dialect}{list_path(dialect, params)}"

    def at(query: str) -> str:
        return f"{path}?{query}" if query else path

    probes = [Probe(dialect, VALID, at(query), token, 200) for query in VALID_QUERIES[dialect]]
    bad = invalid_input_status(dialect)
    probes += [Probe(dialect, kind, at(query), token, bad) for query, kind in INVALID_QUERIES[dialect]]
    name, unknown, unknown_kind = UNKNOWN_WORKFLOW[dialect]
    unknown_path = f"/{dialect}{list_path(dialect, {**params, name: unknown})}"
    probes += [
        Probe(dialect, "missing token", path, None, 401),
        Probe(dialect, "unknown token", path, f"{token}x", 401),
        Probe(dialect, unknown_kind, unknown_path, token, 404),
    ]
    return probes


def mix(fixtures: dict[str, Any]) -> list[Probe]:
    """The probes of every dialect, interleaved so that consecutive requests go to different dialects."""
    per_dialect = [probes_of(dialect, fixtures[dialect]) for dialect in DIALECTS]
    longest = max(len(probes) for probes in per_dialect)
    return [probes[index] for index in range(longest) for probes in per_dialect if index < len(probes)]
