"""The schema phase of one run: run once, when a check first needs its verdicts, with what the run allows.

It judges the checks' per-response rules (those of the checks the run makes) on the list's and the get's answers,
and, in a run that allows writes, sends the spec's writes through the run's writer: confined to its scope, held
to its budget, listed in its log::

    phase = SchemaPhase(context, rules=("newest_first",), writer=writer)
    phase.result.tallies["not_a_server_error"].judged
    phase.tally("newest_first")      # None until the phase ran
"""

from __future__ import annotations

import functools

from contracts.rules.response_rules import Facts
from contracts.schema.phase import RuleScope, SchemaPhaseResult, Tally, run_schema_phase
from contracts.schema.rule_checks import PHASE_RULES
from contracts.schema.write_guard import PhaseWrites, creating_operations
from contracts.target.context import RunContext
from contracts.writing.writer import Writer

__all__ = ["SchemaPhase"]


class SchemaPhase:
    """The schema phase of the run of `context`, judging `rules`, writing through `writer` when writes are allowed."""

    def __init__(self, context: RunContext, writer: Writer, rules: tuple[str, ...] = PHASE_RULES) -> None:
        self.context = context
        self.writer = writer
        self.rules = rules
        """The per-response rules the schema phase judges: those of the checks the run makes."""

    @functools.cached_property
    def result(self) -> SchemaPhaseResult:
        context = self.context
        writes = None
        if context.options.allow_writes:
            creating = creating_operations(context.operation.document, context.dialect)
            writer = self.writer
            writes = PhaseWrites(writer.budget, writer.log, creating, writer.scope)
        document = context.operation.document
        target, options = context.target, context.options
        return run_schema_phase(document, target, options, context.waiter, self.rule_scope, writes, context.exercised)

    def tally(self, name: str) -> Tally | None:
        """How the schema phase's check `name` fared, when the phase ran and has such a check."""
        if name not in self.rules or "result" not in self.__dict__:  # where cached_property keeps it
            return None
        return self.result.tallies.get(name)

    @property
    def rule_scope(self) -> RuleScope:
        """What the per-response rules judge in the schema phase: the list, the get, and the list's paging facts."""
        context = self.context
        dialect = context.dialect
        paging = dialect.paging
        facts = Facts(filter_values={item.parameter: context.filter_values(item) for item in dialect.filters})
        if paging is not None:
            position = context.operation.parameter_schema(paging.position_parameter).get("default")
            facts = Facts(
                default_size=context.default_page,
                largest_size=context.largest_page,
                default_position=int(position) if position is not None else getattr(paging, "first_page", 0),
                filter_values=facts.filter_values,
            )
        list_id = context.operation.found.operation_id or ""
        return RuleScope(list_id, dialect.get_run, facts, self.rules)
