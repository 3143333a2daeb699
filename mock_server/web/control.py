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

Each route acts on the sandbox the request names with `X-Mock-Sandbox` (`default` without it): the open routes show
a sandbox not made yet as it would start; the admin routes make it. Answers are plain JSON (`{"message": ...}` on
errors), not any vendor's shape.
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
from mock_server.web.replies import JSON, encode
from mock_server.web.sandboxes import NAME, Sandbox, Sandboxes, invalid_name, requested
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
    """The control routes of each sandbox; every change to its data is a `Change` one of its mounts applies."""

    def __init__(self, sandboxes: Sandboxes, admin_token: str | None) -> None:
        self.sandboxes = sandboxes
        self.admin = TokenRegistry([admin_token]) if admin_token else None

    # --- open --------------------------------------------------------------------------------------------
    async def fixtures(self, request: Request) -> Response:
        """Per dialect, a token that works and the path parameters of the demo data; the same for every tenant."""
        return answer(fixtures(self.shown(request).mounts))

    async def read_clock(self, request: Request) -> Response:
        """The virtual clock: its time now and its speed."""
        sandbox = self.shown(request)
        if sandbox is self.sandboxes.pristine:  # its clock would start now, at the reference time
            return answer({"now": iso(REFERENCE_TIME), "speed": sandbox.data.clock.speed})
        return answer(clock_state(sandbox))

    # --- admin -------------------------------------------------------------------------------------------
    async def reset(self, request: Request) -> Response:
        """Regenerate every dialect's data from a seed (the body's `seed`, or the current one); rewind the clock."""
        options = await self.json_body(request, allowed={"seed"})
        sandbox = self.admitted(request)
        seed = options.get("seed", next(iter(sandbox.mounts.values())).seed)
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise invalid('"seed" must be an integer')
        for mount in sandbox.mounts.values():
            mount.apply(Reset(seed))
        sandbox.data.clock.reset(REFERENCE_TIME)
        sandbox.data.log.clear()
        return answer({"seed": seed, "fixtures": fixtures(sandbox.mounts)})

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
        sandbox = self.admitted(request)
        if "speed" in options:
            sandbox.data.clock.set_speed(float(options["speed"]))
        if "advance" in options:
            sandbox.data.clock.advance(float(options["advance"]))
        return answer(clock_state(sandbox))

    async def load_scenario(self, request: Request) -> Response:
        """Add to or replace the data with a scenario (YAML or JSON, as `--scenario` reads)."""
        self.require_admin(request)
        body = await self.bounded_body(request)
        sandbox = self.admitted(request)
        mounts = sandbox.mounts
        try:
            scenario = parse_scenario(body, {mount.dialect.name: mount.dialect for mount in mounts.values()})
        except ScenarioError as error:
            raise invalid(f"scenario: {error}") from None
        applied = {}
        for name, tenants in scenario.tenants.items():
            store = self.refusing_conflicts(mounts[name].apply, AddTenants(tenants, scenario.replace)).store
            applied[name] = {"tenants": len(store.tenants), "runs": len(store.all_runs)}
        return answer({"applied": applied, "fixtures": fixtures(mounts)})

    async def add_run(self, request: Request) -> Response:
        """Add one run in a given state (`{"dialect": "b3os", "status": "running"}`)."""
        allowed = {"dialect", "status", "origin", "tenant_id", "workflow_id", "error", "id"}
        options = await self.json_body(request, allowed=allowed)
        mount = self.mount_named(self.admitted(request).mounts, options.get("dialect"))
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
        sandbox = self.admitted(request)
        prefix = ""
        if "dialect" in query:
            prefix = self.mount_named(sandbox.mounts, query["dialect"]).prefix
        limit = query.get("limit")
        if limit is not None and (not limit.isdigit() or int(limit) < 1):
            raise invalid("limit must be a whole number of at least 1")
        return answer({"requests": sandbox.data.log.entries(prefix, int(limit) if limit else None)})

    async def forget_requests(self, request: Request) -> Response:
        """Forget the requests received."""
        self.require_admin(request)
        self.admitted(request).data.log.clear()
        return Response(status_code=204)

    # --- helpers -----------------------------------------------------------------------------------------
    @staticmethod
    def refusing_conflicts(apply: Callable[[AddTenants], T], change: AddTenants) -> T:
        """`apply(change)`, a scenario the data cannot hold refused with the 400 saying why."""
        try:
            return apply(change)
        except ScenarioConflict as error:
            raise invalid(str(error)) from None

    @staticmethod
    def mount_named(mounts: Mapping[str, Mount], name: object) -> Mount:
        if name is None and len(mounts) == 1:
            return next(iter(mounts.values()))
        mount = mounts.get(str(name)) if name is not None else None
        if mount is None:
            raise invalid(f'"dialect" must name a served dialect: {", ".join(mounts)}')
        return mount

    def shown(self, request: Request) -> Sandbox:
        """The sandbox the request names, or, not made yet, one as it would start (an open route makes none)."""
        name = requested(request.scope)
        if name is not None and NAME.fullmatch(name) is None:
            raise MockProblem(invalid_name(name))
        return self.sandboxes.named(name) or self.sandboxes.pristine

    def admitted(self, request: Request) -> Sandbox:
        """The sandbox the request names, made if it does not exist (after the admin token was checked)."""
        return self.sandboxes.acquire(requested(request.scope))

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


def fixtures(mounts: Mapping[str, Mount]) -> dict[str, Any]:
    return {name: mount.fixture for name, mount in mounts.items()}


def clock_state(sandbox: Sandbox) -> dict[str, Any]:
    return {"now": iso(sandbox.data.now()), "speed": sandbox.data.clock.speed}


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
