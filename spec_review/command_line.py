"""What the reviewer commands (`spec_diff`, `spec_lint`, `comparison`, `reference_pages`, `docs_site`) share.

Their contract: an error a user can meet is one line on stderr and exit status 2, and a spec argument is a
file or a dialect's name::

    cli = OneLineParser(prog="workflow-runs-review lint")
    spec_argument("cortex-v2")   # -> .../specs/cortex-v2.yaml
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from spec_review.errors import UsageError
from workflow_runs_specs import DIALECTS, spec_path

__all__ = ["OneLineParser", "spec_argument"]


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors raise `UsageError` instead of printing argparse's usage block."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see --help)")


def spec_argument(argument: str) -> Path:
    """A spec file, or the spec of the dialect so named (a file of that name wins)."""
    path = Path(argument)
    if not path.exists() and argument in DIALECTS:
        return spec_path(argument)
    return path
