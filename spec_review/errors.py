"""Why a review command could not do its work; each ends the command with one line on stderr and exit status 2.

ReviewError         the command could not be done; its message is the one line shown to the user
 ├── UsageError     the arguments are wrong
 └── SpecError      a spec cannot be read or is not valid OpenAPI
"""

from __future__ import annotations

from pathlib import Path

from workflow_runs_specs.reader import Document, SpecReadError
from workflow_runs_specs.validity import read_valid_document

__all__ = ["ReviewError", "SpecError", "UsageError", "read_document"]


class ReviewError(Exception):
    """The command could not be done; `str(error)` says why in one line."""


class UsageError(ReviewError):
    """The arguments are wrong."""


class SpecError(ReviewError):
    """A spec cannot be read, or is not valid OpenAPI."""


def read_document(path: Path) -> Document:
    """The document at `path`, checked to be valid OpenAPI; raises `SpecError` saying why not."""
    try:
        return read_valid_document(path)
    except SpecReadError as error:
        raise SpecError(str(error)) from None
