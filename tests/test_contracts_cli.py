"""`python -m contracts`: exit 0 when the server conforms, 1 when a check fails, 2 with one line when it cannot run."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from contracts.checks import CHECKS
from contracts.cli import main
from mock_server import Settings, create_app
from tests.faulty import faulty
from tests.servers import free_port, serving

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    """The mock (seed 0) behind the faulty router: `/<dialect>` conforms, `/<fault>/<dialect>` does not."""
    with serving(faulty(create_app(Settings(seed=0, clock_speed=0)))) as url:
        yield url


def arguments(url: str, fixtures: dict[str, Any], dialect: str, *extra: str) -> list[str]:
    pins = [f"--param={name}={value}" for name, value in fixtures[dialect]["params"].items()]
    return ["--dialect", dialect, "--base-url", url, "--token", fixtures[dialect]["token"], *pins, *extra]


def run_cli(*argv: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "contracts", *argv]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, cwd=ROOT)


def test_a_conforming_server_exits_0_and_the_junit_report_has_a_testcase_per_check(
    server_url: str, fixtures: dict[str, Any], tmp_path: Path
) -> None:
    report = tmp_path / "b3os.xml"

    done = run_cli(*arguments(f"{server_url}/b3os", fixtures, "b3os", "--max-examples=5", f"--junit-xml={report}"))

    assert done.returncode == 0, done.stdout + done.stderr
    assert "schema phase: fuzzing" in done.stdout
    assert "Summary: 25 passed, 0 failed, 4 not exercised" in done.stdout
    assert "conforms to the b3os contract: every applicable check passed." in done.stdout
    suite = ElementTree.parse(report).getroot().find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == [check.name for check in CHECKS]
    skipped = [case.find("skipped") for case in cases if case.find("skipped") is not None]
    assert suite.get("skipped") == str(len(skipped)) == "4"
    assert all(item is not None and item.get("message", "").startswith("not applicable") for item in skipped)


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
    assert f"reproduce: curl -sS -i -H 'Authorization: Bearer {token}' '{server_url}/oldest_first/invent/" in failure
    suite = ElementTree.parse(report).getroot().find("testsuite")
    assert suite is not None
    assert suite.get("failures") == "1"
    failed = [case for case in suite.findall("testcase") if case.find("failure") is not None]
    assert [case.get("name") for case in failed] == ["newest_first"]


def test_a_server_that_is_not_there_exits_2_with_one_line() -> None:
    url = f"http://127.0.0.1:{free_port()}"

    done = run_cli("--dialect", "b3os", "--base-url", url, "--token", "b3sk_x", "--param", "id=wf_1")

    assert done.returncode == 2
    assert done.stderr.startswith(f"error: no answer from {url}/v1/workflows/wf_1/runs")
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
            ["--dialect", "b3os", "--base-url", "http://x", "--junit-xml", "/nowhere/report.xml"],
            "--junit-xml /nowhere/report.xml: the directory /nowhere does not exist",
            id="junit-nowhere",
        ),
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


def test_an_unknown_dialect_exits_2_in_a_real_process_without_a_traceback() -> None:
    done = run_cli("--dialect", "nope", "--base-url", "http://127.0.0.1:9")

    assert done.returncode == 2
    assert done.stderr == "error: unknown dialect 'nope'; choose one of: aitasker, b3os, cortex-v1, cortex-v2, invent\n"


@pytest.mark.parametrize(
    ("subcommand", "status", "printed"),
    [
        pytest.param(["lint-specs"], 0, "", id="lint-the-five-specs"),
        pytest.param(
            ["diff", str(ROOT / "specs/cortex-v1.yaml"), str(ROOT / "specs/cortex-v2.yaml")],
            1,
            "enum value WEBHOOK added -- breaks clients",
            id="diff-reports-a-breaking-change",
        ),
        pytest.param(["docs", "--check"], 0, "", id="docs-are-current"),
    ],
)
def test_the_spec_subcommands_are_reached_through_the_same_command(
    subcommand: list[str], status: int, printed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(subcommand) == status
    assert printed in capsys.readouterr().out
