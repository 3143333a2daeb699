"""`python -m contracts`: exit 0 when the server conforms, 1 when a check fails, 2 with one line when it cannot run
(or, under --strict, cannot judge); the token comes from the environment if asked and is never printed."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import tomllib
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from contracts.checks import CHECKS
from contracts.front.cli import main
from mock_server import Settings, create_app
from tests.faulty import faulty
from tests.faulty.long_list import TENANT
from tests.recording_server import RecordingB3os
from tests.servers import free_port, serving
from tests.shared_state_support import mock_process
from tests.throttling import Throttling, from_schemathesis

ROOT = Path(__file__).resolve().parent.parent
SECRET = "b3sk_live_RECOGNISABLEsecret7Q"
"""A token the mock accepts (as if given with --token) that no output may contain."""
ONE_RUN_WORKFLOW = "wf_justOneRun001"
ONE_RUN_SCENARIO = {
    "dialects": {
        "b3os": {"tenants": [{"workflows": [{"id": ONE_RUN_WORKFLOW, "runs": [{"status": "success"}]}]}]},
        "cortex-v1": {
            "tenants": [
                {"id": TENANT["cortex-v1"], "workflows": [{"id": ONE_RUN_WORKFLOW, "runs": [{"status": "FAILED"}]}]}
            ]
        },
    }
}


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The mock (seed 0) behind the faulty router: `/<dialect>` conforms, `/<fault>/<dialect>` does not.

    It also accepts `SECRET`, and serves a workflow with a single run (`ONE_RUN_WORKFLOW`).
    """
    scenario = tmp_path_factory.mktemp("scenario") / "one-run.yaml"
    scenario.write_text(yaml.safe_dump(ONE_RUN_SCENARIO), encoding="utf-8")
    settings = Settings(seed=0, clock_speed=0, tokens=(SECRET,), scenario=str(scenario))
    with serving(faulty(create_app(settings))) as url:
        yield url


def arguments(url: str, fixtures: dict[str, Any], dialect: str, *extra: str) -> list[str]:
    pins = [f"--param={name}={value}" for name, value in fixtures[dialect]["params"].items()]
    return ["--dialect", dialect, "--base-url", url, "--token", fixtures[dialect]["token"], *pins, *extra]


def run_cli(
    *argv: str, environment: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "contracts", *argv]
    # Without CONTRACTS_TOKEN from the caller's shell, unless a test sets it.
    base = {name: value for name, value in os.environ.items() if name != "CONTRACTS_TOKEN"}
    return subprocess.run(
        command, capture_output=True, text=True, timeout=180, check=False, cwd=cwd, env={**base, **(environment or {})}
    )


def pins(fixtures: dict[str, Any], dialect: str) -> list[str]:
    return [f"--param={name}={value}" for name, value in fixtures[dialect]["params"].items()]


def test_a_conforming_server_exits_0_and_the_junit_report_has_a_testcase_per_check(
    server_url: str, fixtures: dict[str, Any], tmp_path: Path
) -> None:
    report = tmp_path / "reports" / "ci" / "b3os.xml"  # directories that do not exist yet

    done = run_cli(*arguments(f"{server_url}/b3os", fixtures, "b3os", "--max-examples=5", f"--junit-xml={report}"))

    assert done.returncode == 0, done.stdout + done.stderr
    assert "schema phase: fuzzing" in done.stdout
    # Not exercised: eight rules b3os does not have, the rate limits of a run never rate limited, and its nine
    # write checks and the schema phase's writes, which a read-only run leaves unsent.
    assert "Summary: 28 passed, 0 failed, 19 not exercised" in done.stdout
    assert "conforms to the b3os contract: every applicable check passed." in done.stdout
    suite = ElementTree.parse(report).getroot().find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == [check.name for check in CHECKS]
    skipped = [case.find("skipped") for case in cases if case.find("skipped") is not None]
    assert suite.get("skipped") == str(len(skipped)) == "19"
    messages = [item.get("message", "") for item in skipped if item is not None]
    assert sorted(message.split(":")[0] for message in messages) == ["not applicable"] * 9 + ["read-only run"] * 10


