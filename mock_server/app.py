"""The Connexion wiring: one `add_api` per dialect, and everything that turns dialects into an ASGI app.

This is the only module that knows Connexion. Per dialect it plugs in
- the spec, read from `specs/` (the single source of truth), served with its Swagger UI;
- a bearer-token security handler that raises `MockProblem` (401) in place of Connexion's problem+json;
- the parameter validator of `mock_server.web.validation`, whose issues the dialect renders;
- an async handler, resolved from the operationId, that asks the dialect for its reply.
Error handlers render every failure (ours, Connexion's, Starlette's, and unexpected exceptions) in the shape
of the dialect the request was for, so a client never sees problem+json or a stack trace.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Hashable, Mapping
from pathlib import Path

from connexion import AsyncApp
from connexion.datastructures import MediaTypeDict
from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.middleware import MiddlewarePosition
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from mock_server.config import ConfigError, for_dialect
from mock_server.data.changes import AddTenants
from mock_server.data.compose import ScenarioConflict
from mock_server.data.shared_log import SharedState
from mock_server.dialects import DIALECTS
from mock_server.dialects.base import Reply
from mock_server.misbehaviour.chaos import ErrorRate, Latency, seeded
from mock_server.misbehaviour.documented import DocumentedAnswers
from mock_server.misbehaviour.overrides import overriding
from mock_server.misbehaviour.prefer import Preferences
from mock_server.misbehaviour.rate_limit import DOCUMENTED_LIMIT, FixedWindow, Policy, RateLimits
from mock_server.problems import MockProblem
from mock_server.scenarios.scenario import Scenario, ScenarioError, parse_scenario
from mock_server.settings import Settings as Settings
from mock_server.specification import add_checked_api, check
from mock_server.web.admin_index import admin_routes
from mock_server.web.auth import TokenRegistry
from mock_server.web.control import CONTROL_PREFIX, Control
from mock_server.web.control import ROUTES as CONTROL_ROUTES
from mock_server.web.cors import PathMethods
from mock_server.web.data_set import DataSet
from mock_server.web.headers import AnswerHeaders
from mock_server.web.landing import Landing
from mock_server.web.operations import handled_operations, make_handler
from mock_server.web.paths import StrictPaths
from mock_server.web.plugins import (
    DirectApi,
    Handler,
    ResponseValidator,
    make_parameter_validator,
    make_security_handler,
    problem_from,
)
from mock_server.web.repeats import RepeatedRequests
from mock_server.web.replies import JSON, ReplyCache, encode
from mock_server.web.request_ids import RequestIds, Stamp, StampRequestIds, placeholder_of
from mock_server.web.sandbox_control import SANDBOX_ROUTES, SandboxControl
from mock_server.web.sandboxes import DEFAULT as DEFAULT_SANDBOX
from mock_server.web.sandboxes import Sandbox, Sandboxes, SandboxLogs
from mock_server.web.served_spec import ServedSpec, demo_of
from mock_server.web.stack import quicker_middlewares
from mock_server.web.state import Mount
from mock_server.web.validation import RuleCache, ignores_unknown_query
from workflow_runs_specs.reader import Spec

logger = logging.getLogger("mock_server")

SANDBOX_REPLIES = (256, 4 * 1024 * 1024)
"""Replies a client's sandbox remembers per dialect, in number and bytes."""


