"""The `/__mock__` control routes.

Read-only routes are open: `GET /__mock__/fixtures` and `GET /__mock__/clock`. Routes that change state, or
reveal what others sent, answer only to the admin token and are off when none is configured, so a mock
reachable by others cannot be steered by them:

    POST   /__mock__/reset      {"seed": 7}                          regenerate the data, rewind the clock
    POST   /__mock__/clock      {"advance": 600} / {"speed": 60}      move time on, or change its pace
    POST   /__mock__/scenario   a scenario (YAML or JSON)             add to or replace the data
    POST   /__mock__/runs       {"dialect": "b3os", "status": "running"}   add one run in a given state
    GET    /__mock__/requests   ?dialect=b3os&limit=20               the requests received, tokens redacted
    DELETE /__mock__/requests                                         forget them

Answers are plain JSON (`{"message": ...}` on errors), not any vendor's shape.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import orjson
from starlette.requests import Request
from starlette.responses import Response

from mock_server.data.changes import AddTenants, Reset
from mock_server.data.compose import ScenarioConflict, TenantSpec, WorkflowSpec
from mock_server.data.generate import REFERENCE_TIME
from mock_server.dialects.base import iso
from mock_server.problems import MockProblem, Problem, ProblemKind
from mock_server.scenarios.scenario import ScenarioError, parse_scenario, read_run
from mock_server.web.auth import TokenRegistry
from mock_server.web.data_set import DataSet
from mock_server.web.replies import JSON, encode
from mock_server.web.state import Mount

T = TypeVar("T")

CONTROL_PREFIX = "/__mock__"
MAX_CONTROL_BODY = 1024 * 1024
MAX_ADVANCE_SECONDS = 10 * 365 * 86400


def invalid(message: str) -> MockProblem:
    return MockProblem(Problem(ProblemKind.INVALID_REQUEST, message))


def answer(body: Any, status: int = 200) -> Response:
    return Response(encode(body), status, media_type=JSON)


class Control:
    """The control routes of the data set `data`, served as `mounts`; every change to the data is a `Change` a mount
    applies."""

    def __init__(self, mounts: Mapping[str, Mount], data: DataSet, admin_token: str | None) -> None:
        self.mounts = mounts
        self.data = data
        self.admin = TokenRegistry([admin_token]) if admin_token else None

    # --- open --------------------------------------------------------------------------------------------
    async def fixtures(self, request: Request) -> Response:
        """Per dialect, a token that works and the path parameters of the demo data; the same for every tenant."""
        return answer({name: mount.fixture for name, mount in self.mounts.items()})

    async def read_clock(self, request: Request) -> Response:
        """The virtual clock: its time now and its speed."""
        return answer(self.clock_state())

    def clock_state(self) -> dict[str, Any]:
        return {"now": iso(self.data.clock.now()), "speed": self.data.clock.speed}

    # --- admin -------------------------------------------------------------------------------------------
    async def reset(self, request: Request) -> Response:
        """Regenerate every dialect's data from a seed (the body's `seed`, or the current one); rewind the clock."""
        options = await self.json_body(request, allowed={"seed"})
        seed = options.get("seed", next(iter(self.mounts.values())).seed)
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise invalid('"seed" must be an integer')
        for mount in self.mounts.values():
            mount.apply(Reset(seed))
        self.data.clock.reset(REFERENCE_TIME)
        self.data.log.clear()
        return answer({"seed": seed, "fixtures": {name: mount.fixture for name, mount in self.mounts.items()}})

    async def move_clock(self, request: Request) -> Response:
        """Move time on (`{"advance": SECONDS}`) or change its pace (`{"speed": FACTOR}`)."""
        options = await self.json_body(request, allowed={"advance", "speed"})
        if not options:
            raise invalid('send {"advance": SECONDS} to move time on, or {"speed": FACTOR} to change its pace')
        for name in options:
            value = options[name]
            if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                raise invalid(f'"{name}" must be a number of at least 0')
        if options.get("advance", 0) > MAX_ADVANCE_SECONDS:
            raise invalid(f'"advance" may be at most {MAX_ADVANCE_SECONDS} seconds (ten years)')
        if "speed" in options:
            self.data.clock.set_speed(float(options["speed"]))
        if "advance" in options:
            self.data.clock.advance(float(options["advance"]))
        return answer(self.clock_state())

    async def load_scenario(self, request: Request) -> Response:
        """Add to or replace the data with a scenario (YAML or JSON, as `--scenario` reads)."""
        self.require_admin(request)
        body = await self.bounded_body(request)
        try:
            scenario = parse_scenario(body, {mount.dialect.name: mount.dialect for mount in self.mounts.values()})
        except ScenarioError as error:
            raise invalid(f"scenario: {error}") from None
        applied = {}
        for name, tenants in scenario.tenants.items():
            store = self.refusing_conflicts(self.mounts[name].apply, AddTenants(tenants, scenario.replace)).store
            applied[name] = {"tenants": len(store.tenants), "runs": len(store.all_runs)}
        return answer({"applied": applied, "fixtures": {name: mount.fixture for name, mount in self.mounts.items()}})

    async def add_run(self, request: Request) -> Response:
        """Add one run in a given state (`{"dialect": "b3os", "status": "running"}`)."""
        allowed = {"dialect", "status", "origin", "tenant_id", "workflow_id", "error", "id"}
        options = await self.json_body(request, allowed=allowed)
        mount = self.mount_named(options.get("dialect"))
        if "status" not in options:
            raise invalid(f'"status" is required: one of {", ".join(mount.dialect.statuses)}')
        try:
            run = read_run(
                mount.dialect, {k: options[k] for k in ("status", "origin", "error", "id") if k in options}, ("runs",)
            )
        except ScenarioError as error:
            raise invalid(str(error)) from None
        view = mount.read().view
        tenant_id = str(options.get("tenant_id", view.demo.tenant_id))
        workflow_id = str(options.get("workflow_id", view.demo.workflow_id))
        if view.workflow(tenant_id, workflow_id) is None:
            raise invalid(f"no workflow {workflow_id} in tenant {tenant_id}; see /__mock__/fixtures")
        spec = TenantSpec(tenant_id, None, (WorkflowSpec(workflow_id, None, (run,)),))
        added = self.refusing_conflicts(mount.submit, AddTenants((spec,)))
        status = next(name for name, state in mount.dialect.statuses.items() if state is added.state)
        body = {"dialect": mount.dialect.name, "id": added.id, "tenant_id": tenant_id, "workflow_id": workflow_id}
        return answer({**body, "status": status, "created_at": iso(added.created_at)}, 201)

    async def requests(self, request: Request) -> Response:
        """The requests received, latest last, tokens redacted (`?dialect=NAME&limit=N`)."""
        self.require_admin(request)
        query = request.query_params
        unknown = set(query) - {"dialect", "limit"}
        if unknown:
            raise invalid(f"unknown query parameter {sorted(unknown)[0]}; use dialect and limit")
        prefix = ""
        if "dialect" in query:
            prefix = self.mount_named(query["dialect"]).prefix
        limit = query.get("limit")
        if limit is not None and (not limit.isdigit() or int(limit) < 1):
            raise invalid("limit must be a whole number of at least 1")
        return answer({"requests": self.data.log.entries(prefix, int(limit) if limit else None)})

    async def forget_requests(self, request: Request) -> Response:
        """Forget the requests received."""
        self.require_admin(request)
        self.data.log.clear()
        return Response(status_code=204)

    # --- helpers -----------------------------------------------------------------------------------------
    @staticmethod
    def refusing_conflicts(apply: Callable[[AddTenants], T], change: AddTenants) -> T:
        """`apply(change)`, a scenario the data cannot hold refused with the 400 saying why."""
        try:
            return apply(change)
        except ScenarioConflict as error:
            raise invalid(str(error)) from None

    def mount_named(self, name: object) -> Mount:
        if name is None and len(self.mounts) == 1:
            return next(iter(self.mounts.values()))
        mount = self.mounts.get(str(name)) if name is not None else None
        if mount is None:
            raise invalid(f'"dialect" must name a served dialect: {", ".join(self.mounts)}')
        return mount

    async def json_body(self, request: Request, allowed: set[str]) -> dict[str, Any]:
        self.require_admin(request)
        body = await self.bounded_body(request)
        try:
            options = orjson.loads(body) if body.strip() else {}
        except orjson.JSONDecodeError:
            raise invalid("the body must be a JSON object") from None
        if not isinstance(options, dict):
            raise invalid("the body must be a JSON object")
        unknown = set(options) - allowed
        if unknown:
            raise invalid(f'unknown field "{sorted(unknown)[0]}"; this route takes: {", ".join(sorted(allowed))}')
        return options

    @staticmethod
    async def bounded_body(request: Request) -> bytes:
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_CONTROL_BODY:
                raise invalid(f"the request body is larger than {MAX_CONTROL_BODY} bytes")
        return body

    def require_admin(self, request: Request) -> None:
        if self.admin is None:
            message = "admin routes are off: start the mock with --admin-token or MOCK_ADMIN_TOKEN to use them"
            raise MockProblem(Problem(ProblemKind.FORBIDDEN, message))
        self.admin.check_authorizations(request.headers.getlist("authorization"))


OPEN_ROUTES = frozenset({"fixtures", "read_clock"})
"""The routes that answer without the admin token."""
ROUTES: tuple[tuple[str, str, str], ...] = (
    ("/fixtures", "GET", "fixtures"),
    ("/clock", "GET", "read_clock"),
    ("/reset", "POST", "reset"),
    ("/clock", "POST", "move_clock"),
    ("/scenario", "POST", "load_scenario"),
    ("/runs", "POST", "add_run"),
    ("/requests", "GET", "requests"),
    ("/requests", "DELETE", "forget_requests"),
)
