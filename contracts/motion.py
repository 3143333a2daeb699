"""How a run may change between two looks at it, as its spec promises; pure, no HTTP.

A run keeps most of its fields for life; the dialect's `Lifecycle` names those that move as it runs (status,
times, usage, results), which never move again once it has finished, and those a documented write changes at any
time. Its status only moves forward: pending, then running (or waiting), then finished. So two looks at a live
run are compared only on what the spec says cannot have moved in between::

    changes(DIALECTS["cortex-v1"], listed, got)   # [] when `got` can be `listed` a moment later
    stage(DIALECTS["b3os"].timeline, "waiting")   # ACTIVE
"""

from __future__ import annotations

from contracts.dialects.base import Dialect, Run, Timeline

__all__ = ["ACTIVE", "FINISHED", "PENDING", "changes", "stage"]

PENDING, ACTIVE, FINISHED = 0, 1, 2


def stage(timeline: Timeline, status: object) -> int | None:
    """Where `status` is in the lifecycle; None for a status the dialect does not know (held to no order)."""
    name = str(status)
    if name in timeline.ended:
        return FINISHED
    if name in timeline.not_started:
        return PENDING
    if name in timeline.not_ended:
        return ACTIVE
    return None


def changes(dialect: Dialect, earlier: Run, later: Run) -> list[str]:
    """What changed from `earlier` to a later look at the same run that its spec says cannot: a field the run keeps
    for life, a status moving back, anything but a settable field of a run that had finished. A field only one
    look shows is not compared (the get of one run may show more than the list)."""
    lifecycle, timeline = dialect.lifecycle, dialect.timeline
    before, after = stage(timeline, earlier.get("status")), stage(timeline, later.get("status"))
    finished = before == FINISHED
    problems = []
    for name, value in earlier.items():
        if name not in later or name in lifecycle.settable or later[name] == value:
            continue
        if name not in lifecycle.moving:
            problems.append(f"{name} went from {value!r} to {later[name]!r}, but a run keeps it for life")
        elif finished:
            problems.append(f"{name} went from {value!r} to {later[name]!r} after the run had finished")
    if before is not None and after is not None and after < before:
        problems.append(f"status went back from {earlier.get('status')!r} to {later.get('status')!r}")
    return problems
