"""The README stays true: its demo tokens, ids and curl commands are what the mock serves with seed 0, and its CI
example runs as written, keeping the token out of what it uploads."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import yaml

from mock_server import Settings, create_app
from mock_server.testing import serving
from spec_review.docs_site import REVIEW_COMMANDS
from tests.servers import free_port
from workflow_runs_specs.reader import Spec

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def curl_commands() -> list[list[str]]:
    """The curl commands of the demo block (the one the README says answers 200)."""
    block = README.split("With `make serve` running", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    joined = block.replace("\\\n", " ")
    return [shlex.split(line.strip())[1:] for line in joined.splitlines() if line.strip().startswith("curl ")]


def test_every_demo_token_and_id_in_the_readme_is_served(fixtures: dict[str, dict[str, object]]) -> None:
    for dialect, fixture in fixtures.items():
        rows = [line for line in README.splitlines() if line.startswith(f"| `{dialect}` | `{fixture['token']}` |")]
        assert len(rows) == 1, f"no demo row for {dialect} with its token"
        (row,) = rows
        params = fixture["params"]
        assert isinstance(params, dict)
        assert all(f"{name}={value}" in row for name, value in params.items())


def runs_in(body: object) -> list[object]:
    """The runs of a list answer: the body itself, or b3os' `data.items`."""
    if isinstance(body, dict):
        body = body["data"]["items"]
    assert isinstance(body, list)
    return body


def test_every_curl_in_the_readme_answers_200_with_runs(mock_url: str) -> None:
    commands = curl_commands()
    assert len(commands) >= 5
    for arguments in commands:
        url = next(argument for argument in arguments if argument.startswith("http://"))
        header = arguments[arguments.index("-H") + 1]
        name, _, value = header.partition(": ")
        parts = urlsplit(url)
        response = httpx.get(f"{mock_url}{parts.path}?{parts.query}", headers={name: value})
        assert response.status_code == 200, url
        assert runs_in(response.json()), f"{url} lists no runs"
        assert re.fullmatch(r"/[a-z0-9-]+/.*", parts.path)


