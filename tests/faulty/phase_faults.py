"""Faults only the requests the schema phase generates show: the fixed walks of the semantic checks ask for one
filter at a time and page without filters, so these break a per-response rule where only Hypothesis looks."""

from __future__ import annotations

from tests.faulty.fault import Fault, rule
from tests.faulty.layouts import Layout
from tests.faulty.rewrites import on_document, served_instead, then
from tests.faulty.router import Answer, Request, Rewrite
from tests.faulty.semantic_faults import echo_asked_size, one_more_than_asked

LARGEST_PAGE = 100
"""The largest page every paging spec allows."""


def filtered(request: Request, layout: Layout) -> bool:
    return any(request.get(name) not in (None, "ALL") for name in layout.filters)


def filters_dropped_on_smaller_pages(request: Request, layout: Layout) -> bool:
    """A filter on a page smaller than the largest is forgotten (the fixed walks filter with the largest page)."""
    size = request.get(layout.size_parameter)
    if not filtered(request, layout) or size in (None, str(LARGEST_PAGE)):
        return False
    for name in layout.filters:
        request.replace(name, None)
    return True


def one_more_when_filtered(request: Request, layout: Layout) -> bool:
    return filtered(request, layout) and one_more_than_asked(request, layout)


def echo_when_filtered(answer: Answer, request: Request, layout: Layout) -> None:
    if filtered(request, layout):
        echo_asked_size(answer, request, layout)


PHASE_FAULTS: tuple[Fault, ...] = (
    Fault(
        "filter_dropped_on_smaller_pages",
        rule("filters_select_matching_runs"),
        Rewrite(answer=served_instead(filters_dropped_on_smaller_pages)),
        applies=lambda layout: bool(layout.filters) and layout.paging is not None,
        phase=True,
    ),
    Fault(
        "filtered_page_larger_than_asked",
        rule("page_size_respected"),
        Rewrite(answer=then(served_instead(one_more_when_filtered), on_document(echo_when_filtered))),
        applies=lambda layout: bool(layout.filters) and layout.paging is not None,
        phase=True,
    ),
)
