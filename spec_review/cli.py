"""`workflow-runs-review` / `python -m spec_review`: the review tools, one subcommand each.

    workflow-runs-review diff OLD NEW          what changed between two specs, breaking or not (exit 1 if breaking)
    workflow-runs-review lint [SPEC ...]       rules beyond validity over the five specs (or the files given)
    workflow-runs-review compare               the dialects side by side (Markdown, or --format html)
    workflow-runs-review reference DIALECT     one dialect's reference page (HTML)
    workflow-runs-review docs [--check]        regenerate docs/ (or fail when it is stale)

Each subcommand's `--help` says more; an error is one line on stderr and exit status 2.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence

__all__ = ["SUBCOMMANDS", "main"]

SUBCOMMANDS = {
    "diff": "spec_review.spec_diff",
    "lint": "spec_review.spec_lint",
    "compare": "spec_review.comparison",
    "reference": "spec_review.reference_pages",
    "docs": "spec_review.docs_site",
}

USAGE = (__doc__ or "").split("\n\n")[1]


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    if given and given[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    if not given or given[0] not in SUBCOMMANDS:
        named = f"unknown subcommand {given[0]!r}" if given else "no subcommand given"
        print(f"error: {named}; choose one of: {', '.join(SUBCOMMANDS)} (see --help)", file=sys.stderr)
        return 2
    command: Callable[[Sequence[str]], int] = importlib.import_module(SUBCOMMANDS[given[0]]).main
    return command(given[1:])