def test_the_tenants_example_answers_as_its_comments_say(mock_url: str) -> None:
    block = README.split("### How tokens map to tenants", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines = block.strip().splitlines()
    pairs = list(zip(lines[::2], lines[1::2], strict=True))
    assert len(pairs) == 2
    for comment, command in pairs:
        arguments = shlex.split(command)[1:]
        name, _, value = arguments[arguments.index("-H") + 1].partition(": ")
        url = urlsplit(next(argument for argument in arguments if argument.startswith("http://")))
        response = httpx.get(f"{mock_url}{url.path}", headers={name: value})
        assert str(response.status_code) == comment.rsplit(" ", 1)[1], command


def write_commands() -> list[list[str]]:
    """The curl commands of the block of every other operation, in their order."""
    block = README.split("Every other operation of the runs resource", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    joined = block.replace("\\\n", " ")
    return [shlex.split(line.strip())[1:] for line in joined.splitlines() if line.strip().startswith("curl ")]


def operation_at(spec: Spec, path: str, method: str) -> str:
    """The operationId of the operation whose path template matches `path`."""
    for operation in spec.operations:
        template = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(operation.path))
        if operation.method == method.lower() and re.fullmatch(template, path):
            return str(operation.operation_id)
    raise AssertionError(f"no operation {method} {path}")


@pytest.mark.slow
def test_every_operation_of_every_dialect_has_a_curl_in_the_readme_and_each_answers_200_in_sequence() -> None:
    commands = write_commands()
    covered: set[tuple[str, str]] = set()
    with serving(create_app(Settings(seed=0, clock_speed=0))) as url:
        for arguments in commands:
            method = arguments[arguments.index("-X") + 1]
            target = next(argument for argument in arguments if argument.startswith("http://"))
            headers = dict(arguments[index + 1].split(": ", 1) for index, flag in enumerate(arguments) if flag == "-H")
            data = arguments[arguments.index("-d") + 1] if "-d" in arguments else None
            parts = urlsplit(target)
            dialect, path = parts.path.split("/", 2)[1:]
            response = httpx.request(method, f"{url}{parts.path}?{parts.query}", headers=headers, content=data)
            assert response.status_code == 200, (target, response.text)
            covered.add((dialect, operation_at(Spec.of_dialect(dialect), f"/{path}", method)))
    listed = {(dialect, "list") for dialect in ("aitasker", "b3os", "cortex-v1", "cortex-v2", "invent")}
    every = {
        (dialect, str(operation.operation_id))
        for dialect, _ in listed
        for operation in Spec.of_dialect(dialect).operations
        if operation.operation_id != Spec.of_dialect(dialect).list_runs().operation_id
    }
    assert every <= covered, f"operations without a curl in the README: {sorted(every - covered)}"


def ci_steps() -> list[dict[str, Any]]:
    """The GitHub Actions steps of the README's CI example."""
    block = README.split("In CI, against a staging API", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    steps: list[dict[str, Any]] = yaml.safe_load(block)
    return steps


@pytest.mark.slow
def test_the_ci_example_runs_as_written_against_the_mock_and_uploads_no_token(
    mock_url: str, fixtures: dict[str, Any], tmp_path: Path
) -> None:
    steps = ci_steps()
    (contract,) = [step for step in steps if "workflow-runs-contracts" in step.get("run", "")]
    (upload,) = [step for step in steps if str(step.get("uses", "")).startswith("actions/upload-artifact")]
    assert "--strict" in contract["run"]
    assert "--token-env" in contract["run"]
    assert "--token " not in contract["run"]
    assert re.fullmatch(r"\$\{\{ secrets\.\w+ \}\}", contract["env"]["B3OS_TOKEN"])
    token = fixtures["b3os"]["token"]
    values = {"B3OS_BASE_URL": f"{mock_url}/b3os", "B3OS_WORKFLOW_ID": fixtures["b3os"]["params"]["id"]}
    environment = {
        **{name: value for name, value in os.environ.items() if name != "CONTRACTS_TOKEN"},
        **values,
        "B3OS_TOKEN": token,
        # The job's `pip install .` puts the command on PATH; here it is the test's own environment.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    assert set(contract["env"]) == {*values, "B3OS_TOKEN"}

    done = subprocess.run(
        ["bash", "-c", contract["run"]], cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=300
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert "conforms to the b3os contract: every applicable check passed." in done.stdout
    uploaded = tmp_path / upload["with"]["path"]
    reports = [path for path in uploaded.rglob("*") if path.is_file()]
    assert sorted(path.name for path in reports) == ["b3os.json", "b3os.xml"]
    assert "Coverage: 2 of 2 operations exercised" in done.stdout
    for output in [done.stdout, done.stderr, *(path.read_text(encoding="utf-8") for path in reports)]:
        assert token not in output


def test_the_readme_names_the_review_commands_as_the_docs_index_does() -> None:
    for command, what in REVIEW_COMMANDS:
        assert f"- `{command}`: {what}\n" in README


def test_the_readme_s_make_test_selections_reach_pytest_and_name_registered_markers() -> None:
    commands = re.findall(r"make test TEST_ARGS='[^']+'", README)
    assert len(commands) >= 2
    ini = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    registered = {marker.partition(":")[0] for marker in ini["markers"]}
    for command in commands:
        argv = shlex.split(command)
        selection = argv[-1].removeprefix("TEST_ARGS=")
        dry_run = subprocess.run([*argv, "--dry-run"], cwd=ROOT, capture_output=True, text=True, timeout=60)
        (pytest_line,) = [line for line in dry_run.stdout.splitlines() if "-m pytest" in line]
        assert pytest_line.endswith(f" {selection}"), pytest_line
        option, expression = shlex.split(selection)
        assert option == "-m"
        assert set(expression.split()) - {"not", "and", "or"} <= registered


def blocks_starting_a_mock() -> list[str]:
    """The shell blocks that start a mock of their own in the background, in the README's order."""
    blocks = [block.split("```", 1)[0] for block in README.split("```sh\n")[1:]]
    return [block for block in blocks if ".venv/bin/python -m mock_server" in block and "&" in block]


@pytest.mark.slow
@pytest.mark.parametrize("block", blocks_starting_a_mock(), ids=lambda block: block.split("\n", 1)[0][:40])
def test_a_block_that_starts_a_mock_runs_pasted_as_one_waiting_for_it_and_stopping_it(
    block: str, tmp_path: Path
) -> None:
    assert "--retry-connrefused" in block, "the block does not wait for the mock to listen"
    assert block.rstrip().endswith("kill $MOCK"), "the block leaves its mock running"
    port = str(free_port())
    # As pasted in the checkout, but on a free port, with this interpreter, and in a scratch directory (the
    # config block writes mock.yaml); every curl must get a 2xx (--fail-with-body), and any failure stops the run.
    script = (
        block.replace("8001", port)
        .replace(".venv/bin/python", shlex.quote(sys.executable))
        .replace("@examples/", f"@{ROOT}/examples/")
    )
    strict = 'set -euo pipefail\ncurl() { command curl --fail-with-body -sS "$@"; }\n'
    done = subprocess.run(
        ["bash", "-c", strict + script], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def test_the_readme_runs_the_projects_commands_from_the_virtualenv() -> None:
    blocks = [block.split("```", 1)[0] for block in README.split("```sh\n")[1:]]
    indented = [line.strip() for line in README.splitlines() if line.startswith("    ")]
    commands = [line for block in blocks for line in block.splitlines()] + indented
    started = [line for line in commands if re.match(r"(\S*python\S*) -m (mock_server|contracts) --", line)]
    assert started
    assert all(line.startswith(".venv/bin/python -m ") for line in started), started


def test_the_sandbox_example_answers_as_its_comments_say() -> None:
    block = README.split("## Sharing the mock", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines = block.strip().splitlines()
    pairs = list(zip(lines[::2], lines[1::2], strict=True))
    assert len(pairs) == 6
    with serving(create_app(Settings(seed=0, clock_speed=0, admin_token="s3cret"))) as mock_url:
        for comment, command in pairs:
            arguments = shlex.split(command)[1:]
            method = arguments[arguments.index("-X") + 1] if "-X" in arguments else "GET"
            headers = dict(arguments[index + 1].split(": ", 1) for index, flag in enumerate(arguments) if flag == "-H")
            data = arguments[arguments.index("-d") + 1] if "-d" in arguments else None
            url = urlsplit(next(argument for argument in arguments if argument.startswith("http://")))
            response = httpx.request(method, f"{mock_url}{url.path}", headers=headers, content=data)
            assert str(response.status_code) == comment.rsplit(" ", 1)[1], (command, response.text)
            if url.path.endswith("/sandboxes") and method == "GET":
                assert [sandbox["name"] for sandbox in response.json()["sandboxes"]] == [
                    "default",
                    "ci-job-1",
                    "ci-job-2",
                ]
