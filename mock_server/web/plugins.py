"""The pieces of ours that plug into Connexion: security handler, validators, and a direct operation.

Connexion takes them through `security_map`, `validator_map`, its API class and its middleware list
(`stack.quicker_middlewares`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, ClassVar

from connexion.apps.asynchronous import AsyncApi
from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionRequest
from connexion.middleware.request_validation import (
    RequestValidationAPI,
    RequestValidationMiddleware,
    RequestValidationOperation,
)
from connexion.middleware.security import SecurityAPI, SecurityMiddleware, SecurityOperation
from connexion.middleware.swagger_ui import SwaggerUIMiddleware
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from mock_server.data.shared_log import StateUnavailable
from mock_server.problems import Issue, IssueCode, MockProblem, Problem, ProblemKind
from mock_server.web.auth import ACCESS_KEY, AUTHENTICATED_KEY
from mock_server.web.bodies import read_body
from mock_server.web.request_headers import first_header
from mock_server.web.response_validation import ResponseValidator as ResponseValidator
from mock_server.web.sandboxes import SANDBOX_KEY, Sandboxes, requested
from mock_server.web.validation import RuleCache

PARAMETERS_KEY = "mock_parameters"
"""Where the parameter validator leaves the typed parameters for the handler, in Connexion's context."""
BODY_KEY = "mock_server.body"
"""Where the operation leaves the raw body of a request that may carry one, for the handler."""

Handler = Callable[[Scope], Awaitable[ASGIApp]]
"""An operation's handler: the scope in, the ASGI response (`replies.Encoded`) out."""
logger = logging.getLogger("mock_server")


def routed_api(scope: Scope) -> str | None:
    """The base path of the API whose operation Connexion routed the request to; None if not routed to one."""
    routing: dict[str, Any] = scope.get("extensions", {}).get("connexion_routing", {})
    return routing.get("api_base_path") if routing.get("operation_id") is not None else None


class BearerVerification:
    """The verification function of a bearer scheme: Connexion calls it with a request; `authenticate` is the same
    check on the ASGI scope, which `QuickSecurity` calls without making a request object."""

    def __init__(self, sandboxes: Sandboxes, dialect: str) -> None:
        self.sandboxes = sandboxes
        self.dialect = dialect

    async def __call__(self, request: ConnexionRequest) -> dict[str, str]:
        self.authenticate(request.scope)
        return {"sub": "mock-client"}

    def authenticate(self, scope: Scope) -> None:
        """Record the token of the request's only, valid `Authorization` header, what it sees and the sandbox that
        serves it (made now if the request names a new one), or raise a 401 `MockProblem` (then no sandbox is
        made), or the sandboxes' 400 or 429."""
        # The raw ASGI headers (names in lowercase), as `Headers.getlist` reads them, without building it.
        given = [value.decode("latin-1") for name, value in scope["headers"] if name == b"authorization"]
        name = requested(scope)
        token, access = self.sandboxes.tokens(name, self.dialect).check_authorizations(given)
        sandbox = self.sandboxes.acquire(name)
        # Layers outside Connexion's routing share this `extensions` dict (they create it), and read the verdict
        # from it rather than judge the headers again.
        extensions = scope.setdefault("extensions", {})
        extensions[SANDBOX_KEY] = sandbox
        extensions[AUTHENTICATED_KEY] = token
        extensions[ACCESS_KEY] = access


def make_security_handler(sandboxes: Sandboxes, dialect: str) -> type:
    """A Connexion security handler class for `dialect`'s `bearer` schemes: checks against the tokens of the sandbox
    a request names."""

    class BearerTokenHandler:
        def get_fn(self, security_scheme: Mapping[str, Any], required_scopes: Sequence[str]) -> BearerVerification:
            return BearerVerification(sandboxes, dialect)

    return BearerTokenHandler


class QuickSecurity(SecurityOperation):  # type: ignore[misc]  # Connexion is untyped
    """Connexion's security check of one operation, calling our bearer check on the scope when it is the only one.

    For an operation whose security is one requirement of one scheme verified by `BearerVerification`, Connexion
    would wrap the scope in a request, call its chain of verification functions (which re-raises our 401) and
    store the token info in a context nothing here reads; the same check runs on the scope at once. Any other
    security takes Connexion's path.
    """

    def __init__(self, next_app: Any, **kwargs: Any) -> None:
        super().__init__(next_app, **kwargs)
        self.authenticate: Callable[[Scope], None] | None = None
        if len(self.security) == 1 and len(self.security[0]) == 1:
            ((name, scopes),) = self.security[0].items()
            verify = self.security_handler_factory.parse_security_scheme(self.security_schemes[name], scopes)
            if isinstance(verify, BearerVerification):
                self.authenticate = verify.authenticate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.authenticate is None:
            await super().__call__(scope, receive, send)
            return
        self.authenticate(scope)
        await self.next_app(scope, receive, send)


class QuickSecurityApi(SecurityAPI):  # type: ignore[misc]  # Connexion is untyped
    def make_operation(self, operation: Any) -> QuickSecurity:
        return QuickSecurity(
            self.next_app,
            security_handler_factory=self.security_handler_factory,
            security=operation.security,
            security_schemes=operation.security_schemes,
        )


class QuickSecurityMiddleware(SecurityMiddleware):  # type: ignore[misc]  # Connexion is untyped
    api_cls = QuickSecurityApi


