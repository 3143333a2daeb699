"""The state of one served dialect: its data, its tokens, its cached replies; reseeding replaces the data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mock_server.auth import TokenRegistry
from mock_server.dialects import Dialect
from mock_server.generate import generate_store
from mock_server.replies import ReplyCache
from mock_server.store import Store


@dataclass
class Mount:
    """One dialect as served: under `prefix`, from a store generated from `seed`."""

    dialect: Dialect
    prefix: str
    tokens: TokenRegistry
    seed: int
    store: Store = field(init=False)
    replies: ReplyCache = field(default_factory=ReplyCache)

    def __post_init__(self) -> None:
        self.store = generate_store(self.seed, self.dialect.vocabulary)

    def reseed(self, seed: int) -> None:
        """Replace the data with the data set of `seed`; cached replies of the old data are dropped."""
        self.seed = seed
        self.store = generate_store(seed, self.dialect.vocabulary)
        self.replies.clear()

    @property
    def fixture(self) -> dict[str, Any]:
        """A token that works and the path parameters that reach the demo data."""
        return {"token": self.dialect.demo_token, "params": self.dialect.fixture_params(self.store)}
