"""The schema phase: Schemathesis configured from the target, sending the same requests for the same seed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from schemathesis.core.result import Ok

from contracts.errors import RunAbortedError
from contracts.schema_phase import SCHEMATHESIS_CHECKS, config_for, operation_settings, run_schema_phase
from contracts.spec import load_operation
from contracts.target import Options, Target
from contracts.waiting import Waiter
from mock_server import Settings, create_app
from tests.servers import free_port, serving
from workflow_runs_specs import reader, spec_path


class Recorder:
    """An ASGI middleware remembering every request path and query it passes on."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.requests: list[str] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.requests.append(f"{scope['path']}?{scope['query_string'].decode()}")
        await self.app(scope, receive, send)


@pytest.fixture(scope="module")
def recorded() -> Iterator[tuple[Recorder, Target]]:
    recorder = Recorder(create_app(Settings(dialects=("b3os",), seed=0, clock_speed=0)))
    with serving(recorder) as url:
        yield recorder, Target("b3os", url, "b3sk_test_mockdemo0000000000", {"id": "wf_XpPnIAXKf4Cc"})


def requests_sent(recorded: tuple[Recorder, Target], seed: int) -> list[str]:
    recorder, target = recorded
    recorder.requests.clear()
    result = run_schema_phase(
        load_operation(spec_path("b3os")).document, target, Options(seed=seed, max_examples=5), Waiter(note=print)
    )
    assert result.successes > 0
    return list(recorder.requests)


def test_the_configuration_carries_the_target_and_the_options() -> None:
    target = Target("b3os", "http://x/b3os/", "tok", {"id": "wf_1"})

    config = config_for(target, Options(seed=7, max_examples=9))
    project = config.projects.get_default()

    assert (config.seed, config.max_failures) == (7, 1)
    assert project.base_url == "http://x/b3os"
    assert project.headers == {"Authorization": "Bearer tok"}
    assert project.generation.max_examples == 9
    assert all(getattr(project.checks, name).enabled for name in SCHEMATHESIS_CHECKS)
    assert not project.checks.use_after_free.enabled
    assert project.phases.stateful.enabled  # along the links between the read operations
    assert not project.phases.fuzzing.error_feedback.is_enabled
    assert not config.output.sanitization.enabled


def test_a_pinned_path_parameter_is_pinned_only_where_the_path_names_the_same_thing() -> None:
    settings = operation_settings(reader.load_spec("b3os"), Target("b3os", "http://x", "t", {"id": "wf_1"}), True)
    pinned = {item["include-operation-id"]: item.get("parameters") for item in settings}

    # b3os' `id` is the workflow after `workflows/` and a run after `runs/`: only the former is pinned.
    assert pinned["listWorkflowRuns"] == pinned["runWorkflow"] == {"path.id": "wf_1"}
    assert pinned.get("getRun") is None
    assert "cancelRun" not in pinned


def test_positive_data_acceptance_does_not_judge_what_the_spec_lets_a_server_refuse_for_its_state() -> None:
    settings = operation_settings(reader.load_spec("b3os"), Target("b3os", "http://x", "t", {"id": "wf_1"}), True)
    off = {item["include-operation-id"] for item in settings if "checks" in item}

    # The writes with a body (a version, a run id, a definition the target must have) and get's `nodeIds`.
    assert off == {"runWorkflow", "createEphemeralRun", "getRun"}


def test_a_read_only_run_disables_every_write_operation_whatever_else_is_configured() -> None:
    document = reader.load_spec("b3os")
    config = config_for(Target("b3os", "http://x", "t", {"id": "wf_1"}), Options(), document=document)

    loaded = schemathesis.openapi.from_dict(document, config=config)

    operations = [result.ok() for result in loaded.get_all_operations() if isinstance(result, Ok)]
    assert [operation.method.upper() for operation in operations] == ["GET", "GET"]


def test_a_run_keeps_no_cache_to_replay_and_probes_with_safe_methods_only() -> None:
    config = config_for(Target("b3os", "http://x/b3os/", "tok", {"id": "wf_1"}), Options())
    project = config.projects.get_default()

    assert not project.cache.enabled
    assert project.phases.coverage.unexpected_methods == {"get", "options", "trace"}


def test_continuing_after_a_failure_lifts_the_failure_limit() -> None:
    config = config_for(Target("b3os", "http://x"), Options(continue_on_failure=True))

    assert config.max_failures is None
    assert config.projects.get_default().continue_on_failure


def test_without_a_token_no_authorization_header_is_configured() -> None:
    assert config_for(Target("b3os", "http://x"), Options()).projects.get_default().headers == {}


def test_the_same_seed_sends_the_same_requests_and_another_seed_others(recorded: tuple[Recorder, Target]) -> None:
    first, again, other = (requests_sent(recorded, seed) for seed in (3, 3, 4))

    assert first == again
    assert first != other


def test_a_server_that_stops_answering_aborts_the_phase_in_one_line() -> None:
    target = Target("b3os", f"http://127.0.0.1:{free_port()}", "t", {"id": "wf_1"})
    document = load_operation(spec_path("b3os")).document

    with pytest.raises(RunAbortedError, match=r"^the schema phase could not finish: .*Connection refused"):
        run_schema_phase(document, target, Options(max_examples=1), Waiter())
