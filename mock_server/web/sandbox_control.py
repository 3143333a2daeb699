"""The `/__mock__/sandboxes` routes, for the admin token only (see `web/control.py` for the others):

    GET    /__mock__/sandboxes               the sandboxes, `default` first, then least recently used first
    POST   /__mock__/sandboxes/NAME/reset    make NAME afresh, as it was made first (404 if there is none)
    DELETE /__mock__/sandboxes/NAME          forget NAME, its data, clock and request log (`default` stays)

The other control routes act on the sandbox a request names with `X-Mock-Sandbox`.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response

from mock_server.problems import MockProblem, Problem, ProblemKind
from mock_server.web.control import answer, fixtures, invalid
from mock_server.web.sandboxes import DEFAULT, Sandboxes


class SandboxControl:
    """Lists, resets and deletes sandboxes; `require_admin` refuses a request without the admin token."""

    def __init__(self, sandboxes: Sandboxes, require_admin: Callable[[Request], None]) -> None:
        self.sandboxes = sandboxes
        self.require_admin = require_admin

    async def list_sandboxes(self, request: Request) -> Response:
        """The sandboxes, `default` first, then least recently used first, with their idle time and expiry."""
        self.require_admin(request)
        now = self.sandboxes.monotonic()
        idle = self.sandboxes.idle_seconds
        listed = [
            {
                "name": sandbox.name,
                "idle_seconds": round(now - sandbox.used_at, 3) if sandbox.name != DEFAULT else None,
                "expires_in_seconds": round(sandbox.used_at + idle - now, 3) if sandbox.name != DEFAULT else None,
            }
            for sandbox in self.sandboxes.listing()
        ]
        limits = {"max_sandboxes": self.sandboxes.max_count, "idle_expiry_seconds": idle}
        return answer({"sandboxes": listed, **limits})

    async def reset_sandbox(self, request: Request) -> Response:
        """Make a sandbox afresh, as it was made first."""
        self.require_admin(request)
        name = request.path_params["name"]
        self.refuse_when_shared("reset")
        sandbox = self.sandboxes.reset(name)
        if sandbox is None:
            raise no_such(name)
        return answer({"name": name, "fixtures": fixtures(sandbox.mounts)})

    async def delete_sandbox(self, request: Request) -> Response:
        """Forget a sandbox: its data, clock and request log (`default` stays)."""
        self.require_admin(request)
        name = request.path_params["name"]
        if name == DEFAULT:
            raise invalid("the default sandbox is never deleted; reset it (POST /__mock__/sandboxes/default/reset)")
        self.refuse_when_shared("deleted")
        if not self.sandboxes.delete(name):
            raise no_such(name)
        return Response(status_code=204)

    def refuse_when_shared(self, done: str) -> None:
        """With `--state` a sandbox's data is a log every process applies: remaking it here alone would not start it
        afresh, so it is refused rather than done in part."""
        if self.sandboxes.default.data.shared:
            message = (
                f"with --state a sandbox cannot be {done} yet: its data is shared through Redis; reset its data "
                "with POST /__mock__/reset and the header X-Mock-Sandbox: NAME"
            )
            raise MockProblem(Problem(ProblemKind.CONFLICT, message))


def no_such(name: str) -> MockProblem:
    return MockProblem(Problem(ProblemKind.NOT_FOUND, f"no sandbox {name}; GET /__mock__/sandboxes lists them"))


SANDBOX_ROUTES: tuple[tuple[str, str, str], ...] = (
    ("/sandboxes", "GET", "list_sandboxes"),
    ("/sandboxes/{name}/reset", "POST", "reset_sandbox"),
    ("/sandboxes/{name}", "DELETE", "delete_sandbox"),
)
