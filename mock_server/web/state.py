"""One served dialect: under its prefix, from its repository in a data set, to the tokens of its tenants, with the
replies it remembers. Every change to its data goes through `Mount.apply`, which keeps tokens and replies in step."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from mock_server.data.changes import Change, Outcome
from mock_server.data.model import Run
from mock_server.data.repository import Reading, Version
from mock_server.data.view import StoreView
from mock_server.dialects import Dialect
from mock_server.web.auth import TokenRegistry
from mock_server.web.data_set import DataSet
from mock_server.web.replies import ReplyCache
from mock_server.web.request_ids import RequestIds


@dataclass
class Mount:
    """One dialect as served: under `prefix`, from its data in `data`.

    Every change (a scenario, an added run, a write, a reset) is a `Change` its repository applies, drawing from a
    source of its own, so the same seed and the same sequence of changes give the same data, new ids included.
    """

    dialect: Dialect
    prefix: str
    tokens: TokenRegistry
    data: DataSet
    replies: ReplyCache = field(default_factory=ReplyCache)
    demo_token: bool = True
    """Whether the tenants' tokens (the dialect's demo token is the demo tenant's) are accepted, and so shown by the
    fixtures."""
    read_only: bool = False
    """Writes are refused: several worker processes serve, and they share no state."""

    def __post_init__(self) -> None:
        self._tenants: tuple[object, ...] = ()
        self._followed: tuple[int, int] | None = None
        """(generation, changes) of the data whose tenants' tokens are accepted."""
        self._follow_tenants()

    def accepted_tokens(self) -> TokenRegistry:
        """The tokens accepted now: when other processes change the data too, their changes' tenants' as well."""
        if self.data.shared:
            self.read()
        return self.tokens

    @property
    def seed(self) -> int:
        return self.data.repositories[self.dialect.name].seed

    @property
    def request_ids(self) -> RequestIds:
        return self.data.request_ids[self.dialect.name]

    def read(self) -> Reading:
        """The data as it stands now, and its version."""
        reading = self.data.read(self.dialect.name)
        if self.data.shared and reading.version[:2] != self._followed:  # changed by another process, maybe
            self._follow_tenants()
        return reading

    def version(self) -> Version:
        return self.data.version(self.dialect.name)

    def apply(self, change: Change) -> Outcome:
        """Apply `change` now; a refused change (`writes.WriteError`) changes nothing. Replies of the old data are
        dropped (its version changed anyway), and the tokens follow the tenants."""
        outcome = self.data.apply(self.dialect.name, change)
        self.replies.clear()
        self._follow_tenants()
        return outcome

    def submit(self, change: Change) -> Run:
        """The run `change` made or changed (what write handlers call: `dialects.base.Changes`); raises
        `TypeError` for a change that made none."""
        run = self.apply(change).run
        if run is None:
            raise TypeError(f"{type(change).__name__} made no run")
        return run

    def _follow_tenants(self) -> None:
        """Accept the tokens of the data's tenants (worked out again only when they change)."""
        reading = self.data.read(self.dialect.name)
        self._followed, view = reading.version[:2], reading.view
        tenants = (self.seed, view.demo.tenant_id, *(tenant.id for tenant in view.tenants))
        if tenants != self._tenants:
            self._tenants = tenants
            self.tokens.use_tenant_tokens(self.tenant_tokens(view) if self.demo_token else {})

    def tenant_tokens(self, view: StoreView) -> dict[str, str]:
        """The token of each tenant (token -> tenant id): the demo token is the demo tenant's."""
        demo = view.demo.tenant_id
        others = (tenant.id for tenant in view.tenants if tenant.id != demo)
        return {self.dialect.demo_token: demo, **{self.dialect.tenant_token(self.seed, id_): id_ for id_ in others}}

    @property
    def fixture(self) -> dict[str, Any]:
        """A token that works (the demo token, unless it is off) and the path parameters that reach the demo data,
        and the same for every tenant (`tenants`, the demo tenant first), each token seeing its tenant only.

        Tokens given to the mock are never listed: the fixtures are open to anyone who can reach the mock.
        """
        view = self.read().view
        tokens = {tenant_id: token for token, tenant_id in self.tenant_tokens(view).items()}
        tenants = []
        for tenant_id in (view.demo.tenant_id, *(t.id for t in view.tenants if t.id != view.demo.tenant_id)):
            workflow_id = view.demo.workflow_id if tenant_id == view.demo.tenant_id else busiest(view, tenant_id)
            params = {"params": self.dialect.fixture_params(tenant_id, workflow_id)}
            tenants.append({"token": tokens[tenant_id], **params} if self.demo_token else params)
        return {**tenants[0], "tenants": tenants}


def busiest(view: StoreView, tenant_id: str) -> str | None:
    """The tenant's workflow with the most runs (the first of them in the data's order), or None without one."""
    counts = Counter(run.workflow_id for run in view.runs(tenant_id))
    workflows = [workflow.id for workflow in view.workflows if workflow.tenant_id == tenant_id]
    return max(workflows, key=lambda workflow_id: counts[workflow_id], default=None)
