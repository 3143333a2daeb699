"""The vendored Redoc bundle: checked by its pinned bytes offline, fetched with npm only when missing."""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import pytest

from spec_review.redoc_bundle import (
    BUNDLE_DIRECTORY,
    PINNED_FILES,
    BundleError,
    bundle_problems,
    extract_pinned,
    vendor_bundle,
)

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture
def vendored(tmp_path: Path) -> Path:
    """A docs directory holding a copy of the checked-in bundle."""
    shutil.copytree(DOCS / BUNDLE_DIRECTORY, tmp_path / BUNDLE_DIRECTORY)
    return tmp_path


def package_archive(path: Path, contents: dict[str, bytes]) -> Path:
    """An npm-style package tarball holding `contents` by member name."""
    with tarfile.open(path, "w:gz") as archive:
        for name, content in contents.items():
            member = tarfile.TarInfo(name)
            member.size = len(content)
            archive.addfile(member, io.BytesIO(content))
    return path


def pinned_contents() -> dict[str, bytes]:
    return {packaged: (DOCS / BUNDLE_DIRECTORY / Path(packaged).name).read_bytes() for packaged in PINNED_FILES}


def test_the_checked_in_bundle_is_the_pinned_one() -> None:
    assert bundle_problems(DOCS) == []


def test_a_missing_file_is_a_problem(vendored: Path) -> None:
    (vendored / BUNDLE_DIRECTORY / "LICENSE").unlink()
    assert bundle_problems(vendored) == [f"{vendored / BUNDLE_DIRECTORY / 'LICENSE'} is missing"]


def test_other_bytes_than_the_pinned_ones_are_a_problem(vendored: Path) -> None:
    bundle = vendored / BUNDLE_DIRECTORY / "redoc.standalone.js"
    bundle.write_bytes(bundle.read_bytes() + b"\n")
    (problem,) = bundle_problems(vendored)
    assert problem.endswith("redoc.standalone.js is not the file of redoc 2.5.4")


def test_vendoring_does_nothing_when_the_bundle_is_in_place(vendored: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*arguments: Any, **options: Any) -> None:
        raise AssertionError("npm was called")

    monkeypatch.setattr(subprocess, "run", refuse)
    vendor_bundle(vendored)
    assert bundle_problems(vendored) == []


def test_vendoring_without_npm_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(BundleError, match=r"npm is needed to fetch redoc 2\.5\.4 into .*; install Node\.js"):
        vendor_bundle(tmp_path)


def test_the_pinned_files_are_extracted_from_the_package(tmp_path: Path) -> None:
    archive = package_archive(tmp_path / "redoc.tgz", pinned_contents())
    extract_pinned(archive, tmp_path / "docs")
    assert bundle_problems(tmp_path / "docs") == []


def test_a_package_with_other_bytes_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    contents = pinned_contents()
    contents["package/LICENSE"] = b"not the licence"
    archive = package_archive(tmp_path / "redoc.tgz", contents)
    with pytest.raises(BundleError, match=r"package/LICENSE of redoc 2\.5\.4 is not the pinned file"):
        extract_pinned(archive, tmp_path / "docs")
    assert not (tmp_path / "docs").exists()
