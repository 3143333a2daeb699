"""A target opened for one run: its dialect, its spec's list operation, the client, and what requests name.

Every part of a run (the lists, the writes, the schema phase, each check) sends and reads through the one
context, so every request carries the run's token and pinned path parameters, waits out 429s on the run's
waiter, and draws made-up values from the run's seed::

    context = RunContext(Target("b3os", base_url, token, {"id": "wf_1"}), Options(seed=3))
    context.get({"limit": "5"})                       # the list, as an `Exchange`
    context.get({}, authorization=None)               # without an Authorization header
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

from contracts.coverage.record import Exercised
from contracts.dialects.base import Dialect, Filter
from contracts.http.client import Client, Exchange
from contracts.http.waiting import Waiter
from contracts.spec.document import ListOperation
from contracts.target.inputs import Options, Target

__all__ = ["DEFAULT", "LARGEST_PAGE_FALLBACK", "RunContext"]

LARGEST_PAGE_FALLBACK = 100


class Default:
    """Marks "use the run's own token" where None means "send no Authorization header"."""


DEFAULT = Default()


class RunContext:
    """The target of one run, opened: checked, its dialect described and its spec loaded, a client ready."""

    def __init__(self, target: Target, options: Options, note: Callable[[str], None] = lambda message: None) -> None:
        target.check_base_url()
        target.check_sandbox()
        self.target = target
        self.options = options
        self.note = note
        self.dialect: Dialect = target.describe_dialect()
        self.operation: ListOperation = target.load_operation(self.dialect)
        self.waiter = Waiter(options.max_wait, note)
        """Every wait of the run for a rate-limited request, the client's and the schema phase's."""
        self.exercised = Exercised(self.operation.found.spec, urlsplit(target.base_url).path)
        """What the run exercised of the spec: every exchange of its client and of the schema phase is told to it."""
        self.client = Client(
            target.base_url,
            self.operation.path,
            waiter=self.waiter,
            secret=target.secret,
            observe=self.observed,
            headers=target.headers,
        )
        self.random = random.Random(options.seed)
        self.path_params = {name: self.path_value(name) for name in self.operation.parameter_names("path")}

    def close(self) -> None:
        self.client.close()

    def observed(self, exchange: Exchange) -> None:
        self.exercised.exchange(exchange.method, urlsplit(exchange.url).path, exchange.status)

    @property
    def authorization(self) -> str | None:
        return f"Bearer {self.target.token}" if self.target.token else None

    def path_value(self, name: str) -> str:
        """The pinned value, else the spec's first example (the tenant alias `c` reaches data with a token)."""
        if name in self.target.params:
            return self.target.params[name]
        examples = self.operation.parameter_examples(name)
        return str(examples[0]) if examples else "unknown"

    @property
    def unpinned(self) -> list[str]:
        return [name for name in self.path_params if name not in self.target.params]

    def get(
        self,
        query: Mapping[str, str],
        *,
        path: Mapping[str, str] | None = None,
        authorization: str | Default | None = DEFAULT,
        template: str | None = None,
    ) -> Exchange:
        """GET the list, or the path `template` of another read operation, with the run's path parameters
        overridden by `path`."""
        header = self.authorization if isinstance(authorization, Default) else authorization
        return self.client.get({**self.path_params, **(path or {})}, query, authorization=header, template=template)

    # --- what the spec says of the list --------------------------------------------------------------------
    @property
    def largest_page(self) -> int:
        paging = self.dialect.paging
        if paging is None:
            return LARGEST_PAGE_FALLBACK
        return int(self.operation.parameter_schema(paging.size_parameter).get("maximum", LARGEST_PAGE_FALLBACK))

    @property
    def default_page(self) -> int | None:
        paging = self.dialect.paging
        if paging is None:
            return None
        default = self.operation.parameter_schema(paging.size_parameter).get("default")
        return int(default) if default is not None else None

    @property
    def filter_keys(self) -> list[tuple[str, str]]:
        return [(item.parameter, value) for item in self.dialect.filters for value in self.filter_values(item)]

    def filter_values(self, item: Filter) -> tuple[str, ...]:
        """The values the spec enumerates for the filter, but its `ALL`."""
        return tuple(value for value in self.operation.enum_values(item.parameter) if value != item.all_value)
