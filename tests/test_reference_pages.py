"""The reference page of a dialect: its whole spec inlined for Redoc, safe in its script, readable from disk."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest

from spec_review.redoc_bundle import BUNDLE_PATH
from spec_review.reference_pages import main, reference_page
from tests.spec_support import load_spec
from workflow_runs_specs import DIALECTS

DOCS = Path(__file__).resolve().parents[1] / "docs"


def inlined_spec(page: str) -> Any:
    found = re.search(r'<script type="application/json" id="spec">(.*?)</script>', page, flags=re.DOTALL)
    assert found, "no inlined spec"
    return json.loads(found.group(1))


@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_page_inlines_the_whole_spec(dialect: str) -> None:
    assert inlined_spec(reference_page(dialect, load_spec(dialect))) == load_spec(dialect)


def test_the_page_loads_the_vendored_redoc_bundle_beside_it() -> None:
    page = reference_page("b3os", load_spec("b3os"))
    assert f'<script src="{BUNDLE_PATH}"></script>' in page
    assert (DOCS / BUNDLE_PATH).is_file()
    assert "Redoc.init(spec, " in page


def test_text_in_the_spec_cannot_close_the_script_it_is_inlined_in() -> None:
    document = {"openapi": "3.0.3", "info": {"title": "x", "description": "</script><script>alert(1)</script>"}}
    page = reference_page("b3os", document)
    assert "<script>alert(1)" not in page
    assert inlined_spec(page) == document


def test_dates_yaml_read_as_dates_are_inlined_as_text() -> None:
    document = {"info": {"title": "x", "x-released": datetime.date(2024, 5, 2)}}
    assert inlined_spec(reference_page("b3os", document))["info"]["x-released"] == "2024-05-02"


def test_the_page_links_back_to_the_index_and_to_the_spec_without_javascript() -> None:
    page = reference_page("invent", load_spec("invent"))
    assert '<a href="index.html">API reviewer docs</a>' in page
    assert '<a href="../specs/invent.yaml">' in page


def test_the_command_writes_the_page_of_a_dialect(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cortex-v2"]) == 0
    assert capsys.readouterr().out == reference_page("cortex-v2", load_spec("cortex-v2"))


def test_an_unknown_dialect_is_one_line_on_stderr_with_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cortex"]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert "invalid choice: 'cortex'" in line
