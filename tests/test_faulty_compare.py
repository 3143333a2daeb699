"""The side-by-side comparison with vanilla Schemathesis: a fault of the list it sees only by meaning is caught by
this suite under its own rule, and the table says what vanilla reports on the mock without a fault."""

from __future__ import annotations

import pytest

from tests.faulty.compare import main


@pytest.mark.slow
def test_a_small_comparison_counts_the_faults_each_tool_caught(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--dialect", "b3os", "--fault", "oldest_first", "--fault", "wrong_type", "--max-examples", "3"]) == 0

    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines() if line.strip()}
    assert lines["b3os:"].startswith("b3os: without a fault, this suite conforms; vanilla reports")
    assert lines["oldest_first"].split()[1:4] == ["this", "suite", "caught"]
    assert lines["wrong_type"].split()[1:4] == ["this", "suite", "caught"]
    assert lines["wrong_type"].endswith("vanilla caught")
    assert lines["2"].startswith("2 faults (b3os; --max-examples 3): this suite caught 2 (")
