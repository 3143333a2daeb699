"""The whole contract, run against the mock with writes allowed: no false alarm for any dialect over several
seeds, nor while its runs change under the walks; writes stay within their budget, and none is sent without
--allow-writes; a run stops at the first failed check unless asked to go on."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import httpx
import pytest

from contracts import Options, Outcome, Status, Target, run_contract
from contracts.dialects import DIALECTS
from contracts.errors import UnreachableError, UsageError
from contracts.json_path import dig
from contracts.operations import SAFE_METHODS
from contracts.phase_writes import creating_operations
from contracts.report import render_summary
from contracts.runner import select_checks
from contracts.writing import runs_needed
from mock_server import Settings, create_app
from tests.faulty import faulty
from tests.recording_server import RecordingB3os
from tests.servers import free_port, serving
from workflow_runs_specs import reader

SEEDS = (0, 1, 2)
EXAMPLES = 20
LIVE_CLOCK_SPEED = 600
"""Ten virtual minutes a second: the demo workflow gets a run about every quarter of a second, and runs move from
pending to running to finished while the checks walk the list and read them."""


@pytest.fixture(scope="module")
def conforming() -> Iterator[Callable[[str, int], Target]]:
    """A target per dialect and seed: the mock serving only that dialect, at the root, with that seed's data."""
    started: dict[tuple[str, int], Target] = {}
    with ExitStack() as stack:

        def target(dialect: str, seed: int) -> Target:
            if (dialect, seed) not in started:
                url = stack.enter_context(serving(create_app(Settings(dialects=(dialect,), seed=seed, clock_speed=0))))
                fixture = httpx.get(f"{url}/__mock__/fixtures").json()[dialect]
                started[dialect, seed] = Target(dialect, url, fixture["token"], fixture["params"])
            return started[dialect, seed]

        yield target


@pytest.fixture(scope="module")
def faulty_url() -> Iterator[str]:
    with serving(faulty(create_app(Settings(seed=0, clock_speed=0)))) as url:
        yield url


def faulty_target(url: str, fixtures: dict[str, Any], fault: str, dialect: str) -> Target:
    return Target(dialect, f"{url}/{fault}/{dialect}", fixtures[dialect]["token"], fixtures[dialect]["params"])


@pytest.mark.parametrize("seed", [pytest.param(seed, id=f"seed-{seed}") for seed in SEEDS])
@pytest.mark.parametrize("dialect", [pytest.param(dialect, id=dialect) for dialect in DIALECTS])
def test_the_mock_conforms_with_writes_and_every_applicable_check_is_exercised(
    conforming: Callable[[str, int], Target], dialect: str, seed: int
) -> None:
    options = Options(seed=seed, max_examples=EXAMPLES, continue_on_failure=True, allow_writes=True)

    report = run_contract(conforming(dialect, seed), options)

    assert report.conforms, render_summary(report)
    assert not report.unexercised, render_summary(report)
    # Only the schema phase's writes stop short, where the budget says (the phase could create runs without end).
    chosen = [outcome for outcome in report.outcomes if outcome.chosen]
    assert [outcome.rule.name for outcome in chosen] == ["schema_phase_writes"], render_summary(report)
    assert chosen[0].detail.startswith("--max-writes 10 reached"), render_summary(report)
    assert len(report.writes.created) >= runs_needed(DIALECTS[dialect]), render_summary(report)


@pytest.mark.parametrize("writes", [pytest.param(False, id="read-only"), pytest.param(True, id="writes")])
@pytest.mark.parametrize("dialect", [pytest.param(dialect, id=dialect) for dialect in DIALECTS])
def test_a_server_whose_runs_arrive_and_move_while_they_are_judged_conforms_under_strict(
    dialect: str, writes: bool
) -> None:
    with serving(create_app(Settings(dialects=(dialect,), seed=4, clock_speed=LIVE_CLOCK_SPEED))) as url:
        fixture = httpx.get(f"{url}/__mock__/fixtures").json()[dialect]
        target = Target(dialect, url, fixture["token"], fixture["params"])
        options = Options(seed=4, max_examples=EXAMPLES, continue_on_failure=True, strict=True, allow_writes=writes)
        report = run_contract(target, options)

    assert report.conforms, render_summary(report)
    assert report.undecided is None, render_summary(report)


class InterruptedAfter:
    """An observer that presses Ctrl-C once `count` checks were decided."""

    def __init__(self, count: int) -> None:
        self.count = count

    def note(self, message: str) -> None:
        return None

    def decided(self, outcome: Outcome) -> None:
        self.count -= 1
        if self.count == 0:
            raise KeyboardInterrupt


def test_an_interrupted_run_reports_what_it_judged_and_the_other_checks_as_not_run(
    faulty_url: str, fixtures: dict[str, Any]
) -> None:
    target = faulty_target(faulty_url, fixtures, "oldest_first", "cortex-v1")
    options = Options(max_examples=5, only=["auth", "ordering"])

    report = run_contract(target, options, InterruptedAfter(2))

    assert report.interrupted
    assert [outcome.status for outcome in report.outcomes] == [Status.PASSED] * 2 + [Status.NOT_EXERCISED] * 2
    assert report.outcomes[-1].detail == "not run: the run was interrupted"
    assert report.undecided == "the run was interrupted before every check had run"


