"""What to test and how: the server under test (`Target`) and the knobs of a run (`Options`)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from contracts.core.errors import SpecError, UsageError
from contracts.core.redaction import DEFAULT_TOKEN_VARIABLE, Secret
from contracts.coverage.coverage import REQUIREMENTS
from contracts.dialects import DIALECTS, Dialect
from contracts.dialects.base import also_pinned
from contracts.http.waiting import DEFAULT_MAX_WAIT
from contracts.spec.document import ListOperation, load_operation
from workflow_runs_specs import spec_path

__all__ = ["DEFAULT_MAX_EXAMPLES", "DEFAULT_MAX_WAIT", "DEFAULT_MAX_WRITES", "Options", "Target"]

SANDBOX_HEADER = "X-Mock-Sandbox"
SANDBOX_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
SANDBOX_RULE = "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or a digit"
"""The names the mock takes for a sandbox."""
DEFAULT_MAX_EXAMPLES = 50
"""Examples Hypothesis draws per phase: enough to vary every parameter, few enough for a quick verdict."""
DEFAULT_MAX_WRITES = 10
"""Runs created at most by a run that allows writes: what the write checks of any dialect need (5 at most),
the rest for the schema phase's requests to the operations that create runs."""


@dataclass(frozen=True)
class Target:
    """The server under test."""

    dialect: str
    base_url: str
    """Where the spec's paths are served, e.g. `https://staging.example.com` or `http://127.0.0.1:8000/b3os`."""
    token: str | None = None
    params: Mapping[str, str] = field(default_factory=dict)
    """Path parameters pinned to resources that exist on the server (its tenant and workflow)."""
    spec: Path | None = None
    """The OpenAPI document to hold the server to; the dialect's own spec in `specs/` when None."""
    token_variable: str = DEFAULT_TOKEN_VARIABLE
    """The environment variable reproduction commands read the token from (never printed itself)."""
    token_from_environment: bool = False
    """Whether the token was read from `token_variable`, so a reproduction command works in the same shell."""
    sandbox: str | None = None
    """The sandbox of a mock server to run in (`X-Mock-Sandbox`, sent with every request), so runs in parallel on one
    mock never see each other's writes; None sends no such header."""

    def __repr__(self) -> str:
        # A dataclass repr would show the token wherever a target is printed or logged.
        return f"Target({self.dialect!r}, {self.base_url!r}, token={'[token]' if self.token else None})"

    @property
    def secret(self) -> Secret:
        return Secret(self.token, self.token_variable)

    @property
    def headers(self) -> dict[str, str]:
        """The headers every request of the run carries, besides its token."""
        return {} if self.sandbox is None else {SANDBOX_HEADER: self.sandbox}

    def check_sandbox(self) -> None:
        if self.sandbox is not None and SANDBOX_NAME.fullmatch(self.sandbox) is None:
            raise UsageError(f"--sandbox must be {SANDBOX_RULE}, not {self.sandbox!r}")

    def describe_dialect(self) -> Dialect:
        try:
            return DIALECTS[self.dialect]
        except KeyError:
            known = ", ".join(DIALECTS)
            raise UsageError(f"unknown dialect {self.dialect!r}; choose one of: {known}") from None

    def check_base_url(self) -> None:
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UsageError(f"--base-url must be an http:// or https:// URL, not {self.base_url!r}")

    def load_operation(self, dialect: Dialect) -> ListOperation:
        """The spec's list operation, checked against what the dialect and the pinned parameters name."""
        path = self.spec or spec_path(dialect.name)
        operation = load_operation(path)
        path_parameters = operation.parameter_names("path")
        for name in (dialect.tenant_parameter, dialect.workflow_parameter):
            if name is not None and name not in path_parameters:
                raise SpecError(f"the spec {path} is not a {dialect.name} spec: its path has no {name} parameter")
        pinnable = (*path_parameters, *also_pinned(dialect))
        unknown = sorted(set(self.params) - set(pinnable))
        if unknown:
            accepted = ", ".join(pinnable) or "none"
            raise UsageError(f"unknown --param {unknown[0]}; the {dialect.name} path parameters are: {accepted}")
        return operation


@dataclass(frozen=True)
class Options:
    """How thoroughly to test, and what to do on a failure."""

    max_examples: int = DEFAULT_MAX_EXAMPLES
    seed: int = 0
    """Seeds Hypothesis and every made-up value, so the same seed sends the same requests."""
    continue_on_failure: bool = False
    """Run every check even after one failed (the default stops at the first failed check)."""
    only: Collection[str] | None = None
    """Run only the checks with these names or in these groups; every check when None."""
    strict: bool = False
    """A check that applies but had nothing to judge makes the run undecided (exit 2) rather than a pass."""
    allow_writes: bool = False
    """Send the spec's write operations (they create and cancel runs on the target); read-only when False."""
    max_writes: int = DEFAULT_MAX_WRITES
    """Runs a run that allows writes creates at most (triggers, retries and replays each create one)."""
    max_wait: float = DEFAULT_MAX_WAIT
    """Seconds one wait for a rate-limited (429) request lasts at most; a longer Retry-After is a finding."""
    require_coverage: tuple[str, ...] = ()
    """Under `strict`, what must have been exercised (of `coverage.REQUIREMENTS`), or the run is undecided."""

    def __post_init__(self) -> None:
        if self.max_examples < 1:
            raise UsageError(f"--max-examples must be at least 1, not {self.max_examples}")
        if self.max_writes < 1:
            raise UsageError(f"--max-writes must be at least 1, not {self.max_writes}")
        if not 0 <= self.max_wait < float("inf"):
            raise UsageError(f"--max-wait must be a number of seconds, 0 or more, not {self.max_wait:g}")
        unknown = sorted(set(self.require_coverage) - set(REQUIREMENTS))
        if unknown:
            raise UsageError(f"--require-coverage takes {', '.join(REQUIREMENTS)}, not {unknown[0]!r}")
        if self.require_coverage and not self.strict:
            raise UsageError("--require-coverage is a requirement of --strict: give --strict too")
