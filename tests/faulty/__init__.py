"""Deliberately faulty implementations: the mock behind an ASGI router that breaks exactly one thing.

`faulty(create_app(...))` serves `/<fault>/<dialect>/...` as the mock serves `/<dialect>/...`, except for that one
fault; any other path is the mock unchanged. `FAULTS` lists every fault, where it applies and the rule it breaks;
`LONG_LIST_FAULTS` those that only a list longer than the demo workflow's shows (see `long_list`).
"""

from __future__ import annotations

from tests.faulty.ephemeral_faults import EPHEMERAL_FAULTS
from tests.faulty.fault import Fault
from tests.faulty.get_faults import GET_FAULTS
from tests.faulty.layouts import LAYOUTS, Layout
from tests.faulty.long_list import LONG_LIST_FAULTS
from tests.faulty.phase_faults import PHASE_FAULTS
from tests.faulty.refusal_faults import REFUSAL_FAULTS
from tests.faulty.router import ASGIApp, faulty_app
from tests.faulty.schema_faults import SCHEMA_FAULTS
from tests.faulty.semantic_faults import SEMANTIC_FAULTS
from tests.faulty.write_faults import WRITE_FAULTS
from tests.faulty.write_phase_faults import WRITE_PHASE_FAULTS

__all__ = ["FAULTS", "LAYOUTS", "LONG_LIST_FAULTS", "Fault", "Layout", "faulty"]

FAULTS: tuple[Fault, ...] = (
    *SCHEMA_FAULTS,
    *SEMANTIC_FAULTS,
    *PHASE_FAULTS,
    *WRITE_FAULTS,
    *REFUSAL_FAULTS,
    *WRITE_PHASE_FAULTS,
    *EPHEMERAL_FAULTS,
    *GET_FAULTS,
)


def faulty(app: ASGIApp) -> ASGIApp:
    return faulty_app(app, {fault.name: fault.rewrite for fault in (*FAULTS, *LONG_LIST_FAULTS)})
