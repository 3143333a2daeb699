"""What the mock serves and how (`Settings`): the options of the command line, and what a test or an app passes to
`create_app`; JSON for the worker processes of `--workers`."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from mock_server.dialects import DIALECTS
from mock_server.web.request_log import DEFAULT_REQUEST_LOG_CAPACITY
from mock_server.web.sandboxes import DEFAULT_IDLE_SECONDS, DEFAULT_MAX_SANDBOXES


@dataclass(frozen=True)
class Settings:
    """What the mock serves and how; the CLI builds one from its options."""

    dialects: tuple[str, ...] = tuple(DIALECTS)
    seed: int = 0
    tokens: tuple[str, ...] = ()
    """Tokens accepted by every dialect, besides the tenants' tokens, each seeing every tenant."""
    bound_tokens: tuple[tuple[str, str], ...] = ()
    """Tokens accepted by every dialect, each seeing one tenant only: (token, tenant id)."""
    demo_tokens: bool = True
    """Whether each tenant's token (the demo token is the demo tenant's) is accepted, and listed by
    `/__mock__/fixtures`; off, only `tokens` and `bound_tokens` are."""
    cors_origins: tuple[str, ...] = ("*",)
    validate_responses: bool = False
    admin_token: str | None = None
    """The token the state-changing `/__mock__` routes answer to; without one they are off."""
    clock_speed: float = 1.0
    """How fast the virtual clock runs: 1 is real time, 0 freezes the data as generated."""
    scenario: str | None = None
    """A scenario file to apply on top of the generated data at startup."""
    latency_ms: tuple[int, int] = (0, 0)
    """Every answer is delayed by a number of milliseconds drawn from this range (with the seed)."""
    error_rates: tuple[tuple[str, float], ...] = ()
    """The fraction of list requests failed, by dialect name or `all` (`mock_server.config`), of those that would be
    answered 200."""
    rate_limits: tuple[tuple[str, int], ...] = ()
    """Requests a minute per key, by dialect name or `all`; none by default (`mock_server.misbehaviour.rate_limit`)."""
    workers: int = 1
    """Worker processes serving the app; with more than one and no `state`, writes are refused (503)."""
    state: str | None = None
    """Where the data is shared with other processes (`redis://HOST:PORT/DB`); None: in this process only."""
    request_log_capacity: int = DEFAULT_REQUEST_LOG_CAPACITY
    """The requests `/__mock__/requests` keeps, the latest ones (a whole contract run sends thousands)."""
    sandbox_idle_seconds: float = DEFAULT_IDLE_SECONDS
    """A sandbox (`X-Mock-Sandbox`) no request named for this long is dropped."""
    max_sandboxes: int = DEFAULT_MAX_SANDBOXES
    """Sandboxes kept at most besides `default`; past that a new one is refused (429)."""

    @property
    def read_only(self) -> bool:
        return self.workers > 1 and self.state is None

    @property
    def mounted(self) -> bool:
        """Several dialects are served each under /<dialect>; a single one at /."""
        return len(self.dialects) > 1

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Settings:
        fields: dict[str, Any] = json.loads(text)
        return cls(**{name: as_tuples(value) for name, value in fields.items()})


def as_tuples(value: Any) -> Any:
    """`value` with the lists JSON made of tuples turned back into tuples."""
    return tuple(as_tuples(item) for item in value) if isinstance(value, list) else value