def test_a_faulty_server_exits_1_naming_the_rule_with_a_curl_that_reproduces_it(
    server_url: str, fixtures: dict[str, Any], tmp_path: Path
) -> None:
    token = fixtures["invent"]["token"]
    report = tmp_path / "invent.xml"

    done = run_cli(
        *arguments(f"{server_url}/oldest_first/invent", fixtures, "invent", "--max-examples=5", f"--junit-xml={report}")
    )

    assert done.returncode == 1, done.stdout + done.stderr
    assert "FAILED         newest_first" in done.stdout
    failure = done.stdout.split("Failures\n", 1)[1]
    assert failure.startswith("1) newest_first: runs are listed newest first")
    assert "expected:  newest first by created_at, ties by id descending" in failure
    assert (
        f'reproduce: curl -sS -i -H "Authorization: Bearer $CONTRACTS_TOKEN" \'{server_url}/oldest_first/invent/'
        in (failure)
    )
    assert "export CONTRACTS_TOKEN=<your token> first (this run was given it with --token" in failure
    assert token not in done.stdout + done.stderr + report.read_text(encoding="utf-8")
    suite = ElementTree.parse(report).getroot().find("testsuite")
    assert suite is not None
    assert suite.get("failures") == "1"
    failed = [case for case in suite.findall("testcase") if case.find("failure") is not None]
    assert [case.get("name") for case in failed] == ["newest_first"]


def test_with_writes_a_fault_only_the_schema_phase_writes_show_fails_with_a_post_to_reproduce_it(
    server_url: str, fixtures: dict[str, Any], tmp_path: Path
) -> None:
    token = fixtures["cortex-v1"]["token"]
    report = tmp_path / "cortex.xml"
    url = f"{server_url}/trigger_fails_on_fuller_bodies/cortex-v1"
    extra = ("--max-examples=5", "--allow-writes", f"--junit-xml={report}")

    done = run_cli(*arguments(url, fixtures, "cortex-v1", *extra))

    assert done.returncode == 1, done.stdout + done.stderr
    failure = done.stdout.split("Failures\n", 1)[1]
    assert failure.startswith("1) not_a_server_error: no request, valid or invalid, is answered with a 5xx")
    # The status shows when it is run, and the report says it; a write is never sent again to see.
    assert 'reproduce: curl -sS -i -X POST -H "Authorization: Bearer $CONTRACTS_TOKEN"' in failure
    assert "\n              (it answered 500)\n" in failure
    assert "\nwrites: " in done.stdout  # what the run created, if anything, said at its end
    assert token not in done.stdout + done.stderr + report.read_text(encoding="utf-8")
    suite = ElementTree.parse(report).getroot().find("testsuite")
    assert suite is not None
    failed = [case.get("name") for case in suite.findall("testcase") if case.find("failure") is not None]
    assert failed == ["not_a_server_error"]


def test_no_output_of_a_failing_run_contains_the_token_and_the_curl_reads_it_from_its_variable(
    server_url: str, fixtures: dict[str, Any], tmp_path: Path
) -> None:
    report = tmp_path / "reports" / "b3os.xml"
    argv = ["--dialect", "b3os", "--base-url", f"{server_url}/wrong_type/b3os", "--token-env", "MY_B3OS_TOKEN"]

    done = run_cli(
        *argv,
        *pins(fixtures, "b3os"),
        "--max-examples=5",
        "--continue-on-failure",
        f"--junit-xml={report}",
        environment={"MY_B3OS_TOKEN": SECRET},
        cwd=tmp_path,
    )

    assert done.returncode == 1, done.stdout + done.stderr
    assert "FAILED         response_schema_conformance" in done.stdout
    written = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    assert report in written
    for output in [done.stdout.encode(), done.stderr.encode(), *written.values()]:
        assert SECRET.encode() not in output
    reproductions = [line.split("reproduce: ", 1)[1] for line in done.stdout.splitlines() if "reproduce: " in line]
    assert reproductions
    assert all('-H "Authorization: Bearer $MY_B3OS_TOKEN"' in line for line in reproductions)
    assert "The reproduce commands read the token from $MY_B3OS_TOKEN, as this run did." in done.stdout
    # Pasted into a shell that has the variable, each command sends the token: print its arguments to see.
    for line in reproductions:
        shown = subprocess.run(
            ["bash", "-c", "printf '%s\\n' " + line.removeprefix("curl ")],
            env={"MY_B3OS_TOKEN": SECRET},
            capture_output=True,
            text=True,
            check=True,
        )
        assert f"Authorization: Bearer {SECRET}" in shown.stdout.splitlines()


