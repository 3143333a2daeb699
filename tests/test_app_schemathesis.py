"""Schemathesis, with every check it has, finds nothing wrong with any dialect of the mock.

Positive and negative cases are generated from each spec with the demo path parameters pinned, so the
generated requests reach real data, and every response goes through Schemathesis' own checks. Its command line,
run as a user would (`st run specs/D.yaml --url ... --checks all`, every phase, the demo token and parameters in
its config file), reports nothing but the refusals the data decides (`EXCUSED`).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import positive_data_acceptance

from mock_server import Settings, create_app
from tests.servers import serving
from workflow_runs_specs import DIALECTS, spec_path

EXAMPLES_PER_MODE = 60

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["positive", "negative"])
@pytest.mark.parametrize("dialect", DIALECTS)
def test_schemathesis_finds_no_failure(
    mock_url: str, fixtures: dict[str, Any], dialect: str, mode: GenerationMode
) -> None:
    schema = schemathesis.openapi.from_path(spec_path(dialect))
    base_url = f"{mock_url}/{dialect}"
    token = fixtures[dialect]["token"]
    results = list(schema.get_all_operations())
    assert all(isinstance(result, Ok) for result in results)
    # Every operation, writes included; the demo path parameters reach the operations that take them.
    params = fixtures[dialect]["params"] if mode is GenerationMode.POSITIVE else None
    strategy = st.one_of(
        [
            result.ok().as_strategy(
                generation_mode=mode,
                path_parameters={k: v for k, v in (params or {}).items() if k in result.ok().path} if params else None,
                headers={"Authorization": f"Bearer {token}"},
            )
            for result in results
            if isinstance(result, Ok)
        ]
    )

    @settings(
        max_examples=EXAMPLES_PER_MODE,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        case = data.draw(strategy)
        # Writes (and b3os' nodeIds) document a 400 for schema-valid input the data refuses: a taken runId, a
        # definition without a manual root, a version, step or node the run does not have, a finished run's
        # cancel (409). Their answers are still checked against the spec, status and body.
        refusable = case.operation.method.upper() != "GET" or case.operation.path == "/v1/runs/{id}"
        excluded: list[Any] = [positive_data_acceptance] if refusable else []
        case.call_and_validate(
            base_url=base_url, headers={"Authorization": f"Bearer {token}"}, excluded_checks=excluded
        )

    check()


# --- the command line ------------------------------------------------------------------------------------------
CLI_EXAMPLES = 10
"""Examples per operation and phase: enough to reach every kind of answer, few enough for a minute per dialect."""
EXCUSED = {
    "has no version": "a version number the workflow does not have (b3os' version, the platform's workflow_version_id)",
    "is not a version of this workflow": "a version id the workflow does not have (workflow_version_id)",
    "is not a step of this version": "a step key the run's version does not have (stepKey, from_step_key)",
    "nodeIds names nodes the run does not have": "a node id the run's definition does not have (b3os' nodeIds)",
    "is already taken": "a run id another run has (b3os' runId, 400079)",
    "names unknown children": "a child that names no node of the same definition: a reference inside the body, "
    "which JSON Schema cannot state (b3os' ephemeral run, 400228)",
    "nodeIds cannot be combined with summary=true": "two query parameters together, which OpenAPI 3.0 cannot state",
}
"""The refusals of schema-valid requests (ST202) that only the data can decide, by what their message says, and
why: every other finding fails the test."""


def cli_config(dialect: str, fixture: dict[str, Any]) -> str:
    """A schemathesis.toml: the demo token on every request, the demo parameters on the paths that take them.
    b3os' `id` is a workflow's on a workflow's path and a run's on a run's, so it is pinned on the former only."""
    lines = [f'headers = {{ Authorization = "Bearer {fixture["token"]}" }}', ""]
    pinned = [f'"path.{name}" = "{value}"' for name, value in fixture["params"].items()]
    if dialect == "b3os":
        lines += ["[[operations]]", 'include-path-regex = "^/v1/workflows/"', f"parameters = {{ {pinned[0]} }}"]
    else:
        lines += ["[parameters]", *pinned]
    return "\n".join(lines) + "\n"


def findings(report: Path) -> Iterator[tuple[str, list[str], str]]:
    """Each finding of a JUnit report: its operation, its check codes and the body of the answer."""
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        for failure in case.iter("failure"):
            for entry in re.split(r"^\d+\. Test Case ID", failure.text or "", flags=re.MULTILINE)[1:]:
                body = re.search(r"^    `(.*)`$", entry, flags=re.MULTILINE)
                yield (
                    case.get("name", ""),
                    re.findall(r"^- (ST\d+)", entry, flags=re.MULTILINE),
                    body[1] if body else "",
                )


@pytest.fixture(scope="module")
def fuzzed_mock() -> Iterator[tuple[str, dict[str, Any]]]:
    """A mock of its own: the fuzzer writes, and no other test should read what it made."""
    with serving(create_app(Settings(clock_speed=0))) as url:
        yield url, httpx.get(f"{url}/__mock__/fixtures").json()


@pytest.mark.parametrize("dialect", DIALECTS)
def test_schemathesis_run_as_a_user_would_reports_only_what_the_data_decides(
    fuzzed_mock: tuple[str, dict[str, Any]], dialect: str, tmp_path: Path
) -> None:
    url, fixtures = fuzzed_mock
    config = tmp_path / "schemathesis.toml"
    config.write_text(cli_config(dialect, fixtures[dialect]), encoding="utf-8")
    report = tmp_path / "junit.xml"
    command = [str(Path(sys.executable).with_name("st")), "--config-file", str(config), "run", str(spec_path(dialect))]
    command += ["--url", f"{url}/{dialect}", "--checks", "all", "--max-examples", str(CLI_EXAMPLES), "--seed", "1"]
    command += ["--report", "junit", "--report-junit-path", str(report), "--no-color"]
    ran = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path)
    assert ran.returncode in (0, 1), ran.stdout[-3000:] + ran.stderr[-3000:]
    found = list(findings(report))
    assert (ran.returncode == 0) == (not found), ran.stdout[-3000:]
    unexcused = [
        (operation, codes, body)
        for operation, codes, body in found
        if codes != ["ST202"] or not any(message in body for message in EXCUSED)
    ]
    assert not unexcused, unexcused
