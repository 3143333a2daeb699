"""The dialect's OpenAPI document, read once: its one list operation, its parameters and documented responses.

Semantic checks judge error answers against what the spec documents for that status (the body schema, the
media type, the required headers), with an OpenAPI 3.0 validator that knows `nullable` and the formats::

    operation = load_operation(spec_path("b3os"))
    operation.response_problems(exchange, 404)   # [] when the answer is the documented 404
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openapi_schema_validator import OAS30Validator, oas30_format_checker

from contracts.core.errors import SpecError
from contracts.http.client import Exchange
from workflow_runs_specs import reader
from workflow_runs_specs.validity import read_valid_document

__all__ = ["ListOperation", "load_operation"]

Document = dict[str, Any]


def read_document(path: Path) -> Document:
    """The document at `path`, checked to be valid OpenAPI (`workflow_runs_specs.validity`)."""
    try:
        return read_valid_document(path)
    except reader.SpecReadError as error:
        raise SpecError(str(error)) from None


@dataclass(frozen=True)
class ListOperation:
    """The spec's list-runs operation (`Spec.list_runs`), and how an answer to it is judged; `sibling` gives
    another operation of the same spec (the get a link leads to) judged the same way."""

    found: reader.Operation

    def sibling(self, operation_id: str) -> ListOperation:
        """The spec's operation `operation_id`; raises `SpecError` when the spec has none."""
        try:
            return ListOperation(self.found.spec.operation(operation_id))
        except reader.UnknownOperationError as error:
            raise SpecError(str(error)) from None

    @property
    def document(self) -> Document:
        return dict(self.found.spec.document)

    @property
    def path(self) -> str:
        return self.found.path

    @property
    def operation(self) -> Document:
        return dict(self.found.definition)

    def resolve(self, node: Any) -> Any:
        """Follow `$ref`s until a concrete object is reached."""
        return self.found.spec.resolve(node)

    @property
    def parameters(self) -> dict[str, Document]:
        """Every parameter of the operation by name, resolved."""
        return {name: dict(parameter) for name, parameter in self.found.parameters.items()}

    def parameter_names(self, location: str) -> tuple[str, ...]:
        return self.found.parameter_names(location)

    def parameter_schema(self, name: str) -> Document:
        parameter = self.parameters.get(name)
        return dict(self.resolve(parameter.get("schema", {}))) if parameter else {}

    def parameter_examples(self, name: str) -> list[Any]:
        parameter = self.parameters.get(name, {})
        examples = [self.resolve(example).get("value") for example in parameter.get("examples", {}).values()]
        if "example" in parameter:
            examples.insert(0, parameter["example"])
        return [example for example in examples if example is not None]

    def enum_values(self, name: str) -> tuple[str, ...]:
        return tuple(str(value) for value in self.parameter_schema(name).get("enum", ()))

    @property
    def documented_statuses(self) -> frozenset[int]:
        return frozenset(int(status) for status in self.operation.get("responses", {}) if str(status).isdigit())

    def response(self, status: int) -> Document | None:
        response = self.operation.get("responses", {}).get(str(status))
        return dict(self.resolve(response)) if response is not None else None

    def validator(self, schema: Document) -> OAS30Validator:
        root = {"components": self.document.get("components", {}), **copy.deepcopy(schema)}
        return OAS30Validator(root, format_checker=oas30_format_checker)

    def response_problems(self, exchange: Exchange, status: int) -> list[str]:
        """Every way `exchange` differs from the documented `status` answer: status, media type, headers, body."""
        if exchange.status != status:
            return [f"status {exchange.status}, not {status}"]
        response = self.response(status)
        if response is None:
            return [f"the spec documents no {status} answer to compare with"]
        problems = self.header_problems(exchange, response)
        content = response.get("content", {})
        if not content:
            return problems
        media_type = exchange.media_type
        if media_type not in content:
            return [*problems, f"media type {media_type or '(none)'}, not {' or '.join(content)}"]
        schema = content[media_type].get("schema")
        if schema is None:
            return problems
        try:
            body = exchange.json()
        except ValueError:
            return [*problems, "the body is not JSON"]
        errors = sorted(self.validator(schema).iter_errors(body), key=lambda error: list(error.path))
        for error in errors[:3]:
            where = "/".join(str(part) for part in error.path) or "(root)"
            problems.append(f"body at {where}: {error.message}")
        return problems

    def header_problems(self, exchange: Exchange, response: Document) -> list[str]:
        problems = []
        for name, header in response.get("headers", {}).items():
            header = self.resolve(header)
            value = exchange.headers.get(name)
            if value is None:
                if header.get("required"):
                    problems.append(f"the required {name} header is missing")
                continue
            schema = self.resolve(header.get("schema", {}))
            typed: Any = int(value) if schema.get("type") == "integer" and value.lstrip("-").isdigit() else value
            for error in self.validator(schema).iter_errors(typed):
                problems.append(f"header {name}: {error.message}")
        return problems


def load_operation(path: Path) -> ListOperation:
    """The list operation of the spec at `path`, or raise `SpecError` saying why it cannot be used."""
    spec = reader.Spec(read_document(path), str(path))
    try:
        return ListOperation(spec.list_runs())
    except reader.UnknownOperationError as error:
        raise SpecError(str(error)) from None
