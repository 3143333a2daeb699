"""A stand-in b3os server that answers from the spec's own examples and records the method of every request.

It needs no mock: a GET of the list gets the spec's first named 200 example; a GET of a run gets the get's first
example (`faithful=True`: the listed run of that id, or the spec's 404 for any other id); anything else a 405 in
b3os' envelope. Tests read `methods` to see on the wire what a contract run sent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from workflow_runs_specs import reader

__all__ = ["RecordingB3os"]

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

LIST = re.compile(r"/v1/workflows/[^/]+/runs")
ONE_RUN = re.compile(r"/v1/runs/[^/]+")


def first_example(spec: reader.Spec, operation_id: str, status: int = 200) -> Any:
    response = spec.resolve(spec.operation(operation_id).response(status) or {})
    examples = response["content"]["application/json"]["examples"]
    return spec.resolve(next(iter(examples.values())))["value"]


class RecordingB3os:
    def __init__(self, *, faithful: bool = False) -> None:
        spec = reader.Spec.of_dialect("b3os")
        listed = first_example(spec, "listWorkflowRuns")
        self.list_body = json.dumps(listed).encode()
        self.run_body = json.dumps(first_example(spec, "getRun")).encode()
        self.not_found = json.dumps(first_example(spec, "getRun", 404)).encode()
        self.runs = {run["id"]: {**listed, "data": run} for run in listed["data"]["items"]} if faithful else None
        self.methods: list[str] = []
        self.paths: list[str] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        method, path = scope["method"], scope["path"]
        self.methods.append(method)
        self.paths.append(f"{method} {path}")
        status, body = 405, json.dumps({"code": 405, "message": "method not allowed", "data": None}).encode()
        if method == "GET" and LIST.fullmatch(path):
            status, body = 200, self.list_body
        elif method == "GET" and ONE_RUN.fullmatch(path) and self.runs is None:
            status, body = 200, self.run_body
        elif method == "GET" and ONE_RUN.fullmatch(path) and self.runs is not None:
            run = self.runs.get(path.rsplit("/", 1)[1])
            status, body = (200, json.dumps(run).encode()) if run else (404, self.not_found)
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
