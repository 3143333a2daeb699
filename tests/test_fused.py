"""A routed request's security, request validation and handler called at once answer exactly as the layers do."""

from __future__ import annotations

import asyncio
import re
from typing import Any, cast

import pytest
from starlette.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from mock_server import Settings, create_app
from mock_server.dialects import DIALECTS
from mock_server.problems import MockProblem, Problem, ProblemKind
from mock_server.web.fused import FusedOperation, FusedRouting, fuse
from mock_server.web.plugins import DirectOperation, QuickRequestValidation
from mock_server.web.repeats import RepeatedRequests
from mock_server.web.routing import QuickRouting
from workflow_runs_specs.reader import Spec


def routing_of(app: Any) -> FusedRouting:
    """The routing layer of `app`, whose stack is built."""
    return next(layer for layer in app.middleware.middleware_stack if isinstance(layer, FusedRouting))


def built(settings: Settings) -> FusedRouting:
    """The routing layer of the app for `settings`, its stack built as at its first request."""
    app = create_app(settings)
    middleware = app.middleware
    middleware.app, middleware.middleware_stack = middleware._build_middleware_stack()
    return routing_of(app)


def operations_of(routing: FusedRouting) -> set[tuple[str, Any]]:
    """Each operation the routing layer routes to, with its API's base path."""
    return {
        (mount.path, route.endpoint)
        for mount, _, routes in routing.routes or ()
        for group in routes.values()
        for route in group
    }


def test_every_operation_of_every_dialect_is_fused_in_the_default_stack() -> None:
    routing = built(Settings())
    operations = operations_of(routing)
    assert len({operation for _, operation in operations}) >= 5 * 3
    for base_path, operation in operations:
        assert isinstance(fuse(routing.app, base_path, operation.operation_id), FusedOperation), operation.operation_id


@pytest.mark.parametrize(
    "settings",
    [
        pytest.param(Settings(dialects=("b3os",), rate_limits=(("all", 600),)), id="rate-limits"),
        pytest.param(Settings(dialects=("b3os",), latency_ms=(0, 1)), id="latency"),
        pytest.param(Settings(dialects=("b3os",), validate_responses=True), id="response-validation"),
    ],
)
def test_a_layer_between_the_three_keeps_every_layer_in_the_path(settings: Settings) -> None:
    routing = built(settings)
    operations = operations_of(routing)
    assert operations
    assert all(fuse(routing.app, base_path, operation.operation_id) is None for base_path, operation in operations)


def test_an_operation_the_next_layers_do_not_know_is_not_fused() -> None:
    routing = built(Settings(dialects=("b3os",)))
    assert fuse(routing.app, "", "noSuchOperation") is None
    assert fuse(routing.app, "/elsewhere", "listWorkflowRuns") is None


class Recorder:
    """Stands for the request validation or the operation, recording what of it is called, in order."""

    def __init__(self, calls: list[str], name: str, quick: bool = True) -> None:
        self.calls, self.name, self.quick = calls, name, quick

    def validated_quickly(self, scope: Scope) -> bool:
        self.calls.append("parameters")
        return self.quick

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls.append(self.name)


async def no_receive() -> Message:
    raise AssertionError("nothing reads the body here")


async def no_send(message: Message) -> None:
    raise AssertionError("nothing sends here")


def fused_with(calls: list[str], refuse: bool, quick: bool = True) -> FusedOperation:
    def authenticate(scope: Scope) -> None:
        calls.append("authenticate")
        if refuse:
            raise MockProblem(Problem(ProblemKind.UNAUTHORIZED, "no"))

    validation = cast(QuickRequestValidation, Recorder(calls, "connexion's validation, then the handler", quick))
    return FusedOperation(authenticate, validation, cast(DirectOperation, Recorder(calls, "handler")))


def test_a_refused_token_stops_the_request_before_validation_or_the_handler() -> None:
    calls: list[str] = []
    with pytest.raises(MockProblem):
        asyncio.run(fused_with(calls, refuse=True)({"type": "http"}, no_receive, no_send))
    assert calls == ["authenticate"]


@pytest.mark.parametrize(
    ("quick", "expected"),
    [
        pytest.param(True, ["authenticate", "parameters", "handler"], id="parameters-only"),
        pytest.param(
            False,
            ["authenticate", "parameters", "connexion's validation, then the handler"],
            id="connexions-validation",
        ),
    ],
)
def test_an_accepted_request_is_validated_then_handled(quick: bool, expected: list[str]) -> None:
    calls: list[str] = []
    asyncio.run(fused_with(calls, refuse=False, quick=quick)({"type": "http"}, no_receive, no_send))
    assert calls == expected


def filled(path: str, params: dict[str, str]) -> str:
    """`path` with its parameters from the dialect's fixture, any other one a run that does not exist."""
    return re.sub(r"\{(\w+)\}", lambda found: params.get(found[1], "run_does_not_exist"), path)


def requests_of(dialect: str, fixture: dict[str, Any]) -> list[tuple[str, str, dict[str, str], bytes]]:
    """Requests to every operation of `dialect`: accepted, refused, malformed, with and without a body."""
    good = {"Authorization": f"Bearer {fixture['token']}"}
    requests = []
    for operation in Spec.of_dialect(dialect).operations:
        path, method = filled(operation.path, fixture["params"]), operation.method.upper()
        requests += [
            (method, path, good, b""),
            (method, path, {"Authorization": "Bearer wrong"}, b""),
            (method, path, {}, b""),
            (method, f"{path}?limit=0&page=0&take=0&per_page=0", good, b""),
            (method, path, {**good, "Content-Type": "application/json"}, b"{}"),
            (method, path, {**good, "Content-Type": "text/plain"}, b"hello"),
            (method, path, {**good, "Content-Type": "application/json"}, b"{not json"),
        ]
    return requests


def answers(monkeypatch: pytest.MonkeyPatch, fused: bool) -> list[tuple[int, list[tuple[str, str]], bytes]]:
    """The answers of a fresh app to the requests of every dialect, with or without the fused operations."""
    with monkeypatch.context() as patched:
        if not fused:
            patched.setattr(FusedRouting, "after_routing", QuickRouting.after_routing)
        # An error rate of 0 fails nothing, and leaves out the memory of repeated requests, which would answer
        # the variants of a request it remembered without either path.
        app = create_app(Settings(clock_speed=0, error_rates=(("all", 0.0),)))
        assert not [layer for layer in app.middleware.middlewares if getattr(layer, "func", None) is RepeatedRequests]
        found = []
        with TestClient(app) as client:
            fixtures = client.get("/__mock__/fixtures").json()
            for dialect in DIALECTS:
                for method, path, headers, body in requests_of(dialect, fixtures[dialect]):
                    response = client.request(method, f"/{dialect}{path}", headers=headers, content=body)
                    kept = [(name, value) for name, value in response.headers.items() if name != "date"]
                    found.append((response.status_code, kept, response.content))
        if fused:
            assert all(isinstance(operation, FusedOperation) for operation in routing_of(app).fused.values())
    return found


def test_every_answer_is_the_same_byte_for_byte_with_the_operations_fused_or_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fused, layered = answers(monkeypatch, fused=True), answers(monkeypatch, fused=False)
    assert fused == layered
    statuses = {status for status, _, _ in fused}
    assert {200, 400, 401, 404} <= statuses  # accepted, malformed, refused and unknown runs were all judged
