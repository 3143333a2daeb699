"""What the reviewer commands share: one-line argument errors, and specs named by file or by dialect."""

from __future__ import annotations

from pathlib import Path

import pytest

from spec_review.command_line import OneLineParser, spec_argument
from spec_review.errors import UsageError
from workflow_runs_specs import spec_path


def test_an_argument_error_is_a_usage_error_of_one_line() -> None:
    parser = OneLineParser(prog="tool")
    parser.add_argument("--count", type=int)
    with pytest.raises(UsageError, match=r"^argument --count: invalid int value: 'x' \(see --help\)$"):
        parser.parse_args(["--count", "x"])


def test_a_dialect_name_stands_for_its_spec() -> None:
    assert spec_argument("cortex-v2") == spec_path("cortex-v2")


def test_a_file_of_the_dialect_s_name_wins_over_the_dialect(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b3os").write_text("openapi: 3.0.3\n", encoding="utf-8")
    assert spec_argument("b3os") == Path("b3os")


def test_any_other_argument_is_a_path() -> None:
    assert spec_argument("specs/new.yaml") == Path("specs/new.yaml")
