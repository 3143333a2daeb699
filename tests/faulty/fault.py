"""A fault: the rule of the contract it breaks, where it applies, and how it rewrites the mock's traffic."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.faulty.layouts import Layout
from tests.faulty.router import Rewrite


@dataclass(frozen=True)
class Fault:
    name: str
    rule: Callable[[Layout], str]
    """The rule a run must report as broken."""
    rewrite: Rewrite
    applies: Callable[[Layout], bool] = lambda layout: True
    semantic: bool = True
    """Judged by the semantic checks alone: every answer stays schema-valid."""
    writes: bool = False
    """Seen only by a run that allows writes."""
    phase: bool = False
    """Only requests the schema phase generates show it: judged by the schema phase and the rule's own check."""
    preflight: bool = False
    """The answer is not the dialect's list at all: the run ends at its preflight request, before any check."""


def rule(name: str) -> Callable[[Layout], str]:
    return lambda layout: name


def paged(layout: Layout) -> bool:
    return layout.paging is not None
