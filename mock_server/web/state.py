"""The state of one served dialect: its data, its tokens, its cached replies; reseeding replaces the data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mock_server.data.clock import VirtualClock
from mock_server.data.generate import Generator, generate_store
from mock_server.data.store import Store
from mock_server.dialects import Dialect
from mock_server.scenarios.compose import compose
from mock_server.scenarios.scenario import TenantSpec
from mock_server.web.auth import TokenRegistry
from mock_server.web.replies import ReplyCache


@dataclass
class Mount:
    """One dialect as served: under `prefix`, from a store generated from `seed`."""

    dialect: Dialect
    prefix: str
    tokens: TokenRegistry
    seed: int
    clock: VirtualClock
    store: Store = field(init=False)
    replies: ReplyCache = field(default_factory=ReplyCache)
    changes: int = 0
    """How many scenarios and added runs were applied since the data was generated."""

    def __post_init__(self) -> None:
        self.store = generate_store(self.seed, self.dialect.vocabulary)

    def reseed(self, seed: int) -> None:
        """Replace the data with the data set of `seed`; cached replies of the old data are dropped."""
        self.seed = seed
        self.store = generate_store(seed, self.dialect.vocabulary)
        self.changes = 0
        self.replies.clear()

    def apply(self, tenants: tuple[TenantSpec, ...], replace_all: bool = False) -> Store:
        """Add `tenants` (or serve only them) as of the clock's now; each change draws from a source of its own."""
        generator = Generator(self.seed, self.dialect.vocabulary, stream=f":change:{self.changes}")
        self.store = compose(self.store, generator, tenants, self.clock.now(), replace_all)
        self.changes += 1
        self.replies.clear()
        return self.store

    @property
    def fixture(self) -> dict[str, Any]:
        """A token that works and the path parameters that reach the demo data."""
        return {"token": self.dialect.demo_token, "params": self.dialect.fixture_params(self.store)}
