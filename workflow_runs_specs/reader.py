"""Reading the specs: load a dialect's document, follow its local `$ref`s, find its list endpoint.

Each spec documents exactly one operation, the list endpoint, as its only GET.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from specs import spec_path

# libyaml's parser when PyYAML has it (its wheels do): the pure-Python one dominates startup time.
SpecLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_spec(dialect: str) -> dict[str, Any]:
    """A fresh parse of the dialect's spec (callers may change their copy)."""
    with spec_path(dialect).open(encoding="utf-8") as handle:
        spec: dict[str, Any] = yaml.load(handle, Loader=SpecLoader)  # a safe loader
    return spec


def resolve(spec: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    """`node`, or what its local `$ref` chain points to."""
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def list_template(spec: Mapping[str, Any]) -> str:
    """The path template of the list endpoint, e.g. `/v1/workflows/{id}/runs`."""
    template: str = next(path for path, item in spec["paths"].items() if "get" in item)
    return template


def list_operation(spec: Mapping[str, Any]) -> Mapping[str, Any]:
    """The operation object of the list endpoint."""
    operation: Mapping[str, Any] = spec["paths"][list_template(spec)]["get"]
    return operation
