"""`docs/`, generated from the specs: what an API reviewer opens, and the check that it is current.

    workflow-runs-review docs            # regenerate docs/ (make docs)
    workflow-runs-review docs --check    # exit 1 and name each stale file (make docs-check, and a test)

`docs/` holds a Redoc reference page per dialect, the dialect comparison and each change report (Markdown,
and the same as an HTML page), and `index.html` linking them all. It is wholly generated: a file there that
generation does not produce is removed. Generation is deterministic, so a rerun on unchanged specs rewrites
the same bytes, and CI fails when a spec changed but `docs/` did not follow.

Exit status: 0 written (or current), 1 stale (with --check), 2 the docs could not be generated.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from spec_review import comparison, spec_changes, spec_diff
from spec_review.command_line import OneLineParser
from spec_review.docs_page import html_page
from spec_review.errors import ReviewError, read_document
from spec_review.redoc_bundle import BUNDLE_DIRECTORY, REDOC_VERSION, bundle_problems, vendor_bundle
from spec_review.reference_pages import reference_page
from spec_review.spec_outline import outline_document
from workflow_runs_specs import DIALECTS, spec_path

__all__ = ["CHANGE_REPORTS", "generate", "main", "stale_files", "write_site"]

CHANGE_REPORTS = (("cortex-v1", "cortex-v2"),)
"""The pairs of dialects (old, new) whose change report the docs show."""

TITLE = "Workflow runs: API reviewer docs"

REVIEW_COMMANDS = (
    (
        "workflow-runs-review diff OLD NEW",
        "what changed and whom it breaks; exits 1 on a change that breaks clients (see `--fail-on`).",
    ),
    (
        "workflow-runs-review lint [SPEC ...]",
        "rules beyond validity: operationIds, summaries, documented error answers, named examples that validate, "
        "consistent enum spellings.",
    ),
    ("workflow-runs-review docs [--check]", "regenerate `docs/` (what `make docs` runs), or fail when it is stale."),
)
"""The commands an API reviewer runs on the specs, as the index names them (and the README, word for word)."""


def generate() -> dict[str, str]:
    """Every generated file of `docs/` by path relative to it (the vendored Redoc bundle aside)."""
    files: dict[str, str] = {}
    documents = {dialect: read_document(spec_path(dialect)) for dialect in DIALECTS}
    for dialect, document in documents.items():
        files[f"{dialect}.html"] = reference_page(dialect, document)
    endpoints = [comparison.endpoint_of(dialect, document) for dialect, document in documents.items()]
    files["comparison.md"] = comparison.render_markdown(endpoints)
    files["comparison.html"] = html_page(comparison.TITLE, files["comparison.md"])
    summaries = []
    for old, new in CHANGE_REPORTS:
        changes = spec_changes.diff_outlines(outline_document(documents[old]), outline_document(documents[new]))
        name = f"{old}-to-{new}"
        files[f"{name}.md"] = spec_diff.render_markdown(changes, old, new)
        files[f"{name}.html"] = html_page(f"Changes from {old} to {new}", files[f"{name}.md"])
        summaries.append(f"- [{old} to {new}]({name}.html) ([Markdown]({name}.md)): {spec_diff.summary(changes)}.")
    files["index.html"] = html_page(TITLE, index_markdown(documents, summaries), home=None)
    return files


def index_markdown(documents: dict[str, dict[str, object]], change_summaries: list[str]) -> str:
    rows = []
    for dialect, document in documents.items():
        outline = outline_document(document)
        endpoints = ", ".join(f"`{key}`" for key in outline.operations)
        rows.append(
            f"| [{dialect}]({dialect}.html) | {outline.title} {outline.version} | {endpoints} "
            f"| [specs/{dialect}.yaml](../specs/{dialect}.yaml) |"
        )
    lines = [
        f"# {TITLE}",
        "",
        "Generated from the hand-written specs in `specs/` by `make docs`; CI fails when these pages no longer "
        "match the specs.",
        "",
        "## Each dialect",
        "",
        "The reference page of each dialect renders its spec with Redoc: every parameter, field, enum value, "
        "error answer and example, with the decisions taken where the vendor is silent.",
        "",
        "| reference | API | operations | spec |",
        "|---|---|---|---|",
        *rows,
        "",
        "## How the dialects differ",
        "",
        "[The dialect comparison](comparison.html) ([Markdown](comparison.md)): which dialect documents which "
        "operation on runs (list, get, trigger, cancel, retry or replay, retention), then each kind side by side. "
        "For the list, every parameter and field, with what trips a client writer highlighted: where the runs are "
        "in the body, how pages are numbered, status and origin spellings, nullability, error answers; for the "
        "others, their endpoints, answers, parameters and request bodies.",
        "",
        "## What changed",
        "",
        *change_summaries,
        "",
        "## Checking a spec",
        "",
        *(f"- `{command}`: {what}" for command, what in REVIEW_COMMANDS),
        "",
        f"Reference pages are rendered by Redoc {REDOC_VERSION} (MIT), vendored in `{BUNDLE_DIRECTORY}`.",
    ]
    return "\n".join(lines) + "\n"


def write_site(docs: Path) -> None:
    """Regenerate `docs`: the Redoc bundle (fetched once), every generated file, and nothing else."""
    files = generate()
    vendor_bundle(docs)
    for relative, text in files.items():
        path = docs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    for path in extra_files(docs, files):
        path.unlink()


def extra_files(docs: Path, files: dict[str, str]) -> list[Path]:
    """The files in `docs` that generation does not produce (the vendored bundle is produced)."""
    bundle = docs / BUNDLE_DIRECTORY
    return sorted(
        path
        for path in docs.rglob("*")
        if path.is_file() and path.relative_to(docs).as_posix() not in files and bundle not in path.parents
    )


def stale_files(docs: Path) -> list[str]:
    """Why `docs` is not what generation gives, one line per file; empty when it is current."""
    files = generate()
    problems = bundle_problems(docs)
    for relative, text in files.items():
        path = docs / relative
        if not path.is_file():
            problems.append(f"{path} is missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{path} is stale")
    problems.extend(f"{path} is not generated" for path in extra_files(docs, files))
    return problems


def parser() -> OneLineParser:
    cli = OneLineParser(
        prog="workflow-runs-review docs",
        description="Generate docs/ from the specs: a reference page per dialect, the dialect comparison, "
        "the change reports and index.html.",
        epilog="Exit status: 0 written (or current), 1 stale (with --check), 2 the docs could not be generated.",
    )
    cli.add_argument("--docs", type=Path, default=Path("docs"), help="the directory to write (default: docs)")
    cli.add_argument("--check", action="store_true", help="write nothing; exit 1 when the directory is stale")
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    try:
        arguments = parser().parse_args(argv)
        if arguments.check:
            problems = stale_files(arguments.docs)
            for problem in problems:
                print(f"{problem} (run make docs)", file=sys.stderr)
            if problems:
                return 1
            print(f"{arguments.docs} is current: every generated page matches the specs")
            return 0
        write_site(arguments.docs)
    except ReviewError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
