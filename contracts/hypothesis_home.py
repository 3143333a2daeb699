"""Hypothesis' own files kept out of the user's working directory.

Hypothesis keeps caches (the constants it found in the code, its Unicode tables) and its example database in
`.hypothesis/` of the working directory, made on first use, whatever the database setting (the schema phase's is
none): the schema phase, the suite's one use of Hypothesis, points it at a directory of its own, removed after,
and then back where it pointed, so a project's own Hypothesis tests in the same pytest run keep theirs.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator

from hypothesis.configuration import set_hypothesis_home_dir, storage_directory

__all__ = ["hypothesis_home_elsewhere"]


@contextlib.contextmanager
def hypothesis_home_elsewhere() -> Iterator[None]:
    """While the block runs, Hypothesis writes only in a temporary directory of its own."""
    previous = storage_directory(intent_to_write=False).home_directory
    with tempfile.TemporaryDirectory(prefix="contracts-hypothesis-") as home:
        set_hypothesis_home_dir(home)
        try:
            yield
        finally:
            set_hypothesis_home_dir(previous)
