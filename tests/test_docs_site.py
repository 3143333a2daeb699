"""docs/: current with the specs (what CI checks), deterministic, wholly generated, and every link resolves."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from spec_review.docs_site import CHANGE_REPORTS, main, stale_files, write_site
from spec_review.redoc_bundle import BUNDLE_DIRECTORY
from workflow_runs_specs import DIALECTS

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture(scope="module")
def written_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly written docs directory, its Redoc bundle copied from the checked-in one (no npm)."""
    docs = tmp_path_factory.mktemp("docs")
    shutil.copytree(DOCS / BUNDLE_DIRECTORY, docs / BUNDLE_DIRECTORY)
    write_site(docs)
    return docs


@pytest.fixture
def site(written_site: Path, tmp_path: Path) -> Path:
    """A copy of the freshly written docs directory, for a test to change."""
    return Path(shutil.copytree(written_site, tmp_path / "docs"))


def test_the_checked_in_docs_are_current_with_the_specs() -> None:
    assert stale_files(DOCS) == [], "docs/ is stale: run make docs"


@pytest.mark.slow
@pytest.mark.parametrize("hash_seed", ["1", "2"])
def test_generation_gives_the_same_bytes_whatever_the_process_s_hash_seed(hash_seed: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "spec_review.docs_site", "--check", "--docs", str(DOCS)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONHASHSEED": hash_seed},
    )
    assert (done.returncode, done.stderr) == (0, "")


def test_the_site_has_a_page_per_dialect_the_comparison_and_each_change_report(site: Path) -> None:
    names = {path.relative_to(site).as_posix() for path in site.glob("*") if path.is_file()}
    reports = {f"{old}-to-{new}.{kind}" for old, new in CHANGE_REPORTS for kind in ("md", "html")}
    pages = {f"{dialect}.html" for dialect in DIALECTS}
    assert names == {"index.html", "comparison.md", "comparison.html", *pages, *reports}


def test_every_link_of_every_page_resolves_to_a_file(site: Path) -> None:
    for page in site.glob("*.html"):
        for target in re.findall(r'(?:href|src)="([^"#]+)', page.read_text(encoding="utf-8")):
            if not target.startswith(("http://", "https://")):
                # ../specs/ is outside docs/: it is the checkout's specs directory.
                base = DOCS if target.startswith("../") else site
                assert (base / target).is_file(), f"{page.name} links to {target}"


def test_the_index_links_every_dialect_the_comparison_and_the_change_report(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    for target in [*(f"{dialect}.html" for dialect in DIALECTS), "comparison.html", "cortex-v1-to-cortex-v2.html"]:
        assert f'href="{target}"' in index


def test_a_changed_missing_or_unknown_file_is_stale(site: Path) -> None:
    (site / "comparison.md").write_text("edited by hand\n", encoding="utf-8")
    (site / "b3os.html").unlink()
    (site / "notes.html").write_text("mine\n", encoding="utf-8")
    assert stale_files(site) == [
        f"{site / 'b3os.html'} is missing",
        f"{site / 'comparison.md'} is stale",
        f"{site / 'notes.html'} is not generated",
    ]


def test_writing_again_makes_the_site_current_and_removes_what_is_not_generated(site: Path) -> None:
    (site / "comparison.md").write_text("edited by hand\n", encoding="utf-8")
    (site / "notes.html").write_text("mine\n", encoding="utf-8")
    write_site(site)
    assert stale_files(site) == []
    assert not (site / "notes.html").exists()


@pytest.mark.slow
def test_the_check_says_current_in_one_line_and_exits_1_naming_each_stale_file(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--docs", str(site), "--check"]) == 0
    assert capsys.readouterr().out == f"{site} is current: every generated page matches the specs\n"
    (site / "index.html").write_text("old\n", encoding="utf-8")
    assert main(["--docs", str(site), "--check"]) == 1
    assert capsys.readouterr().err == f"{site / 'index.html'} is stale (run make docs)\n"


def test_a_wrong_option_is_one_line_on_stderr_with_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--chek"]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert "unrecognized arguments: --chek" in line
