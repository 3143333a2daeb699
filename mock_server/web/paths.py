"""Strict paths: a trailing slash is a 404 naming the fix, not Starlette's undocumented 307 redirect."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from mock_server.problems import MockProblem, Problem, ProblemKind

SLASHED_PAGES = ("/ui/",)
"""Pages whose address ends with a slash (Swagger UI)."""


class StrictPaths:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] == "http" and len(path) > 1 and path.endswith("/") and not path.endswith(SLASHED_PAGES):
            raise MockProblem(Problem(ProblemKind.NOT_FOUND, f"Not found: no such endpoint; try {path.rstrip('/')}"))
        await self.app(scope, receive, send)
