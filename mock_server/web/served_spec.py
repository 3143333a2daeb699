"""The spec as the mock serves it to Swagger UI (`<prefix>/openapi.json`): the vendor's document, with what makes
"Try it out" answer 200 from this mock.

- The mock is first under `servers`, so requests go to it.
- Every path parameter's first example is the demo data's (`demo`): the tenant and workflow of the fixtures,
  and a run of the demo workflow where the parameter names a run (`run_id`, or any parameter right after
  `runs/`), so the values Swagger UI fills in reach data. The vendor's examples follow it.
- Query parameters lose their examples: Swagger UI fills every example in, and a vendor's example can name
  what the mock's data has not (b3os' `nodeIds`); the spec's defaults stay. The files in `specs/` and the
  reference pages in `docs/` keep every example.
- The bearer scheme and the document's description say which token to authorize with.

Parameters a `$ref` names are copied into the operation, as an `id` can be a workflow in one path and a run in
another. The demo data changes with a reset or a scenario, so the document is made again when its values do.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from mock_server.web.replies import encode
from mock_server.web.state import Mount

DEMO_EXAMPLE = "mockDemoData"
OPERATION_KEYS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class Demo:
    """The values the served spec fills in: the demo token (None when tokens are off), the fixtures' path
    parameters, and a run of the demo workflow (None when it has none)."""

    token: str | None
    params: tuple[tuple[str, str], ...]
    run_id: str | None


class ServedSpec:
    """The encoded document for the demo values of the moment, made again only when they change."""

    def __init__(self, document: dict[str, Any], base_path: str) -> None:
        self.document = document
        self.base_path = base_path
        self._made: tuple[Demo, bytes] | None = None

    def body(self, demo: Demo) -> bytes:
        if self._made is None or self._made[0] != demo:
            self._made = (demo, encode(served(self.document, self.base_path, demo)))
        return self._made[1]


def served(document: dict[str, Any], base_path: str, demo: Demo) -> dict[str, Any]:
    """`document` as served: the mock first under `servers`, demo examples, how to authorize."""
    spec = copy.deepcopy(document)
    spec["servers"] = [{"url": base_path, "description": "This mock server"}, *spec.get("servers", [])]
    shared = spec.get("components", {}).get("parameters", {})
    for path, item in spec.get("paths", {}).items():
        if "parameters" in item:
            item["parameters"] = [with_demo(resolved(p, shared), path, demo) for p in item["parameters"]]
        for method in OPERATION_KEYS:
            if method in item and "parameters" in item[method]:
                item[method]["parameters"] = [
                    with_demo(resolved(p, shared), path, demo) for p in item[method]["parameters"]
                ]
    how = authorize_note(demo.token)
    info = spec.setdefault("info", {})
    info["description"] = f"{how}\n\n{info.get('description', '')}".strip()
    for scheme in spec.get("components", {}).get("securitySchemes", {}).values():
        if scheme.get("scheme") == "bearer":
            scheme["description"] = f"{how}\n\n{scheme.get('description', '')}".strip()
    return spec


def authorize_note(token: str | None) -> str:
    if token is None:
        given = "a token given to the mock with `--token` (demo tokens are off)"
    else:
        given = f"the demo token `{token}`"
    return (
        f"**On this mock**: press *Authorize* and enter {given}, then *Try it out*: the path parameters are "
        "filled in with the demo data. Every tenant's token and parameters: `GET /__mock__/fixtures`."
    )


def resolved(parameter: dict[str, Any], shared: dict[str, Any]) -> dict[str, Any]:
    """A copy of `parameter`, or of the component its `$ref` names."""
    ref = parameter.get("$ref", "")
    if ref.startswith("#/components/parameters/"):
        return copy.deepcopy(shared[ref.rsplit("/", 1)[1]])
    return copy.deepcopy(parameter)


def with_demo(parameter: dict[str, Any], path: str, demo: Demo) -> dict[str, Any]:
    """`parameter` with the demo value as its first example (a path parameter) or without examples (a query one)."""
    if parameter.get("in") == "query":
        parameter.pop("example", None)
        parameter.pop("examples", None)
        parameter.get("schema", {}).pop("example", None)
        return parameter
    if parameter.get("in") != "path":
        return parameter
    value = demo_value(path, parameter["name"], demo)
    if value is None:
        return parameter
    vendors = parameter.pop("examples", {})
    if "example" in parameter:
        vendors = {"vendor": {"value": parameter.pop("example")}, **vendors}
    demo_example = {"summary": "this mock's demo data", "value": value}
    parameter["examples"] = {DEMO_EXAMPLE: demo_example, **vendors}
    return parameter


def demo_value(path: str, name: str, demo: Demo) -> str | None:
    """The demo value of path parameter `name` of `path`: a run where it names one, else the fixtures'."""
    segments = path.split("/")
    placeholder = "{" + name + "}"
    before = segments[segments.index(placeholder) - 1] if placeholder in segments else ""
    if name == "run_id" or before == "runs":
        return demo.run_id
    return dict(demo.params).get(name)


def demo_of(mount: Mount) -> Demo:
    """The values the served spec of `mount` fills in: its fixtures, and the oldest run of the demo workflow (a
    finished one of the generated history, which stays while the live runs come and go)."""
    fixture = mount.fixture
    view = mount.read().view
    runs = view.runs(view.demo.tenant_id, view.demo.workflow_id)
    return Demo(fixture.get("token"), tuple(fixture["params"].items()), runs[-1].id if runs else None)
