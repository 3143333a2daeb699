"""Following an OpenAPI link of the spec: the operation it names, and its parameters evaluated from an answer.

Only the runtime expressions the specs use are read: `$request.path.NAME` and `$response.body#/json/pointer`::

    link = response_links(spec.list_runs(), 200)[0]
    link.arguments({"id": "wf_1"}, body)     # {"id": "run_..."}, or None when an expression reaches nothing
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workflow_runs_specs import reader

__all__ = ["Link", "pointer", "response_links"]

REQUEST_PATH = "$request.path."
RESPONSE_BODY = "$response.body#"


@dataclass(frozen=True)
class Link:
    name: str
    operation_id: str
    parameters: Mapping[str, str]

    def from_answer(self, name: str) -> bool:
        """Whether the parameter `name` is read from the answer (the run's id) rather than the request."""
        return str(self.parameters.get(name, "")).startswith(RESPONSE_BODY)

    def arguments(self, request_path: Mapping[str, str], body: Any) -> dict[str, str] | None:
        """Every parameter's value, or None when one of them reaches nothing."""
        values: dict[str, str] = {}
        for name, expression in self.parameters.items():
            value = evaluate(str(expression), request_path, body)
            if value is None:
                return None
            values[name] = value
        return values


def evaluate(expression: str, request_path: Mapping[str, str], body: Any) -> str | None:
    if expression.startswith(REQUEST_PATH):
        return request_path.get(expression.removeprefix(REQUEST_PATH))
    if expression.startswith(RESPONSE_BODY):
        value = pointer(body, expression.removeprefix(RESPONSE_BODY))
        return None if value is None or isinstance(value, (dict, list)) else str(value)
    return None


def pointer(document: Any, path: str) -> Any:
    """The value at the JSON pointer `path` (RFC 6901), or None when it is not there."""
    for token in path.split("/")[1:] if path else []:
        key = token.replace("~1", "/").replace("~0", "~")
        if isinstance(document, Mapping) and key in document:
            document = document[key]
        elif isinstance(document, list) and key.isdigit() and int(key) < len(document):
            document = document[int(key)]
        else:
            return None
    return document


def response_links(operation: reader.Operation, status: int) -> list[Link]:
    """The links the spec documents on `operation`'s answer with `status`, `$ref`s followed."""
    response = operation.response(status) or {}
    links = []
    for name, raw in response.get("links", {}).items():
        link = operation.spec.resolve(raw)
        if "operationId" in link:
            links.append(Link(name, str(link["operationId"]), dict(link.get("parameters", {}))))
    return links
