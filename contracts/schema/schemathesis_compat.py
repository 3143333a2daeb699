"""What the schema phase needs of Schemathesis beyond its public API, in one place, for the release it was written for.

Two needs have no public seam in Schemathesis 4.32:

- one loaded schema sending through a transport of ours. Every request of the phase goes through
  `schema.transport`, the checks' own probes too (`ignored_auth` sends there, and no hook sees it), and that is
  a property with no setter; the `before_call` hook is global and probes bypass it. `send_through` gives that
  one schema object a class of its own whose property answers our transport, so no other Schemathesis run in
  the process is touched.
- ending one operation's test in one phase as the engine ends it when its time is up, keeping what was judged
  (its executors catch `BudgetExpired`, of a private module; a `SkipTest` escapes the examples and coverage
  phases as a crash). `OperationStop` is that exception.

Everything else goes through the public API, as does `copy_serializers` (our transports encode bodies as the one
they stand for).
`check_installed()` runs when a contract run opens: another release is one line saying what to install, never
a crash in the middle of the phase::

    check_installed()                         # raises DependencyError when the release is not the tested one
    send_through(schema, transport)           # every request of `schema` now goes through `transport`
"""

from __future__ import annotations

import importlib
from importlib import metadata
from typing import TYPE_CHECKING, Any

from schemathesis.schemas import BaseSchema
from schemathesis.transport import BaseTransport

from contracts.core.errors import DependencyError

__all__ = [
    "REQUIREMENT",
    "TESTED_RELEASE",
    "OperationStop",
    "check_installed",
    "copy_serializers",
    "send_through",
    "supported",
]

TESTED_RELEASE = (4, 32)
"""The Schemathesis release (major, minor) these seams were written for and tested with."""
REQUIREMENT = "schemathesis>=4.32,<4.33"
ENGINE_STOP_MODULE = "schemathesis.engine.run.unit._case"
ENGINE_STOP_NAME = "BudgetExpired"


def engine_stop() -> type[KeyboardInterrupt] | None:
    """The exception the engine's executors catch to end one operation's test quietly, None where it moved."""
    try:
        module = importlib.import_module(ENGINE_STOP_MODULE)
    except ImportError:
        return None
    found = getattr(module, ENGINE_STOP_NAME, None)
    return found if isinstance(found, type) and issubclass(found, KeyboardInterrupt) else None


if TYPE_CHECKING:
    OperationStop = KeyboardInterrupt
else:
    # Where another release moved it, `check_installed` refuses the run before the phase could raise it.
    OperationStop = engine_stop() or KeyboardInterrupt


def supported(version: str) -> bool:
    """Whether `version` (as the package metadata spells it) is of the tested release."""
    parts = version.split(".")
    return len(parts) >= 2 and tuple(parts[:2]) == tuple(map(str, TESTED_RELEASE))


def check_installed() -> None:
    """Raise `DependencyError` saying what to install when the installed Schemathesis is not the tested release,
    or lacks what this module reaches into."""
    try:
        version = metadata.version("schemathesis")
    except metadata.PackageNotFoundError:
        version = "(none)"
    if not supported(version) or engine_stop() is None:
        raise DependencyError(
            f"Schemathesis {version} is installed, but the contract suite is written for "
            f"{'.'.join(map(str, TESTED_RELEASE))}.x: pip install '{REQUIREMENT}'"
        )


def send_through(schema: BaseSchema, transport: BaseTransport[Any]) -> None:
    """Make every request of `schema`'s operations (and of their checks' probes) go through `transport`."""
    # A subclass of its own class, so that whatever else that class overrides stays.
    own = type(f"Through{type(schema).__name__}", (type(schema),), {"transport": property(lambda _: transport)})
    schema.__class__ = own


def copy_serializers(source: BaseTransport[Any], target: BaseTransport[Any]) -> None:
    """Register on `target` every body serializer `source` has, so it encodes bodies as `source` does."""
    for media_type, serializer in source.get_matching_media_types("*/*"):
        target.serializer(media_type)(serializer)
