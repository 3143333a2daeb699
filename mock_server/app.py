"""The Connexion wiring: one `add_api` per dialect, and everything that turns dialects into an ASGI app.

This is the only module that knows Connexion. Per dialect it plugs in
- the spec, read from `specs/` (the single source of truth), served with its Swagger UI;
- a bearer-token security handler that raises `MockProblem` (401) in place of Connexion's problem+json;
- the parameter validator of `mock_server.validation`, whose issues the dialect renders;
- an async handler, resolved from the operationId, that asks the dialect for its reply.
Error handlers render every failure (ours, Connexion's, Starlette's, and unexpected exceptions) in the shape
of the dialect the request was for, so a client never sees problem+json or a stack trace.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from connexion import AsyncApp
from connexion.context import context
from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.middleware import MiddlewarePosition
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response

from mock_server.auth import TokenRegistry
from mock_server.dialects import DIALECTS, Dialect
from mock_server.dialects.base import ListRequest, Reply
from mock_server.generate import generate_store
from mock_server.problems import MockProblem, Problem, ProblemKind
from mock_server.store import Store
from mock_server.validation import ParsedParameters, RuleCache
from specs import spec_path

logger = logging.getLogger("mock_server")

PARAMETERS_KEY = "mock_parameters"
EXPOSED_HEADERS = (
    "pagination-count",
    "pagination-page",
    "pagination-take",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "Retry-After",
)


@dataclass(frozen=True)
class Settings:
    """What the mock serves and how; the CLI builds one from its options."""

    dialects: tuple[str, ...] = tuple(DIALECTS)
    seed: int = 0
    tokens: tuple[str, ...] = ()
    """Tokens accepted by every dialect, besides each dialect's demo token."""
    cors_origins: tuple[str, ...] = ("*",)
    validate_responses: bool = False

    @property
    def mounted(self) -> bool:
        """Several dialects are served each under /<dialect>; a single one at /."""
        return len(self.dialects) > 1


@dataclass
class Mount:
    """One served dialect and its state."""

    dialect: Dialect
    store: Store
    tokens: TokenRegistry
    prefix: str
    fixture: dict[str, Any] = field(default_factory=dict)


def json_response(reply: Reply) -> Response:
    body = json.dumps(reply.body, separators=(",", ":"), ensure_ascii=False).encode()
    return Response(body, reply.status, headers=dict(reply.headers), media_type="application/json")


def make_security_handler(tokens: TokenRegistry) -> type:
    """A Connexion security handler class for `bearer` schemes that checks against `tokens`."""

    class BearerTokenHandler:
        def get_fn(
            self, security_scheme: Mapping[str, Any], required_scopes: Sequence[str]
        ) -> Callable[[ConnexionRequest], Awaitable[dict[str, str]]]:
            async def verify(request: ConnexionRequest) -> dict[str, str]:
                tokens.check_authorization(request.headers.get("authorization"))
                return {"sub": "mock-client"}

            return verify

    return BearerTokenHandler


def make_parameter_validator(cache: RuleCache) -> type:
    """A Connexion parameter validator class that hands the typed parameters on to the handler."""

    class ParameterValidator:
        def __init__(self, parameters: Sequence[Mapping[str, Any]], **_: Any) -> None:
            self.rules = cache.rules_for(parameters)

        def validate(self, scope: dict[str, Any]) -> None:
            parsed = self.rules.parse(scope.get("query_string", b""), scope.get("path_params", {}))
            extensions = scope.setdefault("extensions", {})
            extensions.setdefault("connexion_context", {})[PARAMETERS_KEY] = parsed

    return ParameterValidator


def make_handler(mount: Mount) -> Callable[..., Awaitable[Response]]:
    # Connexion passes the parameters as keyword arguments too; the validated ones from the context are used.
    async def list_runs(**_: Any) -> Response:
        parsed: ParsedParameters = context[PARAMETERS_KEY]
        request = ListRequest(path=parsed.path, query=parsed.query, default_tenant_id=mount.store.demo.tenant_id)
        return json_response(mount.dialect.list_runs(mount.store, request))

    return list_runs


