"""The side-by-side comparison with vanilla Schemathesis: a fault of the list it sees only by meaning is caught by
this suite under its own rule, and the table says what vanilla reports on the mock without a fault."""

from __future__ import annotations

import pytest

from tests.faulty.compare import main


def test_a_small_comparison_counts_the_faults_each_tool_caught(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--dialect", "b3os", "--fault", "oldest_first", "--fault", "wrong_type", "--max-examples", "3"]) == 0

    out = capsys.readouterr().out
    assert "b3os: without a fault, this suite conforms; vanilla reports" in out
    assert "oldest_first                         this suite caught " in out
    assert "wrong_type                           this suite caught  vanilla caught" in out
    assert "2 faults (b3os; --max-examples 3): this suite caught 2 under their own rule" in out
