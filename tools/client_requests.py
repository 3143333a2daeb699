"""The varied requests whose answers the generated clients must parse, derived from a spec and the mock's fixtures.

Per dialect: the plain request; pages of several sizes and one past the end; every filter value; every flag
(`verbose`, `expand`); each parameter out of its bounds or enum; an unknown query parameter; no token and a
wrong one; an unknown tenant or workflow; a path id of the wrong form; and, through `Prefer`, every documented
status and every named example of the spec.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

Document = Mapping[str, Any]

LIST_OPERATIONS = {
    "aitasker": "getWorkspaceWorkflowRuns",
    "b3os": "listWorkflowRuns",
    "cortex-v1": "getWorkflowRuns",
    "cortex-v2": "getWorkflowRuns",
    "invent": "getOrgWorkflowRuns",
}
"""The list operation of each dialect, by operationId (a spec may hold other operations)."""

NO_TOKEN = ""
WRONG_TOKEN = "wrong-token-for-the-client-check"


@dataclass(frozen=True)
class ClientRequest:
    label: str
    query: dict[str, str] = field(default_factory=dict)
    path: dict[str, str] = field(default_factory=dict)
    """Path parameters that replace the fixture's."""
    token: str | None = None
    """None: the fixture's token; NO_TOKEN: no Authorization header; else this token."""
    prefer: str | None = None


def resolve(document: Document, node: Any) -> Any:
    while isinstance(node, Mapping) and "$ref" in node:
        target: Any = document
        for part in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def list_operation(document: Document, dialect: str) -> tuple[str, Document]:
    """The path template and operation object of the dialect's list operation."""
    wanted = LIST_OPERATIONS[dialect]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method == "get" and operation.get("operationId") == wanted:
                return path, operation
    raise LookupError(f"{dialect}: no GET operation {wanted}")


def parameters(document: Document, operation: Document) -> dict[str, Document]:
    found = [resolve(document, parameter) for parameter in operation.get("parameters", [])]
    return {parameter["name"]: parameter for parameter in found}


def schema_of(document: Document, parameter: Document) -> Document:
    return dict(resolve(document, parameter.get("schema", {})))


def paging_requests(query: Mapping[str, Document]) -> Iterator[ClientRequest]:
    if "limit" in query and "offset" in query:
        for offset in (0, 5, 10):
            yield ClientRequest(f"page at offset {offset}", {"limit": "5", "offset": str(offset)})
        yield ClientRequest("page past the end", {"limit": "100", "offset": "10000"})
    if "page" in query and "take" in query:
        for page in (1, 2, 3):
            yield ClientRequest(f"page {page} of 5", {"page": str(page), "take": "5"})
        yield ClientRequest("largest page", {"take": "100"})
        yield ClientRequest("page past the end", {"page": "10000", "take": "100"})


def value_requests(document: Document, query: Mapping[str, Document]) -> Iterator[ClientRequest]:
    for name, parameter in query.items():
        schema = schema_of(document, parameter)
        items = dict(resolve(document, schema.get("items", {})))
        for value in schema.get("enum", items.get("enum", [])):
            yield ClientRequest(f"{name}={value}", {name: str(value)})
        if schema.get("type") == "boolean":
            yield ClientRequest(f"{name}=true", {name: "true"})
        if "maximum" in schema:
            yield ClientRequest(f"{name} above its maximum", {name: str(schema["maximum"] + 1)})
        if "minimum" in schema:
            yield ClientRequest(f"{name} below its minimum", {name: str(schema["minimum"] - 1)})
        if "enum" in schema or "enum" in items:
            yield ClientRequest(f"{name} not in its enum", {name: "not-a-documented-value"})
        if schema.get("maxLength") == 0:
            yield ClientRequest(f"{name} given, unused", {name: "abc"})


def made_up_id(schema: Document, known: str, index: int) -> str:
    """An id of the known id's form that names nothing."""
    if schema.get("format") == "uuid":
        return str(uuid.UUID(int=index + 1, version=4))
    prefix, separator, rest = known.rpartition("_")
    filler = ("Zz9" * len(known))[: len(rest if separator else known)]
    return f"{prefix}{separator}{filler}"


def path_requests(
    document: Document, path: Mapping[str, Document], fixture: Mapping[str, str]
) -> Iterator[ClientRequest]:
    for index, (name, parameter) in enumerate(path.items()):
        schema = schema_of(document, parameter)
        yield ClientRequest(f"unknown {name}", path={name: made_up_id(schema, fixture[name], index)})
        if schema.get("format") == "uuid":
            yield ClientRequest(f"{name} not a UUID", path={name: "not-a-uuid"})


def client_requests(document: Document, dialect: str, fixture: Mapping[str, str]) -> list[ClientRequest]:
    """Every request of the set for one dialect, labels unique."""
    _, operation = list_operation(document, dialect)
    found = parameters(document, operation)
    query = {name: parameter for name, parameter in found.items() if parameter["in"] == "query"}
    path = {name: parameter for name, parameter in found.items() if parameter["in"] == "path"}
    requests = [
        ClientRequest("plain"),
        *paging_requests(query),
        *value_requests(document, query),
        ClientRequest("unknown query parameter", {"not_a_documented_parameter": "1"}),
        ClientRequest("no token", token=NO_TOKEN),
        ClientRequest("wrong token", token=WRONG_TOKEN),
        *path_requests(document, path, fixture),
    ]
    for status, response in operation.get("responses", {}).items():
        requests.append(ClientRequest(f"Prefer code={status}", prefer=f"code={status}"))
        for media in resolve(document, response).get("content", {}).values():
            for name in media.get("examples", {}):
                requests.append(ClientRequest(f"Prefer example={name}", prefer=f"example={name}"))
    labels = [request.label for request in requests]
    assert len(labels) == len(set(labels)), f"{dialect}: request labels repeat"
    return requests
