"""`workflow-runs-review` / `python -m spec_review`: one subcommand per review tool, errors in one line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from spec_review.cli import SUBCOMMANDS, main


def test_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0

    shown = capsys.readouterr().out
    assert all(f"workflow-runs-review {name}" in shown for name in SUBCOMMANDS)


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        pytest.param([], "error: no subcommand given; choose one of: diff, lint, compare, reference, docs", id="none"),
        pytest.param(["lint-spec"], "error: unknown subcommand 'lint-spec'; choose one of: diff, lint", id="unknown"),
    ],
)
def test_a_missing_or_unknown_subcommand_is_one_line_and_exit_2(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2

    error = capsys.readouterr().err
    assert error.startswith(said)
    assert error.count("\n") == 1


def test_a_subcommand_hands_its_arguments_to_its_tool(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "cortex-v1", "cortex-v1"]) == 0

    assert capsys.readouterr().out.startswith("cortex-v1 -> cortex-v1: 0 changes")


def test_the_package_runs_as_a_module_and_its_tools_errors_are_one_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "spec_review", "lint", "no-such-spec.yaml"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 2, done.stdout
    assert done.stderr.count("\n") == 1
    assert "no-such-spec.yaml" in done.stderr