@pytest.mark.parametrize(
    ("where", "argv", "said", "ending"),
    [
        pytest.param(
            "b3os",
            ["--token", "b3sk_live_WRONGsecret0000"],
            "error: the token was refused: GET {url}/b3os/v1/workflows/{id}/runs answered 401 application/json {",
            "; check --token",
            id="refused-token",
        ),
        pytest.param(
            "b3os",
            ["--token-env", "B3OS_TOKEN"],
            "error: the token was refused: GET {url}/b3os/v1/workflows/{id}/runs answered 401",
            "; check $B3OS_TOKEN",
            id="refused-token-from-the-environment",
        ),
        pytest.param(
            "b3os",
            [],
            "error: no token was given: GET {url}/b3os/v1/workflows/{id}/runs answered 401",
            "; give --token-env NAME, or set CONTRACTS_TOKEN, to a token the server accepts",
            id="no-token",
        ),
        pytest.param(
            "b3os",
            ["--token", SECRET, "--param", "id=wf_doesNotExist1"],
            "error: the parameters reach nothing: GET {url}/b3os/v1/workflows/wf_doesNotExist1/runs answered 404",
            "; check --param id (a resource the token can read) and --base-url",
            id="unknown-workflow",
        ),
        pytest.param(
            "",
            ["--token", SECRET],
            "error: the parameters reach nothing: GET {url}/v1/workflows/{id}/runs answered 404",
            "; check --param id (a resource the token can read) and --base-url",
            id="base-url-without-the-dialect",
        ),
        pytest.param(
            "cortex-v1",
            ["--token", SECRET],
            "error: the parameters reach nothing: GET {url}/cortex-v1/v1/workflows/{id}/runs answered 404",
            "; check --param id (a resource the token can read) and --base-url",
            id="another-dialects-server",
        ),
        pytest.param(
            "wrong_content_type/b3os",
            ["--token", SECRET],
            "error: the answer is not a b3os list of runs (media type text/plain, not application/json)",
            "; check --dialect and --base-url",
            id="not-json",
        ),
        pytest.param(
            "wrong_envelope/b3os",
            ["--token", SECRET],
            "error: the answer is not a b3os list of runs (data.items is not a list of runs)",
            "; check --dialect and --base-url",
            id="not-the-dialects-list",
        ),
    ],
)
def test_a_run_that_could_judge_nothing_exits_2_before_any_check_saying_what_to_fix(
    server_url: str, fixtures: dict[str, Any], where: str, argv: list[str], said: str, ending: str
) -> None:
    workflow = fixtures["b3os"]["params"]["id"]
    base = f"{server_url}/{where}".rstrip("/")

    done = run_cli(
        "--dialect", "b3os", "--base-url", base, *([] if "--param" in argv else ["--param", f"id={workflow}"]), *argv,
        environment={"B3OS_TOKEN": "b3sk_live_WRONGsecret0000"},
    )  # fmt: skip

    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith(said.replace("{url}", server_url).replace("{id}", workflow)), done.stderr
    assert done.stderr.endswith(ending + "\n"), done.stderr
    assert done.stderr.count("\n") == 1
    assert "b3sk_live_WRONGsecret0000" not in done.stdout + done.stderr
    assert SECRET not in done.stdout + done.stderr
    assert "passed" not in done.stdout


def test_the_wrong_dialect_on_a_server_that_answers_alike_does_not_conform(
    server_url: str, fixtures: dict[str, Any]
) -> None:
    # cortex-v1 and cortex-v2 share paths and a body shape; v2's runs still break v1's contract.
    done = run_cli(
        "--dialect", "cortex-v1", "--base-url", f"{server_url}/cortex-v2", *pins(fixtures, "cortex-v2"),
        "--max-examples=5", environment={"CONTRACTS_TOKEN": SECRET},
    )  # fmt: skip

    assert done.returncode == 1, done.stdout + done.stderr
    assert "does NOT conform to the cortex-v1 contract" in done.stdout


