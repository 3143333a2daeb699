"""`make prism-check`: Stoplight Prism 5 as a validating proxy in front of the mock, one per dialect.

Every 200 body of the valid requests of `tools.client_requests` (plain, pages, filters, flags, on the list and
on the get of one run) passes Prism's response validation (no `sl-violations` about the response), and for
each operation asked, a 200 body with one required field taken out (by a small breaking server between Prism
and the mock, asked to with a header) is flagged: proof that Prism checked the body rather than skipped it.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from typing import Any

import httpx
from starlette.types import Receive, Scope, Send

from mock_server.app import Settings, create_app
from mock_server.testing import free_port, serving
from tools.client_requests import ClientRequest, client_requests, operation_of
from tools.node import QUIET, ROOT, tool
from workflow_runs_specs import DIALECTS, spec_path
from workflow_runs_specs.reader import Operation, Spec

BREAK = "x-break-body"
"""The request header that asks the breaking server to take the first run's `id` out of the body."""
STARTUP_SECONDS = 90


def without_first_id(document: Any) -> bool:
    """Remove `id` from the first run (an object with an `id` and a `status`) found; whether one was found."""
    if isinstance(document, dict):
        if "id" in document and "status" in document:
            del document["id"]
            return True
        return any(without_first_id(value) for value in document.values())
    if isinstance(document, list):
        return any(without_first_id(item) for item in document)
    return False


class BreakingServer:
    """Forwards to the mock; with the `x-break-body` header, answers the body without its first run's `id`."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        headers = {key.decode(): value.decode() for key, value in scope["headers"] if key.decode() != "host"}
        url = f"{self.upstream}{scope['path']}?{scope['query_string'].decode()}"
        async with httpx.AsyncClient(timeout=30) as http:
            answer = await http.get(url, headers=headers)
        body = answer.content
        if headers.get(BREAK) and answer.status_code == 200:
            document = json.loads(body)
            without_first_id(document)
            body = json.dumps(document).encode()
        kept = [
            (k.encode(), v.encode())
            for k, v in answer.headers.items()
            if k not in ("content-length", "content-encoding")
        ]
        start = {"type": "http.response.start", "status": answer.status_code}
        await send({**start, "headers": [*kept, (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


@contextlib.contextmanager
def prism(dialect: str, upstream: str) -> Iterator[str]:
    """A Prism proxy for the dialect's spec in front of `upstream`, on a free loopback port."""
    port = free_port()
    command = [tool("prism"), "proxy", str(spec_path(dialect)), upstream, "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **QUIET},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_up(url: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            httpx.get(url, timeout=2)
            return
        time.sleep(0.3)
    raise RuntimeError(f"Prism did not start at {url} within {STARTUP_SECONDS} s")


def response_violations(answer: httpx.Response) -> list[str]:
    found = json.loads(answer.headers.get("sl-violations", "[]"))
    return [
        f"{'.'.join(map(str, item.get('location', [])))}: {item.get('message')}"
        for item in found
        if item.get("location", [""])[0] == "response"
    ]


def valid_requests(dialect: str, params: Mapping[str, str], list_answer: Any) -> list[ClientRequest]:
    """The requests of `tools.client_requests` a client means (fixture's token, what exists, nothing preferred)."""
    requests = client_requests(Spec.of_dialect(dialect).document, dialect, params, list_answer)
    return [request for request in requests if request.valid]


def url_of(proxy: str, operation: Operation, params: Mapping[str, str]) -> str:
    return proxy + operation.path.format(**{k: v for k, v in params.items() if f"{{{k}}}" in operation.path})


def check_dialect(dialect: str, proxy: str, fixture: Mapping[str, Any]) -> tuple[list[str], int]:
    """Problems, and how many 200 bodies Prism validated."""
    spec = Spec.of_dialect(dialect)
    headers = {"Authorization": f"Bearer {fixture['token']}"}
    problems, validated = [], 0
    with httpx.Client(timeout=30) as http:
        list_answer = http.get(url_of(proxy, spec.list_runs(), fixture["params"]), headers=headers).json()
        # One broken body per operation asked (the list, and the get of one run where there is one).
        broken_urls: dict[str, str] = {}
        for request in valid_requests(dialect, fixture["params"], list_answer):
            operation = operation_of(spec.document, request)
            url = url_of(proxy, operation, {**fixture["params"], **request.path})
            broken_urls.setdefault(str(operation.operation_id), url)
            answer = http.get(url, params=request.query, headers=headers)
            if answer.status_code != 200:
                continue
            validated += 1
            for violation in response_violations(answer):
                problems.append(f"{dialect}: {request.label}: Prism flags the mock's 200: {violation}")
        for operation_id, url in broken_urls.items():
            broken = http.get(url, headers={**headers, BREAK: "1"})
            if not any("required property 'id'" in violation for violation in response_violations(broken)):
                problems.append(f"{dialect}: Prism did not flag a 200 body of {operation_id} without a run's id")
    if validated == 0:
        problems.append(f"{dialect}: no request answered 200 through Prism")
    return problems, validated


def main() -> int:
    started = time.monotonic()
    problems: list[str] = []
    counts: dict[str, int] = {}
    with (
        serving(create_app(Settings(seed=0, clock_speed=0))) as mock,
        serving(BreakingServer(mock)) as breaking,
        contextlib.ExitStack() as proxies,
    ):
        fixtures = httpx.get(f"{mock}/__mock__/fixtures", timeout=30).json()
        # Every Prism starts at once: its start-up dominates the time of the check.
        urls = {dialect: proxies.enter_context(prism(dialect, f"{breaking}/{dialect}")) for dialect in DIALECTS}
        for dialect, url in urls.items():
            wait_until_up(url)
            found, counts[dialect] = check_dialect(dialect, url, fixtures[dialect])
            problems += found
    for problem in problems:
        print(problem)
    if problems:
        print(f"prism-check: {len(problems)} problems", file=sys.stderr)
        return 1
    figures = ", ".join(f"{dialect} {count}" for dialect, count in counts.items())
    print(
        f"prism-check: Prism validated every 200 body ({figures}) and flagged a body without a required id of "
        f"each operation asked in the {len(DIALECTS)} dialects ({time.monotonic() - started:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
