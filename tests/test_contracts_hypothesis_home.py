"""Hypothesis writes in a directory of its own while the schema phase runs, and points back where it did after."""

from __future__ import annotations

from pathlib import Path

from hypothesis.configuration import set_hypothesis_home_dir, storage_directory

from contracts.hypothesis_home import hypothesis_home_elsewhere


def test_hypothesis_writes_elsewhere_meanwhile_and_where_it_did_after(tmp_path: Path) -> None:
    before = storage_directory(intent_to_write=False).home_directory
    set_hypothesis_home_dir(tmp_path / "project")
    try:
        with hypothesis_home_elsewhere():
            meanwhile = storage_directory("constants").path
            meanwhile.mkdir(parents=True)
        after = storage_directory(intent_to_write=False).home_directory
    finally:
        set_hypothesis_home_dir(before)

    assert not meanwhile.exists()  # removed with its directory
    assert tmp_path not in meanwhile.parents
    assert after == tmp_path / "project"
    assert list(tmp_path.iterdir()) == []