@pytest.mark.parametrize("dialect", ["b3os", "cortex-v1"])
def test_checks_without_data_are_reported_and_strict_makes_them_exit_2(server_url: str, dialect: str) -> None:
    params = {"b3os": [f"--param=id={ONE_RUN_WORKFLOW}"]}.get(
        dialect, [f"--param=app_id={TENANT['cortex-v1']}", f"--param=workflow_id={ONE_RUN_WORKFLOW}"]
    )
    argv = ["--dialect", dialect, "--base-url", f"{server_url}/{dialect}", *params, "--max-examples=5"]

    lenient = run_cli(*argv, environment={"CONTRACTS_TOKEN": SECRET})
    strict = run_cli(*argv, "--strict", environment={"CONTRACTS_TOKEN": SECRET})

    assert lenient.returncode == 0, lenient.stdout + lenient.stderr
    assert "not exercised  page_size_respected" in lenient.stdout
    assert "only 1 run: a workflow with 2 runs or more would fill a page" in lenient.stdout
    assert "--strict makes that exit 2" in lenient.stdout
    assert strict.returncode == 2, strict.stdout + strict.stderr
    assert strict.stderr.startswith("error: could not judge: ")
    assert "page_size_respected (only 1 run: a workflow with 2 runs or more would fill a page)" in strict.stderr
    assert strict.stderr.count("\n") == 1
    assert "could not be judged under --strict" in strict.stdout
    assert SECRET not in lenient.stdout + lenient.stderr + strict.stdout + strict.stderr


def test_a_server_that_is_not_there_exits_2_with_one_line() -> None:
    url = f"http://127.0.0.1:{free_port()}"

    done = run_cli("--dialect", "b3os", "--base-url", url, "--token", "b3sk_x", "--param", "id=wf_1")

    assert done.returncode == 2
    assert done.stderr.startswith(f"error: no answer from {url}/v1/workflows/wf_1/runs")
    assert done.stderr.endswith("; check --base-url\n")
    assert done.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        pytest.param(["--dialect", "b3o", "--base-url", "http://x"], "unknown dialect 'b3o'", id="unknown-dialect"),
        pytest.param(["--dialect", "b3os"], "the following arguments are required: --base-url", id="missing-base-url"),
        pytest.param(["--dialect", "b3os", "--base-url", "ftp://x"], "--base-url must be an http", id="not-http"),
        pytest.param(
            ["--dialect", "b3os", "--base-url", "http://x", "--max-examples", "many"],
            "argument --max-examples: invalid int value: 'many'",
            id="max-examples-not-a-number",
        ),
        pytest.param(
            ["--dialect", "b3os", "--base-url", "http://x", "--max-examples", "0"],
            "--max-examples must be at least 1",
            id="max-examples-zero",
        ),
        pytest.param(
            ["--dialect", "b3os", "--base-url", "http://x", "--param", "id"],
            "--param must be NAME=VALUE",
            id="bad-param",
        ),
        pytest.param(
            ["--dialect", "b3os", "--base-url", "http://x", "--param", "workflow_id=wf_1"],
            "unknown --param workflow_id; the b3os path parameters are: id",
            id="unknown-param",
        ),
        pytest.param(
            ["--dialect", "b3os", "--base-url", "http://x", "--spec", "/nowhere/b3os.yaml"],
            "cannot read the spec /nowhere/b3os.yaml",
            id="missing-spec",
        ),
        pytest.param(
            ["--dialect", "b3os", "--base-url", "http://x", "--token", "t", "--token-env", "T"],
            "give --token or --token-env, not both",
            id="token-twice",
        ),
        pytest.param(
            ["--dialect", "b3os", "--base-url", "http://x", "--token-env", "NOT_SET_ANYWHERE_4711"],
            "--token-env NOT_SET_ANYWHERE_4711: the environment variable NOT_SET_ANYWHERE_4711 is not set or is empty",
            id="token-env-unset",
        ),
        pytest.param(
            ["--dialect", "b3os", "--base-url", "http://x", "--token-env", "A B"],
            "--token-env must name an environment variable, not 'A B'",
            id="token-env-not-a-name",
        ),
        pytest.param(["--dialect", "b3os", "--base-url", "http://x", "--token", ""], "--token is empty", id="empty"),
    ],
)
def test_what_cannot_be_run_exits_2_with_one_line_saying_why(
    argv: list[str], reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(argv)

    error = capsys.readouterr().err
    assert status == 2
    assert error.startswith("error: ")
    assert reason in error
    assert error.count("\n") == 1


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        pytest.param("openapi: [unclosed", "is not YAML or JSON", id="not-yaml"),
        pytest.param("openapi: 3.0.3\ninfo: {}\npaths: {}\n", "is not valid OpenAPI", id="not-openapi"),
        pytest.param(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
            "must describe exactly one GET operation",
            id="no-operation",
        ),
    ],
)
def test_an_unusable_spec_exits_2_with_one_line(
    tmp_path: Path, document: str, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(document, encoding="utf-8")

    status = main(["--dialect", "b3os", "--base-url", "http://x", "--spec", str(spec)])

    error = capsys.readouterr().err
    assert status == 2
    assert reason in error
    assert error.count("\n") == 1


def test_a_spec_of_another_dialect_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["--dialect", "b3os", "--base-url", "http://x", "--spec", str(ROOT / "specs" / "invent.yaml")])

    assert status == 2
    assert "is not a b3os spec: its path has no id parameter" in capsys.readouterr().err