def make_parameter_validator(cache: RuleCache, *, ignore_unknown: bool = False) -> type:
    """A Connexion parameter validator class that hands the typed parameters on to the handler.

    `ignore_unknown`: query parameters the operation does not declare are ignored rather than refused, as the
    dialect's spec states (`x-unknown-query-parameters`).
    """

    class ParameterValidator:
        def __init__(self, parameters: Sequence[Mapping[str, Any]], **_: Any) -> None:
            self.rules = cache.rules_for(parameters, ignore_unknown=ignore_unknown)

        def validate(self, scope: dict[str, Any]) -> None:
            parsed = self.rules.parse(scope.get("query_string", b""), scope.get("path_params", {}))
            extensions = scope.setdefault("extensions", {})
            extensions.setdefault("connexion_context", {})[PARAMETERS_KEY] = parsed

    return ParameterValidator


class DirectOperation:
    """Calls a handler with the scope, skipping Connexion's per-request decorator chain.

    Connexion's own operation rebuilds its decorators and re-parses every parameter into keyword arguments on
    each request; our validator has already parsed them, so the handler reads them from the scope instead.
    """

    def __init__(self, handler: Handler) -> None:
        self.handler = handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in ("GET", "HEAD"):
            # Read here, after authentication and parameter validation, within the documented size.
            scope["extensions"][BODY_KEY] = await read_body(scope, receive)
        response = await self.handler(scope)
        await response(scope, receive, send)


class DirectApi(AsyncApi):  # type: ignore[misc]  # Connexion is untyped
    def make_operation(self, operation: Any) -> DirectOperation:
        return DirectOperation(operation.function)


class QuickRequestValidation(RequestValidationOperation):  # type: ignore[misc]  # Connexion is untyped
    """Connexion's request validation of one operation, its parameter validator built once.

    Connexion builds a URI parser and a parameter validator on every request, then reads the content type to
    validate a body. For an operation without a request body and a request without a `Content-Type`, that
    reading decides nothing (the media type is taken to be the operation's first, which it accepts), so only
    the parameters are validated, by a validator made once; anything else takes Connexion's whole path.
    """

    def __init__(self, next_app: Any, **kwargs: Any) -> None:
        super().__init__(next_app, **kwargs)
        operation = self._operation
        consumes = operation.consumes
        self.bodiless = not operation.body_schema(consumes[0] if consumes else "application/octet-stream")
        self.parameters = self._validator_map["parameter"](
            operation.parameters,
            uri_parser=operation.uri_parser_class(operation.parameters, operation.body_definition()),
            strict_validation=self.strict_validation,
            security_query_params=self.security_query_params,
        )

    def validated_quickly(self, scope: Scope) -> bool:
        """Validate the request's parameters if that is all there is to validate; False if it takes Connexion's
        whole path."""
        if self.bodiless and first_header(scope, b"content-type") is None:
            self.parameters.validate(scope)
            return True
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.validated_quickly(scope):
            await self.next_app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


class QuickRequestValidationApi(RequestValidationAPI):  # type: ignore[misc]  # Connexion is untyped
    def make_operation(self, operation: Any) -> QuickRequestValidation:
        return QuickRequestValidation(
            self.next_app,
            operation=operation,
            strict_validation=self.strict_validation,
            validator_map=self.validator_map,
        )


class QuickRequestValidationMiddleware(RequestValidationMiddleware):  # type: ignore[misc]  # Connexion is untyped
    api_cls = QuickRequestValidationApi


class SwaggerUIOnly(SwaggerUIMiddleware):  # type: ignore[misc]  # Connexion is untyped
    """Connexion's Swagger UI middleware, routing only requests that can be for the UI (under `ui_path`).

    Every other request went through a router of its own, only to fall through to the next app with a copy
    of the scope; it now gets that copy at once.
    """

    ui_path: ClassVar[str] = "/ui"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.ui_path not in scope["path"]:
            await self.app(dict(scope), receive, send)
            return
        await super().__call__(scope, receive, send)


def problem_from(exc: Exception) -> Problem:
    """The neutral description of any exception that reached the error handlers."""
    if isinstance(exc, MockProblem):
        return exc.problem
    if isinstance(exc, StateUnavailable):
        return Problem(ProblemKind.UNAVAILABLE, str(exc), headers={"Retry-After": "1"})
    if isinstance(exc, HTTPException):
        headers = dict(exc.headers or {})
        try:
            kind = ProblemKind(exc.status_code)
        except ValueError:
            kind = ProblemKind.INVALID_REQUEST if exc.status_code < 500 else ProblemKind.SERVER_ERROR
        detail = exc.detail if isinstance(exc, ProblemException) else None
        if kind is ProblemKind.UNSUPPORTED_MEDIA_TYPE:
            # No spec documents 415: each answers a body not sent as JSON as its other bad bodies.
            message = "the request body must be sent as application/json"
            issue = Issue("body", "", IssueCode.UNSUPPORTED, message)
            return Problem(ProblemKind.INVALID_REQUEST, f"Invalid request: {message}", (issue,))
        messages = {
            ProblemKind.UNAUTHORIZED: "Not authenticated: send an Authorization: Bearer <token> header",
            ProblemKind.NOT_FOUND: "Not found: no such endpoint",
            ProblemKind.METHOD_NOT_ALLOWED: f"Method not allowed; allowed: {headers.get('Allow', 'GET')}",
            ProblemKind.UNSUPPORTED_MEDIA_TYPE: "Unsupported media type",
        }
        return Problem(kind, messages.get(kind) or str(detail or exc.detail), headers=headers)
    logger.error("unexpected error while handling a request", exc_info=exc)
    return Problem(ProblemKind.SERVER_ERROR, "Internal server error")
