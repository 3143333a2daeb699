"""The `/__mock__` control routes.

Read-only routes are open (`GET /__mock__/fixtures`). Routes that change state answer only to the admin token,
and are off when no admin token is configured, so a mock reachable by others cannot be reset by them.
Their answers are plain JSON (`{"message": ...}` on errors), not any vendor's shape.
"""

from __future__ import annotations

from collections.abc import Mapping

import orjson
from starlette.requests import Request
from starlette.responses import Response

from mock_server.auth import TokenRegistry
from mock_server.problems import MockProblem, Problem, ProblemKind
from mock_server.replies import JSON, encode
from mock_server.state import Mount

CONTROL_PREFIX = "/__mock__"
MAX_CONTROL_BODY = 64 * 1024


def invalid(message: str) -> MockProblem:
    return MockProblem(Problem(ProblemKind.INVALID_REQUEST, message))


class Control:
    def __init__(self, mounts: Mapping[str, Mount], admin_token: str | None) -> None:
        self.mounts = mounts
        self.admin = TokenRegistry([admin_token]) if admin_token else None

    async def fixtures(self, request: Request) -> Response:
        return Response(encode({name: mount.fixture for name, mount in self.mounts.items()}), media_type=JSON)

    async def reset(self, request: Request) -> Response:
        """Regenerate every dialect's data from a seed (the body's `seed`, or the current one)."""
        self.require_admin(request)
        body = await request.body()
        if len(body) > MAX_CONTROL_BODY:
            raise invalid("the request body is too large")
        try:
            options = orjson.loads(body) if body.strip() else {}
        except orjson.JSONDecodeError:
            raise invalid('the body must be JSON, for example {"seed": 7}') from None
        if not isinstance(options, dict) or set(options) - {"seed"}:
            raise invalid('the body may only hold "seed", for example {"seed": 7}')
        seed = options.get("seed", next(iter(self.mounts.values())).seed)
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise invalid('"seed" must be an integer')
        for mount in self.mounts.values():
            mount.reseed(seed)
        return Response(encode({"seed": seed, "fixtures": {n: m.fixture for n, m in self.mounts.items()}}), 200,
                        media_type=JSON)  # fmt: skip

    def require_admin(self, request: Request) -> None:
        if self.admin is None:
            message = "admin routes are off: start the mock with --admin-token or MOCK_ADMIN_TOKEN to use them"
            raise MockProblem(Problem(ProblemKind.FORBIDDEN, message))
        self.admin.check_authorization(request.headers.get("authorization"))
