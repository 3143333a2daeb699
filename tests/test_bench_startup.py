"""The startup benchmark starts the mock from the checkout and reports how long until every dialect answered."""

from __future__ import annotations

import re

import pytest

from bench.startup import main


@pytest.mark.slow
def test_the_report_names_the_command_gives_the_warm_startup_in_seconds_and_the_load_of_the_machine(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--runs", "1", "--warm-only"]) == 0
    heading, warm, load = capsys.readouterr().out.splitlines()
    assert "python -m mock_server --dialect all --port PORT" in heading
    assert re.fullmatch(r"warm: \d+\.\d\d s, median of 1 \(\d+\.\d\d\); \d+\.\d\d s of CPU", warm)
    assert re.fullmatch(r"load average \(1 minute, \d+ CPUs\): \d+\.\d before the starts, \d+\.\d after", load)


def test_fewer_than_one_run_is_refused() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--runs", "0"])
    assert exit_info.value.code == 2
