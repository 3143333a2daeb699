"""Faults of the get of one run that only a comparison with the list shows: the same run, read with the same
flags, must be the same object (every answer stays schema-valid)."""

from __future__ import annotations

from tests.faulty.fault import Fault, rule
from tests.faulty.layouts import Layout
from tests.faulty.router import Answer, Inner, Request, Rewrite
from tests.faulty.write_faults import has, only


async def without_verbose(request: Request, layout: Layout, inner: Inner) -> Answer:
    """The get answers as if `verbose` had not been sent: the version and the usage calls stay empty."""
    request.replace("verbose", None)
    return await inner(request)


GET_FAULTS: tuple[Fault, ...] = (
    Fault(
        "get_ignores_verbose",
        rule("get_answers_listed_run"),
        Rewrite(operation=only("get", without_verbose)),
        applies=has("cortex-v1", "cortex-v2"),
    ),
)