def test_a_run_stops_at_the_first_failed_check(faulty_url: str, fixtures: dict[str, Any]) -> None:
    report = run_contract(faulty_target(faulty_url, fixtures, "oldest_first", "cortex-v1"), Options(max_examples=5))

    names = [outcome.rule.name for outcome in report.outcomes]
    first = names.index("newest_first")
    assert [outcome.rule.name for outcome in report.failures] == ["newest_first"]
    assert all(outcome.detail.startswith("not run") for outcome in report.outcomes[first + 1 :])


def test_continue_on_failure_runs_every_check(faulty_url: str, fixtures: dict[str, Any]) -> None:
    target = faulty_target(faulty_url, fixtures, "oldest_first", "cortex-v1")
    report = run_contract(target, Options(max_examples=5, continue_on_failure=True, only=["ordering", "timeline"]))

    assert [outcome.rule.name for outcome in report.failures] == ["newest_first"]
    assert [outcome.status for outcome in report.outcomes[1:]] == [Status.PASSED] * 4


def test_only_selects_checks_by_name_or_group() -> None:
    selected = [check.name for check in select_checks(["auth", "newest_first"])]

    assert selected == [
        "missing_token_gets_401",
        "malformed_authorization_gets_401",
        "wrong_token_gets_401",
        "newest_first",
    ]


def test_only_refuses_an_unknown_check() -> None:
    with pytest.raises(UsageError, match="unknown check or group 'pagnig'"):
        select_checks(["pagnig"])


def test_a_server_that_does_not_answer_stops_the_run_before_any_check() -> None:
    target = Target("b3os", f"http://127.0.0.1:{free_port()}", "b3sk_test", {"id": "wf_1"})

    with pytest.raises(UnreachableError, match=r"^no answer from http://127\.0\.0\.1"):
        run_contract(target)


def test_a_run_sends_only_safe_methods_on_the_wire_probes_included() -> None:
    server = RecordingB3os()
    with serving(server) as url:
        report = run_contract(
            Target("b3os", url, "b3sk_test", {"id": "wf_3kT9pQ2vX7mN"}),
            Options(max_examples=5, continue_on_failure=True),
        )
    sent = set(server.methods)
    assert sent <= set(SAFE_METHODS), sent
    # The coverage phase did probe for undocumented methods, with safe ones only.
    assert {"OPTIONS", "TRACE"} <= sent
    assert report.outcomes


def test_the_writes_are_listed_as_a_choice_that_strict_accepts() -> None:
    with serving(RecordingB3os(faithful=True)) as url:
        report = run_contract(
            Target("b3os", url, "b3sk_test", {"id": "wf_3kT9pQ2vX7mN"}),
            Options(only=("write_operations", "runs"), strict=True),
        )
    (writes,) = [outcome for outcome in report.outcomes if outcome.rule.name == "write_operations"]
    assert writes.status is Status.NOT_EXERCISED
    assert writes.chosen
    assert writes.detail.startswith("read-only run: 4 write operations not sent: runWorkflow (POST")
    assert writes not in report.unexercised
    assert report.undecided is None


@pytest.mark.parametrize("dialect", ["b3os", "cortex-v1"])
def test_writes_create_no_more_runs_than_allowed_and_the_rest_are_not_sent(dialect: str) -> None:
    log = ExchangeLog(create_app(Settings(dialects=(dialect,), seed=0, clock_speed=0)))
    with serving(log) as url:
        report = run_contract(
            mock_target(url, dialect),
            Options(only=["writes"], allow_writes=True, max_writes=1, continue_on_failure=True),
        )

    # The writes every server refuses went first; the trigger that made the one run allowed was the last sent.
    statuses = [status for status, _ in creating_requests(dialect, log)]
    assert [status for status in statuses if 200 <= status < 300] == [200], statuses
    assert statuses[-1] == 200, statuses
    assert report.conforms, render_summary(report)
    budget = [outcome for outcome in report.outcomes if outcome.detail.startswith("--max-writes 1 reached")]
    assert budget, render_summary(report)
    assert all(outcome.chosen for outcome in budget)
    assert report.writes.describe().startswith(f"writes: created 1 run: {report.writes.created[0]}")
    refusals = [outcome for outcome in report.outcomes if outcome.rule.name == "trigger_outside_path_gets_404"]
    assert [outcome.status for outcome in refusals] == [Status.PASSED], render_summary(report)


