"""`make clients`: the specs' generated clients as consumers of the mock's answers.

For every dialect: openapi-python-client and datamodel-code-generator (`--strict-nullable`) generate without
a warning, and their models parse the answer the mock gives to each request of a varied set
(`tools.client_requests`); openapi-typescript generates types, and `tsc --strict` compiles them with every 200
and error body the mock gave typed as the spec's response. The Python generators run from .venv-clients, the
npm tools from node_modules (make installs both on first use); the generated code goes to build/clients/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from mock_server.app import Settings, create_app
from mock_server.testing import serving
from tools.client_requests import NO_TOKEN, ClientRequest, client_requests, operation_of, resolve
from tools.node import ROOT, run, tool
from tools.typescript_answers import write_typescript_check
from workflow_runs_specs import DIALECTS, spec_path
from workflow_runs_specs.reader import Operation, Spec

WORK = ROOT / "build" / "clients"
CLIENT_BIN = ROOT / ".venv-clients" / "bin"
CONSUMER = Path(__file__).with_name("client_consumer.py")


def package_name(dialect: str) -> str:
    return "client_" + dialect.replace("-", "_")


def body_model(document: Mapping[str, Any], response: Any) -> dict[str, str] | None:
    """Which generated model a JSON body of this response is: a component, or an array of one (None: no body)."""
    if response is None:
        return None
    schema = resolve(document, response).get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        return None
    if "$ref" in schema:
        return {"model": str(schema["$ref"]).rsplit("/", 1)[-1]}
    if schema.get("type") == "array" and "$ref" in schema.get("items", {}):
        return {"array_of": str(schema["items"]["$ref"]).rsplit("/", 1)[-1]}
    raise ValueError(f"a response schema the check cannot name a model for: {schema}")


def record(
    http: httpx.Client, base: str, operation: Operation, token: str, params: Mapping[str, str], request: ClientRequest
) -> dict[str, Any]:
    """Send one request to the mock; the answer as the consumer reads it (no token is written down)."""
    path_params = {**params, **request.path}
    headers = {}
    sent_token = token if request.token is None else request.token
    if sent_token != NO_TOKEN:
        headers["Authorization"] = f"Bearer {sent_token}"
    if request.prefer:
        headers["Prefer"] = request.prefer
    # Only the parameters of the operation's path: a get of one run does not take all the list's.
    used = {name: value for name, value in path_params.items() if f"{{{name}}}" in operation.path}
    answer = http.request(
        operation.method.upper(), base + operation.path.format(**used), params=request.query, headers=headers
    )
    return {
        "label": request.label,
        "operation_id": operation.operation_id,
        "method": operation.method,
        "path_template": operation.path,
        "path": used,
        "query": request.query,
        "uses_fixture": request.valid,
        "status": answer.status_code,
        "content_type": answer.headers.get("content-type", ""),
        "body": answer.text,
        "body_model": body_model(operation.spec.document, operation.response(answer.status_code)),
    }


def recorded_answers(base: str, dialect: str, fixture: Mapping[str, Any]) -> list[dict[str, Any]]:
    spec = Spec.of_dialect(dialect)
    document = spec.document
    url = f"{base}/{dialect}"
    with httpx.Client(timeout=30) as http:
        # The plain list first: the get requests ask for the run the list's link names.
        plain = record(http, url, spec.list_runs(), fixture["token"], fixture["params"], ClientRequest("plain"))
        requests = client_requests(document, dialect, fixture["params"], json.loads(plain["body"]))
        return [
            record(http, url, operation_of(document, request), fixture["token"], fixture["params"], request)
            for request in requests
        ]


def generate(dialect: str, work: Path) -> list[str]:
    """Generate the three clients of one dialect, the generators side by side; every warning any printed."""
    spec = str(spec_path(dialect))
    config = work / f"{dialect}-opc.yaml"
    config.write_text(json.dumps({"package_name_override": package_name(dialect), "project_name_override": dialect}))
    env = {"PATH": f"{CLIENT_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    commands = {
        "openapi-python-client": [
            str(CLIENT_BIN / "openapi-python-client"), "generate", "--path", spec, "--config", str(config),
            "--output-path", str(work / "opc" / dialect), "--overwrite",
        ],
        "datamodel-code-generator": [
            str(CLIENT_BIN / "datamodel-codegen"), "--input", spec, "--input-file-type", "openapi",
            "--output", str(work / "dcg" / f"{package_name(dialect)}.py"), "--strict-nullable",
            "--output-model-type", "pydantic_v2.BaseModel", "--formatters", "builtin",
            "--target-python-version", "3.11", "--disable-timestamp",
        ],
        "openapi-typescript": [tool("openapi-typescript"), spec, "--output", str(work / "ts" / f"{dialect}.ts")],
    }  # fmt: skip
    problems = []
    with ThreadPoolExecutor(len(commands)) as pool:
        results = dict(zip(commands, pool.map(lambda command: run(command, env=env), commands.values()), strict=True))
    for name, done in results.items():
        output = done.stdout + done.stderr
        if done.returncode != 0:
            problems.append(f"{dialect}: {name} failed (exit {done.returncode}): {output.strip()[-400:]}")
        elif re.search(r"warn", output, re.IGNORECASE):
            problems.append(f"{dialect}: {name} warned: {output.strip()[-400:]}")
    return problems


def main() -> int:
    started = time.monotonic()
    shutil.rmtree(WORK, ignore_errors=True)
    for folder in ("opc", "dcg", "ts", "answers"):
        (WORK / folder).mkdir(parents=True)
    (WORK / "dcg" / "__init__.py").write_text("")
    problems: list[str] = []
    with serving(create_app(Settings(seed=0, clock_speed=0))) as base:
        fixtures = httpx.get(f"{base}/__mock__/fixtures", timeout=30).json()
        counts = {}
        for dialect in DIALECTS:
            answers = recorded_answers(base, dialect, fixtures[dialect])
            counts[dialect] = len(answers)
            (WORK / "answers" / f"{dialect}.json").write_text(json.dumps(answers))
            problems += generate(dialect, WORK)
            write_typescript_check(WORK / "ts", dialect, answers)
        manifest = {"base_url": base, "dialects": {d: package_name(d) for d in DIALECTS}}
        (WORK / "manifest.json").write_text(json.dumps(manifest))
        # The consumer calls the mock with the real clients: tokens go by environment, never into a file.
        tokens = json.dumps({dialect: fixtures[dialect]["token"] for dialect in DIALECTS})
        consumed = subprocess.run(
            [str(CLIENT_BIN / "python"), str(CONSUMER), str(WORK)],
            env={**os.environ, "CLIENT_CHECK_TOKENS": tokens},
            capture_output=True,
            text=True,
            check=False,
        )
        lines = [line for line in consumed.stdout.splitlines() if line.strip()]
        live = lines.pop() if lines and lines[-1].startswith("live ") else "live 0"
        problems += lines
        if consumed.returncode != 0 or live == "live 0":
            problems.append(f"the client consumer failed or sent nothing: {consumed.stderr.strip()[-800:]}")
    compiled = run([tool("tsc"), "--project", str(WORK / "ts" / "tsconfig.json")])
    if compiled.returncode != 0:
        problems += [f"tsc: {line}" for line in (compiled.stdout + compiled.stderr).splitlines()[:40] if line.strip()]
    for problem in problems:
        print(problem)
    total = sum(counts.values())
    if problems:
        print(f"clients: {len(problems)} problems", file=sys.stderr)
        return 1
    seconds = time.monotonic() - started
    print(
        f"clients: 3 generators x {len(DIALECTS)} dialects clean; {total} answers of the mock parsed by both Python "
        f"clients ({live.split()[1]} of the requests sent through openapi-python-client's client) and typed by "
        f"tsc --strict ({seconds:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
