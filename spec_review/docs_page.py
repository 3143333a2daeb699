"""A Markdown document as a standalone HTML page of `docs/`: one file, its style inline, readable from file://.

The comparison and the change reports are written once, in Markdown (checked in beside the pages, and read
as is on a code host), and turned into HTML here with markdown-it (CommonMark plus tables)::

    html_page("Dialect comparison", markdown_text)

Emphasis (`**...**`) is what the generators use to point at a difference; the page highlights it.
"""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

__all__ = ["STYLE", "html_page"]

STYLE = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; margin: 0; }
header { background: #24292f; color: #fff; padding: 10px 24px; }
header a { color: #fff; }
main { padding: 8px 24px 40px; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f3f4f6;
       padding: 1px 4px; border-radius: 4px; }
table { border-collapse: collapse; margin: 12px 0 24px; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #f6f8fa; position: sticky; top: 0; }
tr:nth-child(even) td { background: #fbfbfc; }
td code { overflow-wrap: anywhere; }
strong, strong code { background: #ffe38a; font-weight: 600; padding: 0 2px; border-radius: 3px; }
h1 { font-size: 26px; } h2 { font-size: 20px; margin-top: 32px; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 16px; }
""".strip()

MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")


def html_page(title: str, markdown_text: str, *, home: str | None = "index.html") -> str:
    """The page: `title` in its head, a link back to `home` (None: no link), and the Markdown rendered."""
    back = f'<a href="{html.escape(home)}">API reviewer docs</a> · ' if home else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>\n{STYLE}\n</style>\n"
        "</head>\n"
        "<body>\n"
        f"<header>{back}{html.escape(title)}</header>\n"
        f"<main>\n{MARKDOWN.render(markdown_text)}</main>\n"
        "</body>\n"
        "</html>\n"
    )
