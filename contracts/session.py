"""One contract run's parts, opened together: the target (`context`), the list as the checks read it (`lists`),
the writes (`writer`) and the schema phase (`phase`).

Each check reads the part it judges and nothing fetches the same thing twice: the lists and the schema phase are
fetched on first use, and the phase's writes go through the same writer, log and budget as the write checks'::

    session = Session.open(target, options, rules=PHASE_RULES, runs_kept=4)
    session.lists.reached(), session.phase.result, session.writer.trigger()
    session.close()
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from contracts.reading.lists import Lists
from contracts.schema.rule_checks import PHASE_RULES
from contracts.schema.run_phase import SchemaPhase
from contracts.schema.schemathesis_compat import check_installed
from contracts.target.context import RunContext
from contracts.target.inputs import Options, Target
from contracts.writing.budget import WriteBudget
from contracts.writing.writer import Writer

__all__ = ["Session"]


@dataclass(frozen=True)
class Session:
    context: RunContext
    lists: Lists
    writer: Writer
    phase: SchemaPhase

    @classmethod
    def open(
        cls,
        target: Target,
        options: Options,
        note: Callable[[str], None] = lambda message: None,
        *,
        rules: tuple[str, ...] = PHASE_RULES,
        runs_kept: int = 0,
    ) -> Session:
        """The parts of a run of `target`: its schema phase judging the per-response `rules`, and `runs_kept` of
        the runs --max-writes allows kept from that phase for the write checks. Raises `ContractError` when the
        run cannot be done (a wrong argument, an unusable spec, a Schemathesis release it was not written for)."""
        check_installed()
        context = RunContext(target, options, note)
        writer = Writer(context, WriteBudget(options.max_writes, min(options.max_writes, runs_kept)))
        return cls(context, Lists(context), writer, SchemaPhase(context, writer, rules))

    def close(self) -> None:
        self.context.close()