class ExchangeLog:
    """An ASGI middleware remembering the method, path, status and body of every answer it passes on."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.exchanges: list[tuple[str, str, int, bytes]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status, body = 0, b""

        async def sent(message: Any) -> None:
            nonlocal status, body
            if message["type"] == "http.response.start":
                status = message["status"]
            else:
                body += message.get("body", b"")
            await send(message)

        await self.app(scope, receive, sent)
        self.exchanges.append((scope["method"], scope["path"], status, body))


def creating_requests(dialect: str, log: ExchangeLog) -> list[tuple[int, str | None]]:
    """The answers to the requests that can create a run (`dialect`'s spec's operations), with the status and
    the id of the run a 2xx answer names."""
    spec = reader.Spec.of_dialect(dialect)
    operations = [
        (operation.method.upper(), re.compile(re.sub(r"\{[^}]+\}", "[^/]+", operation.path) + "$"), where)
        for operation_id, where in creating_operations(spec.document, DIALECTS[dialect]).items()
        for operation in [spec.operation(operation_id)]
    ]
    found: list[tuple[int, str | None]] = []
    for method, path, status, body in log.exchanges:
        for wanted, pattern, where in operations:
            if method == wanted and pattern.match(path):
                run = dig(json.loads(body), where) if 200 <= status < 300 else None
                found.append((status, str(run) if isinstance(run, str) else None))
    return found


def mock_target(url: str, dialect: str) -> Target:
    fixture = httpx.get(f"{url}/__mock__/fixtures").json()[dialect]
    return Target(dialect, url, fixture["token"], fixture["params"])


@pytest.mark.parametrize("dialect", [pytest.param(dialect, id=dialect) for dialect in DIALECTS])
def test_a_read_only_run_against_the_mock_sends_only_safe_methods_links_followed(dialect: str) -> None:
    log = ExchangeLog(create_app(Settings(dialects=(dialect,), seed=0, clock_speed=0)))
    with serving(log) as url:
        report = run_contract(mock_target(url, dialect), Options(max_examples=5, continue_on_failure=True))

    assert {exchange[0] for exchange in log.exchanges} <= set(SAFE_METHODS)
    assert report.conforms, render_summary(report)


@pytest.mark.parametrize("dialect", [pytest.param(dialect, id=dialect) for dialect in DIALECTS])
def test_with_writes_a_whole_run_creates_no_more_runs_than_max_writes_across_every_phase(dialect: str) -> None:
    log = ExchangeLog(create_app(Settings(dialects=(dialect,), seed=0, clock_speed=0)))
    with serving(log) as url:
        target = mock_target(url, dialect)
        options = Options(max_examples=EXAMPLES, continue_on_failure=True, allow_writes=True, max_writes=3, strict=True)
        report = run_contract(target, options)

    created = [run for status, run in creating_requests(dialect, log) if 200 <= status < 300]
    assert 0 < len(created) <= 3, created
    assert report.conforms, render_summary(report)
    # What the budget kept unsent is a choice the user made: said, and not held against the run by --strict.
    assert report.undecided is None, render_summary(report)
    (phase,) = [outcome for outcome in report.outcomes if outcome.rule.name == "schema_phase_writes"]
    assert phase.chosen, render_summary(report)
    assert phase.detail.startswith("--max-writes 3 reached"), render_summary(report)
    assert set(report.writes.created) == set(created)


@pytest.mark.parametrize("dialect", [pytest.param(dialect, id=dialect) for dialect in DIALECTS])
def test_the_write_checks_send_as_many_creating_writes_as_the_share_kept_for_them(dialect: str) -> None:
    log = ExchangeLog(create_app(Settings(dialects=(dialect,), seed=0, clock_speed=0)))
    with serving(log) as url:
        report = run_contract(mock_target(url, dialect), Options(only=["writes"], allow_writes=True))

    assert report.conforms, render_summary(report)
    assert not [outcome for outcome in report.outcomes if outcome.chosen], render_summary(report)
    # The budget counts the runs made: the writes every server refuses (a made-up owner, an unknown field, a run
    # not finished) are sent besides, and make none.
    made = [run for status, run in creating_requests(dialect, log) if 200 <= status < 300]
    assert len(made) == runs_needed(DIALECTS[dialect])
    assert len(creating_requests(dialect, log)) > len(made)


@pytest.mark.parametrize("dialect", [pytest.param(dialect, id=dialect) for dialect in ("b3os", "cortex-v2")])
def test_with_room_in_the_budget_the_schema_phase_writes_and_its_runs_are_listed_and_cancelled(dialect: str) -> None:
    log = ExchangeLog(create_app(Settings(dialects=(dialect,), seed=0, clock_speed=0)))
    with serving(log) as url:
        options = Options(max_examples=5, only=["schema"], allow_writes=True, max_writes=400)
        report = run_contract(mock_target(url, dialect), options)

    (phase,) = [outcome for outcome in report.outcomes if outcome.rule.name == "schema_phase_writes"]
    assert phase.status is Status.PASSED, render_summary(report)
    created = [run for status, run in creating_requests(dialect, log) if 200 <= status < 300]
    assert created
    assert set(report.writes.created) == set(created)  # a run answered twice (an idempotent retry) is one
    assert set(report.writes.cancelled) | set(report.writes.left) <= set(report.writes.created)
    assert report.writes.cancelled, report.writes.describe()
