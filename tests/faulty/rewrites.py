"""Building blocks of the faults: rewriting the runs of an answer, the whole answer, or serving another request."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from tests.faulty.layouts import Layout
from tests.faulty.router import Answer, Inner, Request

Document = Any
Runs = list[dict[str, Any]]
AnswerRewrite = Callable[[Answer, Request, Layout, Inner], Any]
VALID_TOKEN_OF = {
    "aitasker": "aitk_test_mockdemo0000000000",
    "b3os": "b3sk_test_mockdemo0000000000",
    "cortex-v1": "ctx_sk_test_mockdemo0000000000",
    "cortex-v2": "ctx_sk_test_mockdemo0000000000",
    "invent": "inv_sk_test_mockdemo0000000000",
}


def runs_in(document: Document, layout: Layout) -> Runs:
    for key in layout.runs_path:
        document = document[key]
    runs: Runs = document
    return runs


def on_runs(change: Callable[[Runs, Layout], None]) -> AnswerRewrite:
    """An answer rewrite applying `change` to the runs of every 200 list answer."""

    async def rewrite(answer: Answer, request: Request, layout: Layout, inner: Inner) -> None:
        if answer.status == 200 and answer.headers.get("content-type", "").startswith("application/json"):
            document = answer.json()
            change(runs_in(document, layout), layout)
            answer.set_json(document)

    return rewrite


def on_document(change: Callable[[Answer, Request, Layout], None]) -> AnswerRewrite:
    async def rewrite(answer: Answer, request: Request, layout: Layout, inner: Inner) -> None:
        change(answer, request, layout)

    return rewrite


def empty_list(answer: Answer, request: Request, layout: Layout) -> None:
    """Turn the answer into a well-formed 200 holding no runs."""
    size = int(request.get(layout.size_parameter) or 20)
    if layout.paging == "offset":
        page = {"hasMore": False, "items": [], "limit": size, "offset": int(request.get("offset") or 0)}
        answer.set_json({"code": 200, "message": "success", "requestId": "req_0", "data": page}, status=200)
    else:
        answer.set_json([], status=200)
    if layout.paging == "numbered":
        page_number = request.get("page") or "1"
        answer.headers.update({"pagination-count": "0", "pagination-page": page_number, "pagination-take": str(size)})


def moved(value: str, **delta: float) -> str:
    return (datetime.fromisoformat(value) + timedelta(**delta)).isoformat().replace("+00:00", "Z")


def served_instead(change: Callable[[Request, Layout], bool]) -> AnswerRewrite:
    """Validate the request as asked, then serve another one: `change` rewrites it, or returns False to leave it."""

    async def rewrite(answer: Answer, request: Request, layout: Layout, inner: Inner) -> None:
        other = Request(request.path, [*request.query], request.headers)
        if answer.status != 200 or not change(other, layout):
            return
        served = await inner(other)
        if served.status != 200:
            return
        answer.body = served.body
        for header in ("pagination-count", "pagination-page", "pagination-take"):
            if header in served.headers:
                answer.headers[header] = served.headers[header]

    return rewrite


def then(*rewrites: AnswerRewrite) -> AnswerRewrite:
    async def rewrite(answer: Answer, request: Request, layout: Layout, inner: Inner) -> None:
        for step in rewrites:
            await step(answer, request, layout, inner)

    return rewrite


def let_anyone_in(request: Request, layout: Layout) -> None:
    token = f"Bearer {VALID_TOKEN_OF[layout.dialect]}".encode()
    request.headers = [(key, value) for key, value in request.headers if key.lower() != b"authorization"]
    request.headers.append((b"authorization", token))
