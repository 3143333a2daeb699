"""The spec-lint driver's reading of Redocly's output: one JSON report per file, back to back."""

from __future__ import annotations

import json

import pytest

from tools.lint_specs import redocly_reports, spec_files


def test_reports_printed_back_to_back_are_each_read() -> None:
    first = {"totals": {"errors": 1}, "problems": [{"ruleId": "a"}]}
    second = {"totals": {"errors": 0}, "problems": []}
    text = json.dumps(first, indent=2) + json.dumps(second) + "\n"
    assert list(redocly_reports(text)) == [first, second]


def test_no_output_is_no_report() -> None:
    assert list(redocly_reports("  \n")) == []


def test_output_that_is_not_json_is_an_error() -> None:
    with pytest.raises(json.JSONDecodeError):
        list(redocly_reports("Error: cannot find config"))


def test_every_dialect_spec_is_linted() -> None:
    assert [path.stem for path in spec_files()] == ["aitasker", "b3os", "cortex-v1", "cortex-v2", "invent"]
