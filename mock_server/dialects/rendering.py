"""Rendering a record once: a dialect's rendering of a run depends only on the run, not on the page it is on.

The data's records are frozen and a store's runs keep their identity while its data is unchanged, so a run
rendered for one page is the same JSON on every other page, filter and request. `rendered_once` remembers a
renderer's result by the identity of its arguments (a bounded number, the oldest dropped first); the result is
shared between replies, so a handler must never change a rendered record in place.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])

CAPACITY = 8192
"""Renderings kept per renderer: every run of a large scenario, a few hundred kilobytes of dicts at most."""


def rendered_once(render: F, capacity: int = CAPACITY) -> F:
    """`render`, remembering its result for the same dialect and the very same argument objects."""
    # Keyed by ids, with the arguments kept alive beside the result: no id is reused while it is a key.
    memory: dict[tuple[int, ...], tuple[tuple[Any, ...], Any]] = {}

    @wraps(render)
    def remembered(self: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs:  # renderers are called positionally; anything else is rendered afresh
            return render(self, *args, **kwargs)
        given = (self, *args)
        key = tuple(map(id, given))
        found = memory.get(key)
        if found is not None:  # its arguments are kept alive, so these ids are still theirs
            return found[1]
        result = render(self, *args)
        if len(memory) >= capacity:
            del memory[next(iter(memory))]
        memory[key] = (given, result)
        return result

    return cast(F, remembered)
