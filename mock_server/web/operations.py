"""The handler Connexion calls for each operation of a served spec, and the refusal of an unhandled one.

Every operation of a dialect's spec is served by the handler its dialect declares for that operationId
(`Dialect.handlers`); a spec operation without one stops the start, naming it, so a request is never
answered by another operation's handler. Reads are cached per version of the data; writes are answered afresh,
after their body passed the spec's schema, and change the data's version.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.types import ASGIApp, Scope

from mock_server.data.writes import Scope as Visible
from mock_server.dialects.base import Changes, OperationHandler, OperationRequest, Reply
from mock_server.problems import MockProblem, Problem, ProblemKind
from mock_server.web.auth import ACCESS_KEY, Access, unauthorized
from mock_server.web.bodies import NO_BODY, BodyRule
from mock_server.web.plugins import BODY_KEY, PARAMETERS_KEY, Handler
from mock_server.web.repeats import CACHEABLE_KEY
from mock_server.web.replies import Encoded
from mock_server.web.sandboxes import SANDBOX_KEY, Sandbox
from mock_server.web.state import Mount
from mock_server.web.validation import ParsedParameters
from workflow_runs_specs.reader import Operation, Spec

READ_ONLY_MESSAGE = (
    "This mock serves reads only: it runs several worker processes, which share no state, so a write would "
    "change one worker's data only. Start it with --state redis://HOST:PORT/DB to share its state, or with "
    "--workers 1, to trigger, cancel, retry, replay or update runs."
)


class UnhandledOperationError(RuntimeError):
    """A spec operation the dialect has no handler for; the message is one line naming it."""


def handled_operations(name: str, spec: Spec, handlers: Mapping[str, OperationHandler]) -> dict[str, Operation]:
    """Every operation of `spec` by operationId, or raise `UnhandledOperationError` for one without a handler."""
    found: dict[str, Operation] = {}
    for operation in spec.operations:
        operation_id = operation.operation_id
        if operation_id is None:
            raise UnhandledOperationError(f"{name}: the spec's operation {operation.key} has no operationId")
        if operation_id not in handlers:
            raise UnhandledOperationError(
                f"{name}: the spec's operation {operation_id} ({operation.key}) has no handler in the mock"
            )
        found[operation_id] = operation
    return found


def is_write(operation: Operation) -> bool:
    return operation.method.lower() not in ("get", "head")


def make_handler(dialect: str, operation: Operation, handle: OperationHandler) -> Handler:
    """The Connexion handler of one operation of `dialect`: the typed parameters the validator left in the scope,
    in; a response out, from the sandbox authentication admitted the request to. Reads are cached per version of
    the data; writes submit their change to the sandbox's mount."""
    if is_write(operation):
        return write_handler(dialect, operation, handle)
    operation_id = operation.operation_id

    async def handler(scope: Scope) -> ASGIApp:
        extensions = scope["extensions"]
        access = access_of(extensions)
        mount = mount_of(extensions, dialect)
        parsed: ParsedParameters = extensions["connexion_context"][PARAMETERS_KEY]
        # The data changes only when a planned transition passes or a change is applied, so replies are cached per
        # version of it.
        version, view = mount.read()
        # The typed parameters are a function of the path and the query string, and so is the reply to the tenants
        # the token sees: keyed on them as received, no parameter is read twice to make the key.
        key = (operation_id, access.tenant_id, scope["path"], scope["query_string"])
        # Versions count from each data set's start: the data set tells a sandbox made again from the one before.
        extensions[CACHEABLE_KEY] = (mount.data.serial, version)

        def reply() -> Reply:
            return handle(view, request_of(parsed, access, view.demo.tenant_id))

        return mount.replies.get(key, reply, version)

    return handler


def access_of(extensions: Mapping[str, object]) -> Access:
    """What the token authentication accepted sees; a request without its verdict is answered by no handler."""
    access = extensions.get(ACCESS_KEY)
    if not isinstance(access, Access):
        raise unauthorized("Not authenticated: send an Authorization: Bearer <token> header")
    return access


def mount_of(extensions: Mapping[str, object], dialect: str) -> Mount:
    """The dialect as served in the sandbox authentication admitted the request to."""
    sandbox = extensions.get(SANDBOX_KEY)
    if not isinstance(sandbox, Sandbox):
        raise unauthorized("Not authenticated: send an Authorization: Bearer <token> header")
    return sandbox.mounts[dialect]


def request_of(
    parsed: ParsedParameters, access: Access, demo_tenant_id: str, body: Any = None, changes: Changes | None = None
) -> OperationRequest:
    """The handler's request: the typed parameters (and a write's body and where it submits its change), scoped to
    the tenants the token sees; a token that sees every tenant is the demo tenant's own."""
    own = access.tenant_id or demo_tenant_id
    return OperationRequest(parsed.path, parsed.query, own, body, changes, visible=Visible(access.tenant_id))


def write_handler(dialect: str, operation: Operation, handle: OperationHandler) -> Handler:
    rule = BodyRule.of(operation.definition, operation.spec.document, operation.spec.resolve)

    async def handler(scope: Scope) -> ASGIApp:
        extensions = scope["extensions"]
        access = access_of(extensions)
        mount = mount_of(extensions, dialect)
        if mount.read_only:
            raise MockProblem(Problem(ProblemKind.UNAVAILABLE, READ_ONLY_MESSAGE))
        parsed: ParsedParameters = extensions["connexion_context"][PARAMETERS_KEY]
        body = rule.parse(scope, extensions.get(BODY_KEY, b""))
        view = mount.read().view
        request = request_of(parsed, access, view.demo.tenant_id, body=None if body is NO_BODY else body, changes=mount)
        return Encoded(handle(view, request))

    return handler
