"""What make bench writes into README.md: a table of the figures between the markers, nothing else touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import readme, wrk
from bench.report import BARE, MOCK, PRISM, VALIDATING, Row, Startup


def result(rate: float) -> wrk.WrkResult:
    return wrk.WrkResult(rate, 1.0, 2.0, int(rate), 0, {}, "wrk ...")


def test_the_table_gives_each_figure_and_the_ratios_of_one_run() -> None:
    rates = {MOCK: 3000.0, VALIDATING: 2000.0, BARE: 6000.0, PRISM: 500.0}
    rows = [
        Row("b3os", "list", "never-seen", server, result(rate), "cmd", "6000 distinct")
        for server, rate in rates.items()
    ]
    startup = Startup([0.5], [2.5], "mock", "prism")
    text = readme.table(rows, startup, wrk.Load(), 0.1, "make bench")
    assert "| b3os | list | never-seen (6000) | 3,000 | 2,000 | 6,000 | 500 | 0.50 | 6.00 | 4.00 |" in text
    assert "5.0x sooner" in text


def test_the_startup_line_gives_the_first_start_and_the_floor_beside_prism() -> None:
    startup = Startup(
        [0.4, 0.3, 0.5], [1.2, 1.2, 1.2], "mock", "prism", fresh=0.6, floor=[0.2, 0.25, 0.15], connexion_floor=[0.35]
    )
    text = readme.table([], startup, wrk.Load(), 0.1, "make bench")
    assert "`--dialect all` 0.40 s (0.60 s on the first start after a clone" in text
    assert "one bare Starlette route 0.20 s, one route through Connexion 0.35 s" in text
    assert "Prism mocking one spec 1.20 s: 3.0x sooner (the bare route 6.0x, the Connexion route 3.4x)" in text


def test_writing_replaces_only_what_stands_between_the_markers(tmp_path: Path) -> None:
    file = tmp_path / "README.md"
    file.write_text(f"before\n{readme.BEGIN}\nold\n{readme.END}\nafter\n")
    readme.write(file, "new")
    assert file.read_text() == f"before\n{readme.BEGIN}\nnew\n{readme.END}\nafter\n"


def test_a_readme_without_markers_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "README.md"
    file.write_text("no markers\n")
    with pytest.raises(ValueError, match="bench:begin"):
        readme.write(file, "new")
