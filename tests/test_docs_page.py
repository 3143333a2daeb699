"""A Markdown document as a standalone page of docs/: escaped, styled inline, linked back to the index."""

from __future__ import annotations

from spec_review.docs_page import html_page


def test_the_page_renders_markdown_tables_and_emphasis() -> None:
    page = html_page("Title", "| a | b |\n|---|---|\n| **x** | `y` |\n")
    assert "<table>" in page
    assert "<td><strong>x</strong></td>" in page
    assert "<td><code>y</code></td>" in page


def test_the_title_and_raw_html_in_the_markdown_are_escaped() -> None:
    page = html_page("A <b> & c", "<script>alert(1)</script>\n")
    assert "<title>A &lt;b&gt; &amp; c</title>" in page
    assert "<script>" not in page


def test_the_page_links_back_to_the_index_unless_it_is_the_index() -> None:
    assert '<a href="index.html">API reviewer docs</a>' in html_page("Title", "text")
    assert "<a href" not in html_page("Title", "text", home=None)


def test_the_style_is_inline_so_the_page_needs_no_other_file() -> None:
    page = html_page("Title", "text")
    assert "<style>" in page
    assert "<link" not in page
