"""The state of one served dialect: its data, its tokens, its cached replies, its request ids; writes and reseeding
replace the data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mock_server.data import writes
from mock_server.data.clock import VirtualClock
from mock_server.data.compose import TenantSpec, compose
from mock_server.data.generate import Generator
from mock_server.data.model import Run, RunState, Workflow
from mock_server.data.schedule import live_store
from mock_server.data.store import Store
from mock_server.data.writes import ANYWHERE, Scope, TriggerRequest, Written
from mock_server.dialects import Dialect
from mock_server.web.auth import TokenRegistry
from mock_server.web.replies import ReplyCache
from mock_server.web.request_ids import RequestIds

Write = Callable[[Store, datetime, Generator], Written]


@dataclass
class Mount:
    """One dialect as served: under `prefix`, from a store generated from `seed`.

    Every change (a scenario, an added run, a write) draws from a source of its own, `:change:<n>` of the seed,
    so the same seed and the same sequence of changes give the same data, new ids included.
    """

    dialect: Dialect
    prefix: str
    tokens: TokenRegistry
    seed: int
    clock: VirtualClock
    store: Store = field(init=False)
    replies: ReplyCache = field(default_factory=ReplyCache)
    changes: int = 0
    """How many scenarios, added runs and writes were applied since the data was generated."""
    demo_token: bool = True
    """Whether the tenants' tokens (the dialect's demo token is the demo tenant's) are accepted, and so shown by the
    fixtures."""
    read_only: bool = False
    """Writes are refused: several worker processes serve, and they share no state."""
    replays: dict[tuple[str, ...], str] = field(default_factory=dict)
    """The run each request with an identifier created (a replay of a run, a run of a workflow), so a request
    with an identifier already used creates nothing."""

    def __post_init__(self) -> None:
        self._tenants: tuple[object, ...] = ()
        self.request_ids = RequestIds(self.seed, self.dialect.name)
        self._use(live_store(self.seed, self.dialect.vocabulary))

    def reseed(self, seed: int) -> None:
        """Replace the data with the data set of `seed`, as a fresh mock of that seed has it; cached replies of the
        old data are dropped."""
        self.seed = seed
        self._use(live_store(seed, self.dialect.vocabulary))
        self.request_ids = RequestIds(seed, self.dialect.name)
        self.changes = 0
        self.replays.clear()
        self.replies.clear()

    def apply(self, tenants: tuple[TenantSpec, ...], replace_all: bool = False) -> Store:
        """Add `tenants` (or serve only them) as of the clock's now; each change draws from a source of its own."""
        self._use(compose(self.store, self._draw(), tenants, self.clock.now(), replace_all))
        self._changed()
        return self.store

    # --- the runs resource: what the HTTP handlers call ------------------------------------------------------
    def get_run(self, run_id: str, scope: Scope = ANYWHERE) -> Run:
        """The run as the list shows it now; raises `writes.NotFound`."""
        return writes.get_run(self.store, self.clock.now(), run_id, scope)

    def trigger(self, request: TriggerRequest, identifier: str | None = None) -> Run:
        """A new run; with an `identifier` already used on the workflow, the run that request made."""
        key = ("trigger", request.tenant_id or "", request.workflow_id, identifier or "")
        made = self.replays.get(key) if identifier is not None else None
        if made is not None:
            return self.get_run(made)
        run = self.write(lambda store, now, draw: writes.trigger(store, now, draw, request))
        if identifier is not None:
            self.replays[key] = run.id
        return run

    def cancel(self, run_id: str, scope: Scope = ANYWHERE, cancellable: Collection[RunState] = writes.ACTIVE) -> Run:
        return self.write(lambda store, now, _: writes.cancel(store, now, run_id, scope, cancellable))

    def retry(self, run_id: str, scope: Scope = ANYWHERE, retryable: Collection[RunState] = writes.RETRYABLE) -> Run:
        return self.write(lambda store, now, draw: writes.retry(store, now, draw, run_id, scope, retryable))

    def run_once(self, workflow: Workflow, request: TriggerRequest) -> Run:
        return self.write(lambda store, now, draw: writes.run_once(store, now, draw, workflow, request))

    def replay(
        self, run_id: str, scope: Scope = ANYWHERE, from_step_key: str | None = None, identifier: str | None = None
    ) -> Run:
        """A new run replaying `run_id`; with an `identifier` already used on it, the run that replay made."""
        self.get_run(run_id, scope)
        key = ("replay", run_id, identifier or "")
        made = self.replays.get(key) if identifier is not None else None
        if made is not None:
            return self.get_run(made)
        run = self.write(lambda store, now, draw: writes.replay(store, now, draw, run_id, scope, from_step_key))
        if identifier is not None:
            self.replays[key] = run.id
        return run

    def update_retention(
        self, run_id: str, max_age_seconds: int, preserve_on_failure: bool, scope: Scope = ANYWHERE
    ) -> Run:
        return self.write(
            lambda store, now, _: writes.update_retention(
                store, now, run_id, max_age_seconds, preserve_on_failure, scope
            )
        )

    def write(self, change: Write) -> Run:
        """Apply `change` at the clock's now and serve its store; a refused write (`writes.WriteError`) changes
        nothing, not even the count of changes."""
        written = change(self.store, self.clock.now(), self._draw())
        self._use(written.store)
        self._changed()
        return written.run

    def _use(self, store: Store) -> None:
        """Serve `store`, and accept the tokens of its tenants (worked out again only when they change)."""
        self.store = store
        tenants = (self.seed, store.demo.tenant_id, *(tenant.id for tenant in store.tenants))
        if tenants != self._tenants:
            self._tenants = tenants
            self.tokens.use_tenant_tokens(self.tenant_tokens() if self.demo_token else {})

    def tenant_tokens(self) -> dict[str, str]:
        """The token of each tenant (token -> tenant id): the demo token is the demo tenant's."""
        demo = self.store.demo.tenant_id
        others = (tenant.id for tenant in self.store.tenants if tenant.id != demo)
        return {self.dialect.demo_token: demo, **{self.dialect.tenant_token(self.seed, id_): id_ for id_ in others}}

    def _draw(self) -> Generator:
        return Generator(self.seed, self.dialect.vocabulary, stream=f":change:{self.changes}")

    def _changed(self) -> None:
        # A new store has a new serial, so no reply keyed by the old data's version is served again.
        self.changes += 1
        self.replies.clear()

    @property
    def fixture(self) -> dict[str, Any]:
        """A token that works (the demo token, unless it is off) and the path parameters that reach the demo data,
        and the same for every tenant (`tenants`, the demo tenant first), each token seeing its tenant only.

        Tokens given to the mock are never listed: the fixtures are open to anyone who can reach the mock.
        """
        store = self.store
        tokens = {tenant_id: token for token, tenant_id in self.tenant_tokens().items()}
        tenants = []
        for tenant_id in (store.demo.tenant_id, *(t.id for t in store.tenants if t.id != store.demo.tenant_id)):
            workflow_id = store.demo.workflow_id if tenant_id == store.demo.tenant_id else busiest(store, tenant_id)
            params = {"params": self.dialect.fixture_params(tenant_id, workflow_id)}
            tenants.append({"token": tokens[tenant_id], **params} if self.demo_token else params)
        return {**tenants[0], "tenants": tenants}


def busiest(store: Store, tenant_id: str) -> str | None:
    """The tenant's workflow with the most runs (the first of them in the store's order), or None without one."""
    counts = Counter(run.workflow_id for run in store.runs(tenant_id))
    workflows = [workflow.id for workflow in store.workflows if workflow.tenant_id == tenant_id]
    return max(workflows, key=lambda workflow_id: counts[workflow_id], default=None)
