"""The varied requests whose answers the generated clients must parse, derived from a spec and the mock's fixtures.

Per dialect, on its list: the plain request; pages of several sizes and one past the end; every filter value;
every flag (`verbose`, `expand`); each parameter out of its bounds or enum; an unknown query parameter; no token
and a wrong one; an unknown tenant or workflow; a path id of the wrong form; and, through `Prefer`, every
documented status and every named example of the spec. On the operation that gets one run, where the dialect
has one: the run the list's link names (`links` of the list's 200 answer, read from the plain list's answer),
every value of its query parameters, an unknown run, no token and a wrong one, an unknown query parameter, and
every documented status and named example through `Prefer`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from workflow_runs_specs.reader import Operation, Spec

Document = Mapping[str, Any]

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
    operation_id: str | None = None
    """The operation asked; None: the dialect's list."""
    known: bool = True
    """Whether the path names what exists: the fixture's tenant and workflow, or the run the list's link names."""

    @property
    def valid(self) -> bool:
        """Sent with the fixture's token to what exists, and no answer preferred: a request a client means."""
        return self.token is None and self.known and not self.prefer


def resolve(document: Document, node: Any) -> Any:
    return Spec(document).resolve(node)


def list_operation(document: Document, dialect: str) -> tuple[str, Document]:
    """The path template and operation object of the dialect's list operation (`Spec.list_runs`)."""
    operation = Spec(document, dialect).list_runs()
    return operation.path, operation.definition


def operation_of(document: Document, request: ClientRequest) -> Operation:
    """The operation `request` asks: its own, or the list."""
    spec = Spec(document)
    return spec.list_runs() if request.operation_id is None else spec.operation(request.operation_id)


def parameters(operation: Operation, location: str) -> dict[str, Document]:
    return {p["name"]: p for p in operation.parameter_list if p["in"] == location}


def schema_of(spec: Spec, parameter: Document) -> Document:
    return dict(spec.resolve(parameter.get("schema", {})))


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


def value_requests(spec: Spec, query: Mapping[str, Document]) -> Iterator[ClientRequest]:
    for name, parameter in query.items():
        schema = schema_of(spec, parameter)
        items = dict(spec.resolve(schema.get("items", {})))
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


def path_requests(spec: Spec, path: Mapping[str, Document], fixture: Mapping[str, str]) -> Iterator[ClientRequest]:
    for index, (name, parameter) in enumerate(path.items()):
        schema = schema_of(spec, parameter)
        yield ClientRequest(f"unknown {name}", path={name: made_up_id(schema, fixture[name], index)}, known=False)
        if schema.get("format") == "uuid":
            yield ClientRequest(f"{name} not a UUID", path={name: "not-a-uuid"}, known=False)


def preferred_requests(spec: Spec, operation: Operation) -> Iterator[ClientRequest]:
    """Every documented status and every named example of `operation`, asked for through `Prefer`."""
    for status, response in operation.responses.items():
        yield ClientRequest(f"Prefer code={status}", prefer=f"code={status}")
        for media in response.get("content", {}).values():
            for name in media.get("examples", {}):
                yield ClientRequest(f"Prefer example={name}", prefer=f"example={name}")


def client_requests(
    document: Document, dialect: str, fixture: Mapping[str, str], list_answer: Any = None
) -> list[ClientRequest]:
    """Every request of the set for one dialect, labels unique. With `list_answer`, the body of the plain list
    request, the set also asks for the run the list links to, when the dialect documents such a get."""
    spec = Spec(document, dialect)
    operation = spec.list_runs()
    query = parameters(operation, "query")
    requests = [
        ClientRequest("plain"),
        *paging_requests(query),
        *value_requests(spec, query),
        ClientRequest("unknown query parameter", {"not_a_documented_parameter": "1"}),
        ClientRequest("no token", token=NO_TOKEN),
        ClientRequest("wrong token", token=WRONG_TOKEN),
        *path_requests(spec, parameters(operation, "path"), fixture),
        *preferred_requests(spec, operation),
    ]
    if list_answer is not None:
        requests += get_requests(spec, operation, fixture, list_answer)
    labels = [request.label for request in requests]
    assert len(labels) == len(set(labels)), f"{dialect}: request labels repeat"
    return requests


def get_requests(spec: Spec, listing: Operation, fixture: Mapping[str, str], answer: Any) -> list[ClientRequest]:
    """The requests on each GET operation the list's 200 answer links to, its path from the link."""
    found = []
    for link in spec.resolve(listing.response(200) or {}).get("links", {}).values():
        link = spec.resolve(link)
        target = spec.operation(str(link["operationId"]))
        if target.method != "get":
            continue
        path = {name: evaluated(str(expression), fixture, answer) for name, expression in link["parameters"].items()}
        run_name = next(name for name, expression in link["parameters"].items() if "$response" in str(expression))
        run_schema = schema_of(spec, parameters(target, "path")[run_name])
        asked = [
            ClientRequest("plain", path=path),
            *(
                ClientRequest(request.label, request.query, path)
                for request in value_requests(spec, parameters(target, "query"))
            ),
            ClientRequest("unknown query parameter", {"not_a_documented_parameter": "1"}, path),
            ClientRequest("no token", path=path, token=NO_TOKEN),
            ClientRequest("wrong token", path=path, token=WRONG_TOKEN),
            ClientRequest(
                f"unknown {run_name}", path={**path, run_name: made_up_id(run_schema, path[run_name], 0)}, known=False
            ),
            *(ClientRequest(r.label, path=path, prefer=r.prefer) for r in preferred_requests(spec, target)),
        ]
        found += [
            ClientRequest(f"{target.operation_id}: {r.label}", r.query, r.path, r.token, r.prefer,
                          target.operation_id, r.known)
            for r in asked
        ]  # fmt: skip
    return found


def evaluated(expression: str, fixture: Mapping[str, str], answer: Any) -> str:
    """A link's runtime expression: `$request.path.NAME` from the fixture, `$response.body#/POINTER` from `answer`."""
    if expression.startswith("$request.path."):
        return fixture[expression.removeprefix("$request.path.")]
    if expression.startswith("$response.body#"):
        value = answer
        for part in expression.removeprefix("$response.body#").strip("/").split("/"):
            value = value[int(part)] if isinstance(value, list) else value[part.replace("~1", "/").replace("~0", "~")]
        return str(value)
    raise ValueError(f"a link expression the client check cannot evaluate: {expression}")
