"""Reading the specs: load a document (libyaml), follow its `$ref`s, and find any of its operations.

The one reader of specs for the mock, the contract suite, the review tools, the tests and the benchmarks. It
knows every operation of a document, by operationId and by path and method::

    spec = Spec.of_dialect("b3os")
    operation = spec.operation("listWorkflowRuns")      # or spec.find("/v1/workflows/{id}/runs", "get"),
                                                        # or spec.list_runs()
    operation.parameters["limit"]["schema"]["maximum"]  # path-level and operation-level, `$ref`s followed
    spec.resolve({"$ref": "#/components/schemas/Run"})
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable

from workflow_runs_specs import spec_path

__all__ = [
    "HTTP_METHODS",
    "Document",
    "Operation",
    "Spec",
    "SpecLoader",
    "SpecReadError",
    "UnknownOperationError",
    "load_spec",
    "read_document",
]

Document = dict[str, Any]

# libyaml's parser when PyYAML has it (its wheels do): the pure-Python one dominates startup time.
SpecLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# Every document is registered under this one URI, so a local `$ref` (`#/components/...`) is looked up in it.
BASE_URI = "urn:workflow-runs-specs:document"


class SpecReadError(ValueError):
    """A file that cannot be read, is not YAML or JSON, or is not a mapping; the message says which."""


class UnknownOperationError(LookupError):
    """An operationId, or a path and method, that the spec does not describe."""


def read_document(path: Path) -> Document:
    """The parsed document at `path` (YAML or JSON), or raise `SpecReadError` saying why not."""
    try:
        with path.open(encoding="utf-8") as handle:
            document = yaml.load(handle, Loader=SpecLoader)  # a safe loader
    except OSError as error:
        raise SpecReadError(f"cannot read the spec {path}: {error.strerror or error}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise SpecReadError(f"the spec {path} is not YAML or JSON: {str(error).splitlines()[0]}") from None
    if not isinstance(document, dict):
        raise SpecReadError(f"the spec {path} is not an OpenAPI document (no top-level mapping)")
    return document


def load_spec(dialect: str) -> Document:
    """A fresh parse of the dialect's spec (callers may change their copy)."""
    return read_document(spec_path(dialect))


@dataclass(frozen=True)
class Operation:
    """One operation of a spec: where it is, its operationId, and its definition with `$ref`s followed."""

    spec: Spec = field(repr=False)
    path: str
    method: str
    definition: Mapping[str, Any] = field(repr=False)
    shared_parameters: tuple[Mapping[str, Any], ...] = field(default=(), repr=False)
    """The parameters of its path item, which its own parameters override."""

    @property
    def operation_id(self) -> str | None:
        value = self.definition.get("operationId")
        return str(value) if value is not None else None

    @property
    def key(self) -> str:
        """`GET /v1/workflows/{id}/runs`: how a person names it when it has no operationId."""
        return f"{self.method.upper()} {self.path}"

    @functools.cached_property
    def parameter_list(self) -> tuple[Mapping[str, Any], ...]:
        """Every parameter, resolved, path-level ones first unless the operation overrides them."""
        own = [self.spec.resolve(parameter) for parameter in self.definition.get("parameters", [])]
        overridden = {(parameter["name"], parameter["in"]) for parameter in own}
        shared = [p for p in self.shared_parameters if (p["name"], p["in"]) not in overridden]
        return (*shared, *own)

    @property
    def parameters(self) -> dict[str, Mapping[str, Any]]:
        """Every parameter by name, resolved."""
        return {parameter["name"]: parameter for parameter in self.parameter_list}

    def parameter_names(self, location: str) -> tuple[str, ...]:
        return tuple(parameter["name"] for parameter in self.parameter_list if parameter["in"] == location)

    @property
    def responses(self) -> dict[str, Mapping[str, Any]]:
        """Every documented response by status (`"200"`, `"default"`), resolved."""
        return {str(status): self.spec.resolve(answer) for status, answer in self.definition["responses"].items()}

    def response(self, status: int | str) -> Mapping[str, Any] | None:
        return self.responses.get(str(status))

    def response_schema(self, status: int | str, media_type: str = "application/json") -> Mapping[str, Any] | None:
        """The body schema documented for `status` in `media_type` (its `$ref` kept, so names stay visible)."""
        response = self.response(status)
        content = (response or {}).get("content", {}).get(media_type)
        return content.get("schema") if content else None


class Spec:
    """A parsed OpenAPI document: its `$ref`s resolved through `referencing`, its operations listed."""

    def __init__(self, document: Mapping[str, Any], source: str = "the spec") -> None:
        self.document = document
        self.source = source
        """Where the document came from, for messages."""
        resource: Resource[Any] = Resource.opaque(document)
        self._resolver = Registry().with_resource(BASE_URI, resource).resolver(BASE_URI)

    @classmethod
    def read(cls, path: Path) -> Spec:
        return cls(read_document(path), str(path))

    @classmethod
    def of_dialect(cls, dialect: str) -> Spec:
        return cls.read(spec_path(dialect))

    def resolve(self, node: Any) -> Any:
        """`node`, or what its chain of `$ref`s points to; raises `Unresolvable` for a dangling one."""
        seen: set[str] = set()
        while isinstance(node, Mapping) and "$ref" in node:
            reference = str(node["$ref"])
            if reference in seen:
                raise Unresolvable(ref=reference)
            seen.add(reference)
            node = self._resolver.lookup(reference).contents
        return node

    @functools.cached_property
    def operations(self) -> tuple[Operation, ...]:
        """Every operation of every path, in document order."""
        return tuple(self._operations())

    def _operations(self) -> Iterator[Operation]:
        for path, raw_item in self.document.get("paths", {}).items():
            item = self.resolve(raw_item)
            shared = tuple(self.resolve(parameter) for parameter in item.get("parameters", []))
            for method in HTTP_METHODS:
                if method in item:
                    yield Operation(self, path, method, item[method], shared)

    def operation(self, operation_id: str) -> Operation:
        """The operation with `operation_id`, or raise `UnknownOperationError`."""
        for operation in self.operations:
            if operation.operation_id == operation_id:
                return operation
        known = ", ".join(str(operation.operation_id) for operation in self.operations)
        raise UnknownOperationError(f"{self.source} has no operation {operation_id!r}; it has: {known}")

    def find(self, path: str, method: str) -> Operation:
        """The operation at path template `path` and HTTP `method`, or raise `UnknownOperationError`."""
        for operation in self.operations:
            if operation.path == path and operation.method == method.lower():
                return operation
        raise UnknownOperationError(f"{self.source} has no operation {method.upper()} {path}")

    def list_runs(self) -> Operation:
        """The operation that lists a workflow's runs: the one GET on a collection path ending in `/runs`."""
        found = [op for op in self.operations if op.method == "get" and op.path.endswith("/runs")]
        if len(found) != 1:
            raise UnknownOperationError(
                f"{self.source} must describe exactly one GET operation on a .../runs path (the list), not {len(found)}"
            )
        return found[0]

    def by_operation_id(self) -> dict[str, Operation]:
        """Every operation that has an operationId, by it."""
        return {op.operation_id: op for op in self.operations if op.operation_id is not None}
