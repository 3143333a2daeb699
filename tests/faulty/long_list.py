"""Faults only a long list shows: the mock given a workflow of 140 runs, whose last pages are wrong.

`LONG_LIST_SCENARIO` adds the workflow (`LONG_WORKFLOW` in every paging dialect); the faults break pages that
start at run 100 or later, when asked with pages smaller than the largest, so only a walk with small pages that
reaches the end of the list finds them.
"""

from __future__ import annotations

from typing import Any

from tests.faulty.fault import Fault, paged, rule
from tests.faulty.layouts import Layout
from tests.faulty.router import Answer, Inner, Request, Rewrite
from tests.faulty.semantic_faults import overlap_previous_page

LONG_LIST_RUNS = 140
DEEP = 100
"""Pages starting at this run or later are wrong; the walk with small pages used to stop at run 80."""
LARGEST_PAGE = 100
LONG_WORKFLOW = "wf_longList0001"
FINISHED = {"b3os": "success", "cortex-v1": "COMPLETED", "cortex-v2": "COMPLETED", "invent": "COMPLETED"}
TENANT = {
    "b3os": "acct_91Yj6A7A7Bfr",
    "cortex-v1": "app_FWCrUNHNt8Va",
    "cortex-v2": "app_cyNateRMoS3b",
    "invent": "org_km8lsMWhhXuk",
}
"""The demo tenant of each paging dialect with seed 0, whose token (the demo token) the checks send."""


def long_list_scenario() -> dict[str, Any]:
    """A scenario adding a workflow of `LONG_LIST_RUNS` finished runs to the demo tenant of each paging dialect."""
    dialects: dict[str, Any] = {}
    for dialect, status in FINISHED.items():
        workflow = {"id": LONG_WORKFLOW, "runs": [{"status": status}] * LONG_LIST_RUNS}
        dialects[dialect] = {"tenants": [{"id": TENANT[dialect], "workflows": [workflow]}]}
    return {"dialects": dialects}


def long_list_params(dialect: str) -> dict[str, str]:
    return {
        "b3os": {"id": LONG_WORKFLOW},
        "cortex-v1": {"app_id": TENANT["cortex-v1"], "workflow_id": LONG_WORKFLOW},
        "cortex-v2": {"app_id": TENANT["cortex-v2"], "workflow_id": LONG_WORKFLOW},
        "invent": {"org_id": TENANT["invent"]},
    }[dialect]


def deep_small_page(request: Request, layout: Layout) -> bool:
    size = int(request.get(layout.size_parameter) or 20)
    numbered_start = (int(request.get("page") or 1) - 1) * size
    start = int(request.get("offset") or 0) if layout.paging == "offset" else numbered_start
    return size < LARGEST_PAGE and start >= DEEP


async def deep_pages_overlap(answer: Answer, request: Request, layout: Layout, inner: Inner) -> None:
    if deep_small_page(request, layout):
        await overlap_previous_page(answer, request, layout, inner)


LONG_LIST_FAULTS: tuple[Fault, ...] = (
    Fault("deep_pages_overlap", rule("pages_do_not_overlap"), Rewrite(answer=deep_pages_overlap), applies=paged),
)