def problem_from(exc: Exception) -> Problem:
    """The neutral description of any exception that reached the error handlers."""
    if isinstance(exc, MockProblem):
        return exc.problem
    if isinstance(exc, HTTPException):
        headers = dict(exc.headers or {})
        try:
            kind = ProblemKind(exc.status_code)
        except ValueError:
            kind = ProblemKind.INVALID_REQUEST if exc.status_code < 500 else ProblemKind.SERVER_ERROR
        detail = exc.detail if isinstance(exc, ProblemException) else None
        messages = {
            ProblemKind.UNAUTHORIZED: "Not authenticated: send an Authorization: Bearer <token> header",
            ProblemKind.NOT_FOUND: "Not found: no such endpoint",
            ProblemKind.METHOD_NOT_ALLOWED: f"Method not allowed; allowed: {headers.get('Allow', 'GET')}",
            ProblemKind.UNSUPPORTED_MEDIA_TYPE: "Unsupported media type",
        }
        return Problem(kind, messages.get(kind) or str(detail or exc.detail), headers=headers)
    logger.error("unexpected error while handling a request", exc_info=exc)
    return Problem(ProblemKind.SERVER_ERROR, "Internal server error")


class MockApp:
    """Builds the Connexion app for `settings` and keeps the per-dialect state."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.mounts: dict[str, Mount] = {}
        for name in settings.dialects:
            dialect = DIALECTS[name]
            store = generate_store(settings.seed, dialect.vocabulary)
            prefix = f"/{name}" if settings.mounted else ""
            tokens = TokenRegistry((dialect.demo_token, *settings.tokens))
            fixture = {"token": dialect.demo_token, "params": dialect.fixture_params(store)}
            self.mounts[name] = Mount(dialect, store, tokens, prefix, fixture)
        self.app = self.build()

    def build(self) -> AsyncApp:
        # Connexion would serve its ref-resolved copy of the spec, which the recursive usage-call schemas make
        # cyclic (unserialisable); the raw document is served by `served_spec` instead.
        app = AsyncApp(__name__, swagger_ui_options=SwaggerUIOptions(swagger_ui_path="/ui", serve_spec=False))
        rules = RuleCache()
        for name, mount in self.mounts.items():
            handler = make_handler(mount)
            with spec_path(name).open(encoding="utf-8") as handle:
                spec = yaml.safe_load(handle)
            served = json.dumps(self.served_spec(spec, mount.prefix or "/")).encode()
            app.add_url_rule(
                f"{mount.prefix}/openapi.json", f"{name}-spec", self.spec_endpoint(served), methods=["GET"]
            )
            app.add_api(
                spec,
                base_path=mount.prefix,
                name=name,
                resolver=Resolver(function_resolver=lambda _operation_id, handler=handler: handler),
                security_map={"bearer": make_security_handler(mount.tokens)},
                validator_map={"parameter": make_parameter_validator(rules)},
                strict_validation=True,
                validate_responses=self.settings.validate_responses,
            )
        app.add_url_rule("/__mock__/fixtures", "fixtures", self.fixtures, methods=["GET"])
        for error in (MockProblem, ProblemException, HTTPException, Exception):
            app.add_error_handler(error, self.render_error)
        app.add_middleware(
            CORSMiddleware,
            position=MiddlewarePosition.BEFORE_EXCEPTION,
            allow_origins=list(self.settings.cors_origins),
            allow_methods=["GET", "HEAD", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type", "Prefer"],
            expose_headers=list(EXPOSED_HEADERS),
        )
        return app

    @staticmethod
    def served_spec(spec: dict[str, Any], base_path: str) -> dict[str, Any]:
        """The spec as served to Swagger UI: the mock first among the servers, so "Try it out" calls it."""
        mock_server = {"url": base_path, "description": "This mock server"}
        return {**spec, "servers": [mock_server, *spec.get("servers", [])]}

    @staticmethod
    def spec_endpoint(body: bytes) -> Callable[[Request], Awaitable[Response]]:
        async def serve_spec(request: Request) -> Response:
            return Response(body, media_type="application/json")

        return serve_spec

    async def fixtures(self, request: Request) -> Response:
        return json_response(Reply(200, {name: mount.fixture for name, mount in self.mounts.items()}))

    def mount_for(self, path: str) -> Mount | None:
        if not self.settings.mounted:
            return next(iter(self.mounts.values()))
        first = path.lstrip("/").split("/", 1)[0]
        return self.mounts.get(first)

    def render_error(self, request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        problem = problem_from(exc)
        mount = self.mount_for(request.url.path)
        if mount is None:
            served = ", ".join(f"/{name}" for name in self.mounts)
            reply = Reply(
                problem.kind.value,
                {"message": f"{problem.message}. Dialects are served at {served}"},
                problem.headers,
            )
        else:
            reply = mount.dialect.error(problem)
        body = json.dumps(reply.body, separators=(",", ":"), ensure_ascii=False).encode()
        return ConnexionResponse(
            status_code=reply.status, body=body, headers=dict(reply.headers), mimetype="application/json"
        )


def create_app(settings: Settings | None = None) -> AsyncApp:
    """The ASGI app serving `settings.dialects` (all five by default)."""
    return MockApp(settings or Settings()).app
