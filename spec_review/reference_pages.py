"""A reference page per dialect: its spec rendered by Redoc, in one HTML file that opens from file://.

The spec is inlined in the page as JSON (a browser may not fetch a file beside a page opened from disk), and
Redoc's standalone bundle is loaded from `docs/assets/` (see `spec_review.redoc_bundle`)::

    workflow-runs-review reference b3os > docs/b3os.html
"""

from __future__ import annotations

import datetime
import html
import json
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from spec_review.command_line import OneLineParser
from spec_review.errors import ReviewError, read_document
from spec_review.redoc_bundle import BUNDLE_PATH
from workflow_runs_specs import DIALECTS, spec_path

__all__ = ["main", "reference_page"]

REDOC_OPTIONS = {
    "scrollYOffset": "nav",
    "expandResponses": "200",
    "jsonSampleExpandLevel": 3,
    "nativeScrollbars": True,
    "hideHostname": False,
}
"""Redoc's options: keep the sidebar under the page's own top bar, and open the success answer."""

STYLE = """
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
nav { position: sticky; top: 0; z-index: 10; background: #24292f; color: #fff; padding: 10px 24px; font-size: 15px; }
nav a { color: #fff; }
noscript { display: block; padding: 24px; }
""".strip()


def reference_page(dialect: str, document: Mapping[str, Any]) -> str:
    """The page of `dialect` for its parsed spec `document`."""
    title = str(document.get("info", {}).get("title", dialect))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(dialect)}: {html.escape(title)}</title>\n"
        f"<style>\n{STYLE}\n</style>\n"
        "</head>\n"
        "<body>\n"
        f'<nav><a href="index.html">API reviewer docs</a> · {html.escape(dialect)} reference</nav>\n'
        f'<noscript>This page renders the spec with JavaScript; read <a href="../specs/{html.escape(dialect)}.yaml">'
        f"specs/{html.escape(dialect)}.yaml</a> instead.</noscript>\n"
        '<div id="reference"></div>\n'
        f'<script type="application/json" id="spec">{inline_json(document)}</script>\n'
        f'<script src="{BUNDLE_PATH}"></script>\n'
        "<script>\n"
        'const spec = JSON.parse(document.getElementById("spec").textContent);\n'
        f'Redoc.init(spec, {inline_json(REDOC_OPTIONS)}, document.getElementById("reference"));\n'
        "</script>\n"
        "</body>\n"
        "</html>\n"
    )


def inline_json(value: Any) -> str:
    """`value` as JSON that cannot end the `<script>` element it sits in."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=json_scalar)
    return text.replace("<", "\\u003c")


def json_scalar(value: Any) -> str:
    # YAML reads unquoted dates as date objects; the spec meant the text.
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def parser() -> OneLineParser:
    cli = OneLineParser(
        prog="workflow-runs-review reference",
        description="Write the Redoc reference page of a dialect's spec (HTML) on stdout.",
    )
    cli.add_argument("dialect", choices=DIALECTS, help="the dialect")
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    try:
        arguments = parser().parse_args(argv)
        document = read_document(spec_path(arguments.dialect))
    except ReviewError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(reference_page(arguments.dialect, document))
    return 0


if __name__ == "__main__":
    sys.exit(main())