class MockApp:
    """Builds the Connexion app for `settings` and keeps the per-dialect state, in a sandbox per client."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # The app's own dialect instances: what each remembers (its renderings) serves this app alone.
        self.dialects = {name: DIALECTS[name]() for name in settings.dialects}
        self.scenario = None if settings.scenario is None else self.read_scenario(settings.scenario)
        self.state = None if settings.state is None else SharedState.connect(settings.state, settings.seed)
        self.sandboxes = Sandboxes(self.new_sandbox, settings.sandbox_idle_seconds, settings.max_sandboxes)
        self.check_bound_tokens()
        self.control = Control(self.sandboxes, settings.admin_token)
        self.sandbox_control = SandboxControl(self.sandboxes, self.control.require_admin)
        self.app = self.build()

    @property
    def mounts(self) -> Mapping[str, Mount]:
        """The dialects as the default sandbox serves them (each sandbox's have the same dialects and prefixes)."""
        return self.sandboxes.default.mounts

    def new_sandbox(self, name: str) -> Sandbox:
        """A sandbox as the mock starts: the seed's data with the scenario of `--scenario`, the clock at the
        reference time, no request logged."""
        settings = self.settings
        vocabularies = (dialect.vocabulary for dialect in self.dialects.values())
        data, starting = DataSet.started(
            self.state, name, settings.seed, vocabularies, settings.clock_speed, settings.request_log_capacity
        )
        mounts: dict[str, Mount] = {}
        for dialect in self.dialects.values():
            prefix = f"/{dialect.name}" if settings.mounted else ""
            tokens = TokenRegistry(settings.tokens, dict(settings.bound_tokens))
            # A sandbox of a client serves fewer requests than the shared one: it remembers fewer replies.
            replies = ReplyCache() if name == DEFAULT_SANDBOX else ReplyCache(*SANDBOX_REPLIES)
            mounts[dialect.name] = Mount(
                dialect, prefix, tokens, data, replies, demo_token=settings.demo_tokens, read_only=settings.read_only
            )
        if self.scenario is not None and starting:
            for dialect_name, tenants in self.scenario.tenants.items():
                try:
                    mounts[dialect_name].apply(AddTenants(tenants, self.scenario.replace))
                except ScenarioConflict as error:
                    raise ScenarioError(f"{settings.scenario}: dialects.{dialect_name}: {error}") from None
        return Sandbox(name, data, mounts)

    def read_scenario(self, path: str) -> Scenario:
        """The scenario file at `path`, or raise `ScenarioError` saying what is wrong with it."""
        try:
            text = Path(path).read_bytes()
        except OSError as error:
            raise ScenarioError(f"cannot read {path}: {error.strerror}") from None
        return parse_scenario(text, self.dialects)

    def check_bound_tokens(self) -> None:
        """Raise `ConfigError` for a token bound to a tenant that no served dialect has."""
        for _, tenant_id in self.settings.bound_tokens:
            if all(mount.read().view.tenant(tenant_id) is None for mount in self.mounts.values()):
                raise ConfigError(
                    f"--token ...={tenant_id}: no served dialect has a tenant {tenant_id}; "
                    "each dialect's tenants are listed under `tenants` in /__mock__/fixtures"
                )

    def build(self) -> AsyncApp:
        # Connexion would serve its ref-resolved copy of the spec, which the recursive usage-call schemas make
        # cyclic (unserialisable); the raw document is served instead (`web/served_spec.py`).
        app = AsyncApp(__name__, swagger_ui_options=SwaggerUIOptions(swagger_ui_path="/ui", serve_spec=False))
        app._middleware_app.api_cls = DirectApi  # operations call handlers directly (see DirectOperation)
        rules = RuleCache()
        limits: dict[str, Policy] = {}
        paths = PathMethods()
        for name, mount in self.mounts.items():
            spec = Spec.of_dialect(name)
            dialect_handlers = mount.dialect.handlers()
            limit = for_dialect(self.settings.rate_limits, name, 0)
            rate = for_dialect(self.settings.error_rates, name, 0.0)
            rng = seeded(self.settings.seed, f"errors:{name}")
            handlers: dict[str, Handler] = {}
            advertised = False
            listing = spec.list_runs().operation_id
            for operation_id, operation in handled_operations(name, spec, dialect_handlers).items():
                answers = DocumentedAnswers(operation, mount.dialect, limit or DOCUMENTED_LIMIT)
                # Only the list fails at the error rate: the read a frontend polls, whose failures it must survive.
                failing = ErrorRate(rate, answers.failures, rng) if rate and operation_id == listing else None
                handler = make_handler(name, operation, dialect_handlers[operation_id])
                handlers[operation_id] = overriding(handler, answers, failing)
                advertised = advertised or answers.documents("X-RateLimit-Limit")
            if limit:
                limits[mount.prefix] = Policy(FixedWindow(limit), advertised)
            for operation in spec.operations:
                paths.add(f"{mount.prefix}{operation.path}", [operation.method])
            paths.add(f"{mount.prefix}/openapi.json", ["GET"])
            paths.add(f"{mount.prefix}/ui/{{page:path}}", ["GET"])
            served = ServedSpec(dict(spec.document), mount.prefix or "/")
            app.add_url_rule(
                f"{mount.prefix}/openapi.json", f"{name}-spec", self.spec_endpoint(mount, served), methods=["GET"]
            )
            add_checked_api(
                app,
                check(dict(spec.document), spec.source),
                base_path=mount.prefix,
                name=name,
                resolver=Resolver(function_resolver=handlers.__getitem__),
                security_map={"bearer": make_security_handler(self.sandboxes, name)},
                validator_map={
                    "parameter": make_parameter_validator(rules, ignore_unknown=ignores_unknown_query(spec.document)),
                    "response": MediaTypeDict({"*/*json": ResponseValidator}),
                    # Bodies are read and checked by the operation (`web/bodies.py`), in the dialect's shape.
                    "body": MediaTypeDict({}),
                },
                strict_validation=True,
                validate_responses=self.settings.validate_responses,
            )
        for path, method, name in CONTROL_ROUTES:
            app.add_url_rule(f"{CONTROL_PREFIX}{path}", name, getattr(self.control, name), methods=[method])
            paths.add(f"{CONTROL_PREFIX}{path}", [method])
        for path, method, name in SANDBOX_ROUTES:
            app.add_url_rule(f"{CONTROL_PREFIX}{path}", name, getattr(self.sandbox_control, name), methods=[method])
            paths.add(f"{CONTROL_PREFIX}{path}", [method])
        for error in (MockProblem, ProblemException, HTTPException, Exception):
            app.add_error_handler(error, self.render_error)
        # CORS, the hardening headers and the request log, as one layer (one wrapper of `send` when no `Origin`).
        app.add_middleware(
            AnswerHeaders,
            position=MiddlewarePosition.BEFORE_EXCEPTION,
            log=SandboxLogs(self.sandboxes, CONTROL_PREFIX),
            shared=self.state is not None,
            allow_origins=self.settings.cors_origins,
            paths=paths,
        )
        # Outside every memory of replies, so each answer gets a request id of its own where the dialect has one.
        app.add_middleware(StampRequestIds, position=MiddlewarePosition.BEFORE_EXCEPTION, stamp_for=self.stamp_for)
        # Outside the exception middleware, so a truncated answer can be any answer, errors included; it holds
        # the answer until it knows authentication's verdict, and applies delay and fault only on acceptance.
        app.add_middleware(Preferences, position=MiddlewarePosition.BEFORE_EXCEPTION)
        # Behind authentication: an unauthenticated request is neither held nor counted, it gets its 401 at once.
        low, high = self.settings.latency_ms
        if high:
            latency = {"low_ms": low, "high_ms": high, "rng": seeded(self.settings.seed, "latency")}
            app.add_middleware(Latency, position=MiddlewarePosition.BEFORE_VALIDATION, **latency)
        if limits:
            app.add_middleware(RateLimits, position=MiddlewarePosition.BEFORE_VALIDATION, policies=limits)
        app.add_middleware(StrictPaths, position=MiddlewarePosition.BEFORE_SWAGGER)
        list_paths = {name: Spec.of_dialect(name).list_runs().path for name in self.mounts}
        landing = {"mounts": self.mounts, "list_paths": list_paths, "admin_routes": admin_routes}
        app.add_middleware(Landing, position=MiddlewarePosition.BEFORE_SWAGGER, **landing)
        for page in ("/", CONTROL_PREFIX, *(mount.prefix for mount in self.mounts.values() if mount.prefix)):
            paths.add(page, ["GET"])
        if not (high or self.settings.error_rates or limits):  # each of those answers every request afresh
            app.add_middleware(
                RepeatedRequests, position=MiddlewarePosition.BEFORE_EXCEPTION, version_of=self.version_of
            )
        # Last: Connexion places added middleware by these classes; the stack is built at the first request.
        middleware = app.middleware
        middleware.middlewares[:] = quicker_middlewares(
            middleware.middlewares,
            lifespan=middleware.lifespan is not None,
            validating_responses=self.settings.validate_responses,
        )
        return app

    def version_of(self, path: str, sandbox: str | None) -> Hashable:
        """The version of the data that answers `path` now in the sandbox named (None outside the dialects, or for
        a sandbox that does not exist)."""
        mount = self.mount_for(path)
        found = None if mount is None else self.sandboxes.named(sandbox)
        if mount is None or found is None:
            return None
        return found.data.serial, found.mounts[mount.dialect.name].version()

    def stamp_for(self, path: str) -> Stamp | None:
        """How the answers to `path` get their request ids (None where the dialect has none): from the sandbox
        that served each."""
        mount = self.mount_for(path)
        if mount is None or mount.dialect.request_id_field is None:
            return None
        name = mount.dialect.name

        def ids_for(scope: Scope) -> RequestIds:
            return self.sandboxes.serving(scope).mounts[name].request_ids

        return placeholder_of(mount.dialect.request_id_field), ids_for

    @staticmethod
    def spec_endpoint(mount: Mount, served: ServedSpec) -> Callable[[Request], Awaitable[Response]]:
        """The endpoint of the spec as served to Swagger UI, with the demo data of the moment as its examples."""

        async def serve_spec(request: Request) -> Response:
            return Response(served.body(demo_of(mount)), media_type=JSON)

        return serve_spec

    def mount_for(self, path: str) -> Mount | None:
        """The dialect `path` belongs to, whose error shape its failures take; None for control routes."""
        if path.startswith(CONTROL_PREFIX):
            return None
        if not self.settings.mounted:
            return next(iter(self.mounts.values()))
        first = path.lstrip("/").split("/", 1)[0]
        return self.mounts.get(first)

    def render_error(self, request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        problem = problem_from(exc)
        path = request.url.path
        mount = self.mount_for(path)
        if mount is None:
            served = ", ".join(f"/{name}" for name in self.mounts)
            where = "" if path.startswith(CONTROL_PREFIX) else f". Dialects are served at {served}"
            reply = Reply(problem.kind.value, {"message": f"{problem.message}{where}"}, problem.headers)
        else:
            reply = mount.dialect.error(problem)
        return ConnexionResponse(
            status_code=reply.status, body=encode(reply.body), headers=dict(reply.headers), mimetype=JSON
        )


def create_app(settings: Settings | None = None) -> AsyncApp:
    """The ASGI app serving `settings.dialects` (all five by default)."""
    return MockApp(settings or Settings()).app