def test_version_prints_the_package_version_without_needing_the_other_options() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    done = run_cli("--version")

    assert (done.returncode, done.stdout, done.stderr) == (0, f"python -m contracts {version}\n", "")


def test_an_unknown_dialect_exits_2_in_a_real_process_without_a_traceback() -> None:
    done = run_cli("--dialect", "nope", "--base-url", "http://127.0.0.1:9")

    assert done.returncode == 2
    assert done.stderr == "error: unknown dialect 'nope'; choose one of: aitasker, b3os, cortex-v1, cortex-v2, invent\n"


@pytest.mark.parametrize(
    ("subcommand", "status", "printed"),
    [
        pytest.param(["lint-specs"], 0, "5 specs checked, no findings", id="lint-the-five-specs"),
        pytest.param(
            ["diff", str(ROOT / "specs/cortex-v1.yaml"), str(ROOT / "specs/cortex-v2.yaml")],
            1,
            "enum value WEBHOOK added -- breaks clients",
            id="diff-reports-a-breaking-change",
        ),
        pytest.param(["docs", "--check"], 0, "docs is current", id="docs-are-current"),
    ],
)
def test_the_spec_subcommands_are_reached_through_the_same_command(
    subcommand: list[str], status: int, printed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(subcommand) == status
    assert printed in capsys.readouterr().out


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        pytest.param(
            ["--max-writes", "5"],
            "--max-writes limits the runs --allow-writes creates: give --allow-writes too",
            id="max-writes-without-writes",
        ),
        pytest.param(["--junit-xml", "{tmp}/a-file/b3os.xml"], "a-file is not a directory", id="junit-under-a-file"),
        pytest.param(["--junit-xml", "{tmp}"], "is a directory", id="junit-a-directory"),
        pytest.param(["--max-wait", "-1"], "--max-wait must be a number of seconds, 0 or more", id="max-wait-negative"),
        pytest.param(
            ["--require-coverage", "operations"],
            "--require-coverage is a requirement of --strict: give --strict too",
            id="require-coverage-without-strict",
        ),
        pytest.param(
            ["--strict", "--require-coverage", "operations,everything"],
            "--require-coverage takes operations, statuses, links, not 'everything'",
            id="require-coverage-unknown",
        ),
        pytest.param(["--json-report", "{tmp}"], "--json-report", id="json-report-a-directory"),
        pytest.param(["--markdown", "{tmp}/a-file/page.md"], "a-file is not a directory", id="markdown-under-a-file"),
        pytest.param(["--sandbox", "two words"], "--sandbox must be 1 to 64 letters", id="sandbox-not-a-name"),
    ],
)
def test_an_option_that_cannot_be_honoured_exits_2_with_one_line_before_any_request(
    tmp_path: Path, extra: list[str], reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    server = RecordingB3os()
    with serving(server) as url:
        given = [argument.format(tmp=tmp_path) for argument in extra]
        status = main(["--dialect", "b3os", "--base-url", url, "--token", "b3sk_t", "--param", "id=wf_1", *given])

    error = capsys.readouterr().err
    assert status == 2
    assert error.startswith("error: ")
    assert reason in error
    assert error.count("\n") == 1
    assert server.methods == []


def test_a_rate_limited_request_is_waited_for_aloud_and_a_longer_retry_after_is_a_finding(
    fixtures: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    throttled = Throttling(create_app(Settings(dialects=("b3os",), seed=0, clock_speed=0)), "90", times=1)
    with serving(throttled) as url:
        status = main(arguments(url, fixtures, "b3os", "--max-examples=5", "--max-wait=0"))

    out = capsys.readouterr().out
    assert status == 1
    assert throttled.throttled == 1
    assert "rate limited (429, Retry-After: 90, capped by --max-wait 0 s): waiting 0 s before sending GET " in out
    assert "FAILED         retry_after_within_max_wait" in out
    assert "expected:  a Retry-After of at most 0 s (--max-wait)" in out
    assert "got:       429 with Retry-After: 90 (90 s); waited 0 s and sent it again" in out


def lines_of(process: subprocess.Popen[str]) -> queue.Queue[str]:
    """The lines `process` prints, read as they come by a thread of their own."""
    lines: queue.Queue[str] = queue.Queue()
    stdout = process.stdout
    assert stdout is not None

    def read() -> None:
        for line in stdout:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    return lines


def printed(lines: queue.Queue[str], text: str, *, within: float = 120.0) -> bool:
    """Whether a line with `text` comes (a generous bound: how long the machine takes is not the test's point)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with contextlib.suppress(queue.Empty):
            if text in lines.get(timeout=1):
                return True
    return False


def stops(process: subprocess.Popen[str], *, within: float = 30.0) -> bool:
    deadline = time.monotonic() + within
    while process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    return process.poll() is not None


@pytest.mark.parametrize(
    "picked",
    [
        pytest.param(lambda scope: True, id="the-suites-own-request"),
        pytest.param(from_schemathesis, id="a-schema-phase-request"),
    ],
)
def test_ctrl_c_while_waiting_out_a_rate_limit_stops_at_once_and_still_writes_the_junit_report(
    fixtures: dict[str, Any], tmp_path: Path, picked: Any
) -> None:
    report = tmp_path / "report.xml"
    throttled = Throttling(create_app(Settings(dialects=("b3os",), seed=0, clock_speed=0)), "3600", picked)
    environment = {name: value for name, value in os.environ.items() if name != "CONTRACTS_TOKEN"}
    with serving(throttled) as url:
        argv = arguments(url, fixtures, "b3os", "--max-examples=5", "--max-wait=3600", f"--junit-xml={report}")
        command = [sys.executable, "-m", "contracts", *argv]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
        try:
            assert printed(lines_of(process), "rate limited (429, Retry-After: 3600): waiting 3600 s before sending")
            process.send_signal(signal.SIGINT)
            assert stops(process)
        finally:
            if process.poll() is None:
                process.kill()
            stderr = process.communicate()[1]

    assert process.returncode == 2
    assert stderr == "error: could not judge: the run was interrupted before every check had run\n"
    suite = ElementTree.parse(report).getroot().find("testsuite")
    assert suite is not None
    assert len(suite.findall("testcase")) == len(CHECKS)
    skipped = [case.find("skipped") for case in suite.findall("testcase")]
    assert any(reason is not None and reason.get("message") == "not run: the run was interrupted" for reason in skipped)


def test_a_run_leaves_no_hypothesis_folder_in_the_working_directory(
    server_url: str, fixtures: dict[str, Any], tmp_path: Path
) -> None:
    done = run_cli(*arguments(f"{server_url}/b3os", fixtures, "b3os", "--max-examples=5"), cwd=tmp_path)

    assert done.returncode == 0, done.stdout + done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_run_reports_its_coverage_in_every_output_and_never_the_token(
    server_url: str, fixtures: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    token = fixtures["b3os"]["token"]
    files = {kind: tmp_path / "reports" / f"b3os.{kind}" for kind in ("json", "xml", "md")}
    extra = [f"--json-report={files['json']}", f"--junit-xml={files['xml']}", f"--markdown={files['md']}"]
    coverage = ["--strict", "--require-coverage=operations,links"]

    status = main(arguments(f"{server_url}/b3os", fixtures, "b3os", "--max-examples=5", *coverage, *extra))

    printed = capsys.readouterr()
    assert status == 0, printed.out + printed.err
    assert "Coverage: 2 of 2 operations exercised" in printed.out
    assert "(read-only: only safe operations count)" in printed.out
    assert "runWorkflow (POST /v1/workflows/{id}/run): not exercised: read-only" in printed.out
    operations = {
        entry["operation_id"]: entry for entry in json.loads(files["json"].read_text())["coverage"]["operations"]
    }
    assert operations["listWorkflowRuns"]["exercised"]
    assert operations["getRun"]["exercised"]
    assert "newest_first" in operations["listWorkflowRuns"]["checks"]
    assert "unknown_run_gets_404" in operations["getRun"]["checks"]
    assert operations["runWorkflow"]["requests"] == 0
    assert not operations["runWorkflow"]["counted"]
    suite = ElementTree.parse(files["xml"]).getroot().find("testsuite")
    assert suite is not None
    properties = {item.get("name"): item.get("value") for item in suite.iter("property")}
    assert properties["coverage.operations"] == "2/2"
    assert "#### Coverage" in files["md"].read_text()
    for text in (printed.out, printed.err, *(path.read_text() for path in files.values())):
        assert token not in text


def test_a_documented_status_never_seen_makes_require_coverage_statuses_exit_2_on_the_step_summary_too(
    server_url: str,
    fixtures: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    summary = tmp_path / "step-summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    report = tmp_path / "b3os.json"
    extra = ["--strict", "--require-coverage=statuses", f"--json-report={report}"]

    status = main(arguments(f"{server_url}/b3os", fixtures, "b3os", "--max-examples=5", *extra))

    error = capsys.readouterr().err
    assert status == 2
    assert error.count("\n") == 1
    assert "coverage below --require-coverage: status 403 of listWorkflowRuns never seen" in error
    document = json.loads(report.read_text())
    assert document["verdict"]["exit_status"] == 2
    listing = document["coverage"]["operations"][0]
    assert (listing["operation_id"], listing["statuses"]["429"], listing["statuses"]["200"] > 0) == (
        "listWorkflowRuns",
        0,
        True,
    )
    page = summary.read_text()
    assert page.startswith("earlier step\n")  # appended, as a job's summary collects every step's
    assert "could not be judged under --strict: --require-coverage found" in page


def test_with_writes_every_write_operation_is_exercised_and_counted(
    server_url: str, fixtures: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "b3os.json"
    extra = ["--allow-writes", "--strict", "--require-coverage=operations", f"--json-report={report}"]

    status = main(arguments(f"{server_url}/b3os", fixtures, "b3os", "--max-examples=5", *extra))

    printed = capsys.readouterr()
    assert status == 0, printed.out + printed.err
    coverage = json.loads(report.read_text())["coverage"]
    assert coverage["read_only"] is False
    assert coverage["totals"]["operations"] == {"exercised": 6, "counted": 6}
    operations = {entry["operation_id"]: entry for entry in coverage["operations"]}
    assert operations["cancelRun"]["statuses"]["200"] > 0
    assert "cancelled_run_reads_cancelled" in operations["cancelRun"]["checks"]


def test_two_runs_with_writes_in_two_sandboxes_of_one_mock_at_once_both_conform_and_see_only_their_own_runs(
    tmp_path: Path,
) -> None:
    admin = {"Authorization": "Bearer admin-token"}
    settings = Settings(dialects=("b3os",), seed=0, clock_speed=0, admin_token="admin-token")
    with serving(create_app(settings)) as url, httpx.Client(base_url=url) as mock:
        fresh = {"job-a": 0, "job-b": 1}  # another seed in job-b, so the runs each one makes have ids of their own
        fixtures = {
            sandbox: mock.post("/__mock__/reset", json={"seed": seed}, headers={**admin, SANDBOX: sandbox}).json()
            for sandbox, seed in fresh.items()
        }
        before = {sandbox: sandbox_run_ids(mock, fixtures[sandbox]["fixtures"], sandbox) for sandbox in fresh}
        default_before = sandbox_run_ids(mock, fixtures["job-a"]["fixtures"], None)
        runs = runs_with_writes_at_once(url, {sandbox: fixtures[sandbox]["fixtures"] for sandbox in fresh})

        after = {sandbox: sandbox_run_ids(mock, fixtures[sandbox]["fixtures"], sandbox) for sandbox in fresh}
        made = {sandbox: set(after[sandbox]) - set(before[sandbox]) for sandbox in fresh}
        logged = {
            sandbox: mock.get("/__mock__/requests", headers={**admin, SANDBOX: sandbox}).json()["requests"]
            for sandbox in (*fresh, "default")
        }
        assert sandbox_run_ids(mock, fixtures["job-a"]["fixtures"], None) == default_before

    for run in runs.values():
        assert run.returncode == 0, run.stdout + run.stderr
    assert made["job-a"]
    assert made["job-b"]
    assert not made["job-a"] & set(after["job-b"])
    assert not made["job-b"] & set(after["job-a"])
    # Every request of each run, the schema phase's included, named its sandbox; none reached the default one.
    for sandbox in fresh:
        assert len(logged[sandbox]) > 100
        assert {entry["headers"].get("x-mock-sandbox") for entry in logged[sandbox]} == {sandbox}
    assert [entry["headers"].get("x-mock-sandbox") for entry in logged["default"]] == [None]  # the listing above


SANDBOX = "X-Mock-Sandbox"


@pytest.mark.slow
def test_two_runs_with_writes_in_two_sandboxes_of_two_workers_sharing_state_on_redis_both_conform(state: str) -> None:
    with (
        mock_process("--dialect", "b3os", "--workers", "2", "--state", state, "--quiet") as url,
        httpx.Client(base_url=url) as mock,
    ):
        sandboxes = ("job-a", "job-b")
        fixtures = {sandbox: mock.get("/__mock__/fixtures", headers={SANDBOX: sandbox}).json() for sandbox in sandboxes}
        before = {sandbox: sandbox_run_ids(mock, fixtures[sandbox], sandbox) for sandbox in sandboxes}

        runs = runs_with_writes_at_once(url, fixtures)

        after = {sandbox: sandbox_run_ids(mock, fixtures[sandbox], sandbox) for sandbox in sandboxes}
        default = sandbox_run_ids(mock, fixtures["job-a"], None)

    for sandbox, run in runs.items():
        assert run.returncode == 0, run.stdout + run.stderr
        assert len(after[sandbox]) > len(before[sandbox])  # its writes were accepted, by both workers alike
    assert default == before["job-a"]  # the sandboxes' writes never reached the default one


def runs_with_writes_at_once(
    url: str, fixtures: dict[str, dict[str, Any]]
) -> dict[str, subprocess.CompletedProcess[str]]:
    """The contract suite run with `--allow-writes` on b3os at `url`, in each sandbox of `fixtures` at once."""
    environment = {name: value for name, value in os.environ.items() if name != "CONTRACTS_TOKEN"}
    runs = {
        sandbox: subprocess.Popen(
            [
                sys.executable,
                "-m",
                "contracts",
                *arguments(url, fixtures[sandbox], "b3os", "--max-examples=5", "--allow-writes"),
                "--sandbox",
                sandbox,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=environment,
        )
        for sandbox in fixtures
    }
    done = {sandbox: run.communicate(timeout=300) for sandbox, run in runs.items()}
    return {
        sandbox: subprocess.CompletedProcess(run.args, run.returncode, *done[sandbox]) for sandbox, run in runs.items()
    }


def sandbox_run_ids(mock: httpx.Client, fixtures: dict[str, Any], sandbox: str | None) -> list[str]:
    """The run ids of the demo workflow (the one the runs pin) as `sandbox` lists them."""
    fixture = fixtures["b3os"]
    headers = {"Authorization": f"Bearer {fixture['token']}", **({SANDBOX: sandbox} if sandbox else {})}
    answer = mock.get(f"/v1/workflows/{fixture['params']['id']}/runs", params={"limit": 100}, headers=headers)
    assert answer.status_code == 200, answer.text
    return [run["id"] for run in answer.json()["data"]["items"]]
