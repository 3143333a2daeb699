"""`python -m contracts proxy`: the command a team runs in front of staging, its lines, reports and exit status,
and the token nowhere in what it writes."""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from contracts.proxy.cli import checked, main, parser
from tests.servers import free_port


def start(arguments: list[str], environment: dict[str, str] | None = None) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    command = [sys.executable, "-m", "contracts", "proxy", *arguments, "--port", str(port)]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **(environment or {})}
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:  # a connection, not a request: a request would be judged too
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, url
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"the proxy did not start: {process.communicate()}")


def test_a_violation_is_one_line_with_a_curl_reading_the_token_from_its_variable_and_exits_1(
    mock_url: str, fixtures: dict[str, Any], tmp_path: Path
) -> None:
    fixture = fixtures["b3os"]
    token = fixture["token"]
    log, junit, page = tmp_path / "violations.jsonl", tmp_path / "reports" / "proxy.xml", tmp_path / "summary.md"
    arguments = ["--dialect", "b3os", "--upstream", f"{mock_url}/b3os", "--duration", "3", "--token-env", "B3OS_TOKEN"]
    process, url = start([*arguments, "--log", str(log), "--junit-xml", str(junit)], {"GITHUB_STEP_SUMMARY": str(page)})
    # A page size past the spec's maximum: the client's violation.
    httpx.get(
        f"{url}/v1/workflows/{fixture['params']['id']}/runs?limit=500", headers={"Authorization": f"Bearer {token}"}
    )
    out, err = process.communicate(timeout=30)

    assert process.returncode == 1, err
    lines = [line for line in out.splitlines() if line.startswith("VIOLATION")]
    assert len(lines) == 1
    assert lines[0].startswith("VIOLATION request_as_documented [listWorkflowRuns] GET /v1/workflows/")
    assert '-H "Authorization: Bearer $B3OS_TOKEN"' in lines[0]
    assert "Verdict: 1 violation of 1 rule of the b3os contract." in out
    assert '"rule": "request_as_documented"' in log.read_text()
    assert '<testcase classname="contracts.proxy.b3os" name="request_as_documented">' in junit.read_text()
    assert "| `request_as_documented` | 1 |" in page.read_text()
    for text in (out, err, log.read_text(), junit.read_text(), page.read_text()):
        assert token not in text


def test_a_proxy_that_judged_nothing_exits_2(mock_url: str) -> None:
    process, _ = start(["--dialect", "invent", "--upstream", f"{mock_url}/invent", "--duration", "1"])
    out, _ = process.communicate(timeout=30)

    assert process.returncode == 2
    assert "Verdict: no exchange could be judged against the invent contract." in out


def test_traffic_that_breaks_nothing_exits_0(mock_url: str, fixtures: dict[str, Any]) -> None:
    fixture = fixtures["invent"]
    process, url = start(["--dialect", "invent", "--upstream", f"{mock_url}/invent", "--duration", "2"])
    httpx.get(
        f"{url}/orgs/{fixture['params']['org_id']}/workflows/runs",
        headers={"Authorization": f"Bearer {fixture['token']}"},
    )
    out, _ = process.communicate(timeout=30)

    assert process.returncode == 0, out
    assert "Verdict: no violation of the invent contract in 1 exchange judged." in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--dialect", "b3os", "--upstream", "ftp://x"], "error: --upstream must be an http:// or https:// URL"),
        (["--dialect", "nope", "--upstream", "http://x"], "error: argument --dialect: invalid choice"),
        (["--dialect", "b3os", "--upstream", "http://x", "--max-body", "0"], "error: --max-body must be at least 1"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(arguments) == 2
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert err.count("\n") == 1


def test_a_port_in_use_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        assert main(["--dialect", "b3os", "--upstream", "http://127.0.0.1:1", "--port", str(port)]) == 2
    assert "cannot listen on 127.0.0.1" in capsys.readouterr().err


def test_the_readmes_command_in_front_of_staging_is_one_the_proxy_takes() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Judging real traffic", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    command = shlex.split(block.replace("\\\n", " ").splitlines()[1], comments=True)

    assert command[:2] == ["workflow-runs-contracts", "proxy"]
    arguments = parser().parse_args(command[2:])
    checked(arguments)
    assert (arguments.dialect, arguments.port, arguments.token_env) == ("b3os", 8080, "B3OS_TOKEN")


def test_on_stop_the_coverage_of_the_traffic_is_printed_and_written_without_the_token(
    mock_url: str, fixtures: dict[str, Any], tmp_path: Path
) -> None:
    fixture = fixtures["b3os"]
    token = fixture["token"]
    junit, page = tmp_path / "proxy.xml", tmp_path / "summary.md"
    arguments = ["--dialect", "b3os", "--upstream", f"{mock_url}/b3os", "--duration", "3", "--junit-xml", str(junit)]
    process, url = start(arguments, {"GITHUB_STEP_SUMMARY": str(page)})
    listing = f"{url}/v1/workflows/{fixture['params']['id']}/runs"
    httpx.get(listing, headers={"Authorization": f"Bearer {token}"})
    httpx.get(listing, headers={"Authorization": "Bearer b3sk_notTheToken"})
    httpx.get(f"{url}/v1/runs/run_doesNotExist0", headers={"Authorization": f"Bearer {token}"})
    out, err = process.communicate(timeout=30)

    assert process.returncode == 0, out + err
    assert "Coverage: 2 of 6 operations exercised" in out
    assert "  listWorkflowRuns (GET /v1/workflows/{id}/runs): exercised (2 requests)" in out
    assert "statuses seen: 200 x1, 401 x1; never seen: 400, 403, 404, 429" in out
    assert "statuses seen: 404 x1; never seen: 200, 400, 401, 403, 429" in out
    assert "  runWorkflow (POST /v1/workflows/{id}/run): not exercised" in out
    assert "judged by: the proxy's rules" in out
    assert "links:" not in out  # traffic does not show which link a client followed
    assert '<property name="coverage.operations" value="2/6" />' in junit.read_text()
    assert "| `getRun` | `GET /v1/runs/{id}` | exercised (1) | 404 x1 |" in page.read_text()
    for text in (out, err, junit.read_text(), page.read_text()):
        assert token not in text
