"""The handler Connexion calls for each operation of a served spec, and the refusal of an unhandled one.

Every operation of a dialect's spec is served by the handler its dialect declares for that operationId
(`Dialect.handlers`); a spec operation without one stops the start, naming it, so a request is never
answered by another operation's handler.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from starlette.responses import Response
from starlette.types import Scope

from mock_server.data.store import Store
from mock_server.dialects.base import OperationHandler, OperationRequest, Reply
from mock_server.web.plugins import PARAMETERS_KEY, Handler
from mock_server.web.repeats import CACHEABLE_KEY
from mock_server.web.replies import freeze
from mock_server.web.state import Mount
from mock_server.web.validation import ParsedParameters
from workflow_runs_specs.reader import Operation, Spec


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


def make_handler(mount: Mount, operation_id: str, handle: OperationHandler) -> Handler:
    """The Connexion handler of one operation: the typed parameters the validator left in the scope, in; a
    response out, cached per version of the data."""

    def reply_for(parsed: ParsedParameters, store: Store) -> Callable[[], Reply]:
        request = OperationRequest(path=parsed.path, query=parsed.query, default_tenant_id=store.demo.tenant_id)
        return lambda: handle(store, request)

    async def handler(scope: Scope) -> Response:
        parsed: ParsedParameters = scope["extensions"]["connexion_context"][PARAMETERS_KEY]
        now = mount.clock.now()
        store = mount.store
        # The data changes only when a planned transition passes, so replies are cached per version of it.
        version = (store.serial, store.version_at(now))
        key = (operation_id, freeze(parsed.path), freeze(parsed.query))
        scope["extensions"][CACHEABLE_KEY] = version
        return mount.replies.get(key, reply_for(parsed, store.at(now)), version).response()

    return handler
