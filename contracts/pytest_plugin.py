"""Run the contract inside a project's own pytest suite: one test per check.

    # tests/test_b3os_contract.py
    import os

    import pytest

    from contracts.pytest_plugin import contract_test_cases

    CASES = contract_test_cases(
        "b3os",
        os.environ["B3OS_BASE_URL"],
        token=os.environ["B3OS_TOKEN"],
        params={"id": os.environ["B3OS_WORKFLOW_ID"]},
    )


    @pytest.mark.parametrize("contract_case", CASES)
    def test_b3os_honours_its_contract(contract_case):
        contract_case.verify()

Without `token`, the token is read from the environment variable `token_variable` (default `CONTRACTS_TOKEN`);
failure messages never contain it, and their curl commands read it from that variable.

Nothing is sent while tests are collected. The cases share one session, so the schema phase and the walks of
the list happen once, for the first test that needs them. The first test sends the preflight request: when the
token is refused, the parameters reach nothing or the answer is not the dialect's list, every test fails saying
what to fix. A broken rule fails its test with what was expected,
what came back and a curl command; a check with nothing to judge is skipped with the reason; a check that does not
apply to the dialect is not collected at all. Every check runs (no stop at the first failure).

Loaded as a plugin (`-p contracts.pytest_plugin`, or `pytest_plugins = ["contracts.pytest_plugin"]`), it also
closes the sessions' connections when the test session ends; otherwise they are closed when Python exits.
Installing the package loads nothing into a project's pytest run, and loading this plugin imports only this
module: the suite (Schemathesis and the rest) is imported when `contract_test_cases` is first called.
"""

from __future__ import annotations

import atexit
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from contracts.redaction import DEFAULT_TOKEN_VARIABLE

if TYPE_CHECKING:
    from contracts.checks import Check
    from contracts.errors import ContractError
    from contracts.session import Session
    from contracts.target import Options, Target

__all__ = ["ContractCase", "contract_test_cases"]


@dataclass
class SharedSession:
    """One session for every case of a `contract_test_cases` call, opened on first use."""

    target: Target
    options: Options
    _session: Session | None = field(default=None, init=False)
    _refusal: ContractError | None = field(default=None, init=False)

    def open(self) -> Session:
        """The session, once the preflight request passed; raises the preflight's `ContractError` otherwise."""
        from contracts.errors import ContractError
        from contracts.preflight import preflight
        from contracts.session import Session

        if self._refusal is not None:
            raise self._refusal
        if self._session is None:
            session = Session(self.target, self.options)
            OPEN_SESSIONS.append(self)
            self._session = session
            try:
                preflight(session)
            except ContractError as refusal:
                self._refusal = refusal
                raise
        return self._session

    def close(self) -> None:
        if self._session is not None:
            try:
                if self.options.allow_writes:
                    self._session.writer.finish()  # cancel the runs the cases started, where the dialect can
            finally:
                self._session.close()
                self._session = None


OPEN_SESSIONS: list[SharedSession] = []


@dataclass(frozen=True)
class ContractCase:
    """One check of the contract against one target; `verify()` is the body of its test."""

    check: Check
    shared: SharedSession

    def verify(self) -> None:
        from contracts.errors import ContractError
        from contracts.outcomes import Status
        from contracts.report import render_failure

        redact = self.shared.target.secret.redact
        try:
            outcome = self.check.run(self.shared.open())
        except ContractError as error:
            pytest.fail(redact(str(error)), pytrace=False)
        if outcome.status is Status.FAILED:
            pytest.fail(redact(render_failure(outcome)), pytrace=False)
        if outcome.status is Status.NOT_EXERCISED:
            pytest.skip(redact(f"{outcome.rule.name} not exercised: {outcome.detail}"))


def contract_test_cases(
    dialect: str,
    base_url: str,
    token: str | None = None,
    params: Mapping[str, str] | None = None,
    *,
    max_examples: int | None = None,
    seed: int = 0,
    spec: Path | None = None,
    token_variable: str = DEFAULT_TOKEN_VARIABLE,
    allow_writes: bool = False,
    max_writes: int | None = None,
    max_wait: float | None = None,
) -> list[Any]:
    """`pytest.param`s, one per check that applies to `dialect`, each with the check's name as its id.

    Without `token`, the token is `token_variable`'s value in the environment (none when it is not set).
    `max_examples` is the examples Hypothesis generates per phase (default: the command's, 50). The cases are
    read-only unless `allow_writes` (then at most `max_writes` runs are created, the command's default 10). A
    rate-limited request is waited for at most `max_wait` seconds (the command's default, 30).
    """
    from contracts.checks import CHECKS
    from contracts.target import DEFAULT_MAX_EXAMPLES, DEFAULT_MAX_WAIT, DEFAULT_MAX_WRITES, Options, Target

    from_environment = token is None and bool(os.environ.get(token_variable))
    if from_environment:
        token = os.environ[token_variable]
    target = Target(dialect, base_url, token, dict(params or {}), spec, token_variable, from_environment)
    described = target.describe_dialect()
    examples = DEFAULT_MAX_EXAMPLES if max_examples is None else max_examples
    writes = DEFAULT_MAX_WRITES if max_writes is None else max_writes
    options = Options(
        max_examples=examples,
        seed=seed,
        continue_on_failure=True,
        allow_writes=allow_writes,
        max_writes=writes,
        max_wait=DEFAULT_MAX_WAIT if max_wait is None else max_wait,
    )
    shared = SharedSession(target, options)
    return [
        pytest.param(ContractCase(check, shared), id=check.name) for check in CHECKS if check.applies(described) is None
    ]


def close_sessions() -> None:
    while OPEN_SESSIONS:
        OPEN_SESSIONS.pop().close()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    close_sessions()


atexit.register(close_sessions)
