"""One contract run's shared state: the target, its spec and dialect, and every answer worth fetching once.

Checks ask the session for data and never fetch the same list twice: the first page (`reached`), a `Snapshot`
of the whole list walked with the largest and with small pages, the walks of each filter value, and the
Schemathesis phase. A live list moves while it is walked: runs arrive at its head, leave it, and change status.
Comparisons of positions (pages, counts, the same list asked twice) are made on walks between which no run
arrived or left (`held_still`: the list is walked again afterwards, and the work redone a few times at most);
the filter walks are judged on what held still (`stillness.FilterSnapshot`).
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from contracts.client import Client, Exchange
from contracts.dialects.base import Dialect, Filter
from contracts.listing import Lister, Page, UnexpectedAnswer, Walk
from contracts.outcomes import NotExercised
from contracts.phase_checks import PHASE_RULES
from contracts.phase_writes import PhaseWrites, creating_operations
from contracts.response_rules import Facts
from contracts.schema_phase import RuleScope, SchemaPhaseResult, Tally, run_schema_phase
from contracts.spec import ListOperation
from contracts.stillness import FilterSnapshot
from contracts.target import Options, Target
from contracts.waiting import Waiter
from contracts.writing import WriteBudget, Writer, share_kept

__all__ = ["DEFAULT", "Session", "Snapshot"]

T = TypeVar("T")

LARGEST_PAGE_FALLBACK = 100
REFERENCE_LIMIT = 2000
"""Runs a full walk looks at, at most; beyond it the checks judge the first runs only."""
SMALL_WALK_RUNS = 1000
"""Runs the walk with small pages covers, to the last page of any list up to this long (checks say when a
longer list was walked only this far)."""
SMALL_WALK_PAGES = 4
STABILITY_ATTEMPTS = 5
"""Times work is redone while the list moves under it: a live list gets a run every few hundred milliseconds at
most, and one attempt takes a few requests."""


class Default:
    """Marks "use the session's own token" where None means "send no Authorization header"."""


DEFAULT = Default()


@dataclass(frozen=True)
class Snapshot:
    """The list walked with the largest pages (`reference`) and with small ones, and its first page as asked for
    without paging parameters (`default`), all while it held still."""

    reference: Walk
    small: Walk
    small_size: int
    default: Page


class Session:
    def __init__(self, target: Target, options: Options, note: Callable[[str], None] = lambda message: None) -> None:
        target.check_base_url()
        self.target = target
        self.options = options
        self.note = note
        self.dialect: Dialect = target.describe_dialect()
        self.operation: ListOperation = target.load_operation(self.dialect)
        self.waiter = Waiter(options.max_wait, note)
        """Every wait of the run for a rate-limited request, the client's and the schema phase's."""
        self.client = Client(target.base_url, self.operation.path, waiter=self.waiter, secret=target.secret)
        self.random = random.Random(options.seed)
        self.path_params = {name: self.path_value(name) for name in self.operation.parameter_names("path")}
        self.lister = Lister(self.dialect, self.get)
        self.phase_rules: tuple[str, ...] = PHASE_RULES
        """The per-response rules the schema phase judges: those of the checks the run makes."""
        self.write_checks = True
        """Whether the run makes write checks, whose runs the schema phase leaves them (`budget`)."""

    def close(self) -> None:
        self.client.close()

    # --- requests ----------------------------------------------------------------------------------------
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

    # --- shared data -------------------------------------------------------------------------------------
    @functools.cached_property
    def first_page(self) -> Page | NotExercised:
        """The answer to the plainest request (no query), which proves the runs can be reached at all."""
        try:
            return self.lister.page({})
        except UnexpectedAnswer as unexpected:
            return NotExercised(self.unreached_reason(unexpected.exchange))
        except NotExercised as unreadable:
            return unreadable

    def reached(self) -> Page:
        """The first page; raises `NotExercised` saying why when the list of runs cannot be reached."""
        if isinstance(self.first_page, NotExercised):
            raise NotExercised(self.first_page.reason)
        return self.first_page

    def unreached_reason(self, exchange: Exchange) -> str:
        pin = f"; pin {', '.join(self.unpinned)} with --param" if self.unpinned else ""
        if self.target.token is None:
            return "no --token was given, so no request can reach the runs"
        if exchange.status == 401:
            return "the server refused the token (401)"
        if exchange.status in (403, 404):
            return f"the path does not name a readable workflow ({exchange.status}){pin}"
        return f"the plainest list request answered {exchange.status}, not 200{pin}"

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

    def walk(self, filters: Mapping[str, str] | None = None) -> Walk:
        """Every run (matching `filters`), walked with the largest pages."""
        return self.lister.walk(self.largest_page, filters or {}, max_runs=REFERENCE_LIMIT)

    def held_still(self, work: Callable[[Walk], T]) -> tuple[Walk, T]:
        """The reference walk and `work` done on it, redone while runs arrive or leave in between.

        What it serves compares positions (pages, counts, the same list asked twice), which one run arriving at
        the head shifts: it is only judged when the list held the same runs, in the same order, before and after.
        Runs changing status meanwhile move no run's position.
        """
        self.reached()
        for _ in range(STABILITY_ATTEMPTS):
            before = self.walk()
            result = work(before)
            if self.walk().ids == before.ids:
                return before, result
        raise NotExercised(f"runs arrived or left while the list was walked, {STABILITY_ATTEMPTS} times in a row")

    @functools.cached_property
    def snapshot(self) -> Snapshot:
        def walks(reference: Walk) -> tuple[Walk, int, Page]:
            covered = min(len(reference.runs), SMALL_WALK_RUNS)
            size = max(1, min(self.largest_page, math.ceil(covered / SMALL_WALK_PAGES)))
            limit = covered + size if reference.exhausted and covered == len(reference.runs) else covered
            return self.lister.walk(size, {}, max_runs=max(limit, 1)), size, self.lister.page({})

        reference, (small, size, default) = self.held_still(walks)
        return Snapshot(reference, small, size, default)

    @functools.cached_property
    def filter_snapshot(self) -> FilterSnapshot:
        """For every filter and value the spec enumerates (but `ALL`) the runs it keeps, between two walks of the
        whole list; redone while runs change status meanwhile, then judged on what held still."""
        self.reached()
        fields = {item.parameter: item.field for item in self.dialect.filters}
        for _ in range(STABILITY_ATTEMPTS):
            before = self.walk()
            walks = {key: self.walk({key[0]: key[1]}) for key in self.filter_keys}
            snapshot = FilterSnapshot(before, walks, self.walk(), fields)
            if snapshot.all_still:
                break
        return snapshot

    @property
    def filter_keys(self) -> list[tuple[str, str]]:
        return [(item.parameter, value) for item in self.dialect.filters for value in self.filter_values(item)]

    def filter_values(self, item: Filter) -> tuple[str, ...]:
        return tuple(value for value in self.operation.enum_values(item.parameter) if value != item.all_value)

    @functools.cached_property
    def writer(self) -> Writer:
        """The run's writes (each check raises `NotExercised` through it in a read-only run)."""
        return Writer(self)

    @functools.cached_property
    def budget(self) -> WriteBudget:
        """The runs this run may create, the write checks' share kept from the schema phase."""
        limit = self.options.max_writes
        reserved = min(limit, share_kept(self.dialect)) if self.write_checks else 0
        return WriteBudget(limit, reserved)

    @functools.cached_property
    def schema_phase(self) -> SchemaPhaseResult:
        writes = None
        if self.options.allow_writes:
            creating = creating_operations(self.operation.document, self.dialect)
            writes = PhaseWrites(self.budget, self.writer.log, creating, self.writer.scope)
        document = self.operation.document
        return run_schema_phase(document, self.target, self.options, self.waiter, self.rule_scope, writes)

    def phase_tally(self, name: str) -> Tally | None:
        """How the schema phase's check `name` fared, when the phase ran and has such a check."""
        if name not in self.phase_rules or "schema_phase" not in self.__dict__:  # where cached_property keeps it
            return None
        return self.schema_phase.tallies.get(name)

    @property
    def rule_scope(self) -> RuleScope:
        """What the per-response rules judge in the schema phase: the list, the get, and the list's paging facts."""
        paging = self.dialect.paging
        facts = Facts(filter_values={item.parameter: self.filter_values(item) for item in self.dialect.filters})
        if paging is not None:
            position = self.operation.parameter_schema(paging.position_parameter).get("default")
            facts = Facts(
                default_size=self.default_page,
                largest_size=self.largest_page,
                default_position=int(position) if position is not None else getattr(paging, "first_page", 0),
                filter_values=facts.filter_values,
            )
        list_id = self.operation.found.operation_id or ""
        return RuleScope(list_id, self.dialect.get_run, facts, self.phase_rules)
