"""Changes to the data as values: what a write, a scenario or a reset asks, for a repository to apply.

Each change is a frozen dataclass whose `apply(store, now, draw)` is a pure function of the store, the moment it
is applied at and a `Generator` drawing from the change's own source: a new store and the run it made or changed
(`Outcome`), or a `WriteError`, and then nothing changed. Each is plain JSON and back (`to_json()`,
`Change.from_json()`: strings, numbers, booleans, lists and objects, dates in ISO 8601), so a log of changes can
be kept outside the process::

    Change
     ├── RunChange       makes or changes one run, the outcome's `run`
     │    ├── Trigger      a run of a saved workflow
     │    ├── RunOnce      a run of a definition given inline
     │    ├── Cancel
     │    ├── Retry        a new run from the source's failure point
     │    ├── Replay       a new run of a finished run's version and input
     │    └── SetRetention
     ├── AddTenants      scenarios and runs added by the admin routes (the outcome's `run`: the last one added)
     └── Reset           the generated data set of a seed

A `Trigger` or `Replay` with an `identifier` has an `identity`: a repository answers a change whose identity it
has seen since the last reset with the run the first one made (`recall`), and makes nothing.
"""

from __future__ import annotations

import abc
import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from mock_server.data import writes
from mock_server.data.compose import Composer, TenantSpec
from mock_server.data.generate import Generator
from mock_server.data.model import Run, RunState, Workflow
from mock_server.data.schedule import live_store
from mock_server.data.store import Store
from mock_server.data.writes import ACTIVE, ANYWHERE, RETRYABLE, Scope, TriggerRequest


@dataclass(frozen=True)
class Outcome:
    """The data after a change, and the run it made or changed (None for a change of the whole data)."""

    store: Store
    run: Run | None = None


@dataclass(frozen=True)
class Change(abc.ABC):
    """One change to the data, applied by a repository at a moment of its clock."""

    kind: ClassVar[str]
    """The change's name in its JSON (`"kind"`)."""

    @abc.abstractmethod
    def apply(self, store: Store, now: datetime, draw: Generator) -> Outcome:
        """The data after this change at `now`; raises `writes.WriteError` when the data cannot take it."""

    @property
    def identity(self) -> tuple[str, ...] | None:
        """What a request repeated on purpose is known by (its identifier and what it applies to), or None."""
        return None

    def recall(self, store: Store, now: datetime, made: str) -> Outcome:
        """The answer to this change when its identity is known: run `made`, which the first one made, as it
        stands at `now`."""
        return Outcome(store, writes.get_run(store, now, made))

    def to_json(self) -> dict[str, Any]:
        """This change as plain JSON, `kind` first."""
        import msgspec  # only a log kept outside the process serialises changes

        # Through JSON's own bytes: what comes back is lists and dicts, never the records' tuples.
        return {"kind": self.kind, **msgspec.json.decode(msgspec.json.encode(self))}

    @staticmethod
    def from_json(document: Any) -> Change:
        """The change `document` holds (as `to_json` writes it); raises `ValueError` saying what is wrong."""
        import msgspec

        kind = KINDS.get(str(document.get("kind"))) if isinstance(document, dict) else None
        if kind is None:
            raise ValueError(f"not a change: the kind must be one of {', '.join(KINDS)}")
        fields = {name: value for name, value in document.items() if name != "kind"}
        unknown = sorted(set(fields) - {field.name for field in dataclasses.fields(kind)})
        if unknown:
            raise ValueError(f"{kind.kind}: unknown field {unknown[0]!r}")
        try:
            return msgspec.convert(fields, kind)
        except msgspec.ValidationError as error:
            raise ValueError(f"{kind.kind}: {error}") from None


@dataclass(frozen=True)
class RunChange(Change):
    """A change of one run: the outcome's `run` is always set."""


def written(result: writes.Written) -> Outcome:
    return Outcome(result.store, result.run)


@dataclass(frozen=True)
class Trigger(RunChange):
    """A new run of a saved workflow; with an `identifier` used before on the workflow, the run that request made."""

    kind: ClassVar[str] = "trigger"
    request: TriggerRequest
    identifier: str | None = None

    def apply(self, store: Store, now: datetime, draw: Generator) -> Outcome:
        return written(writes.trigger(store, now, draw, self.request))

    @property
    def identity(self) -> tuple[str, ...] | None:
        if self.identifier is None:
            return None
        return (self.kind, self.request.tenant_id or "", self.request.workflow_id, self.identifier)


@dataclass(frozen=True)
class RunOnce(RunChange):
    """A run of a definition given inline (`workflow`, kept so the run can be read)."""

    kind: ClassVar[str] = "run-once"
    workflow: Workflow
    request: TriggerRequest

    def apply(self, store: Store, now: datetime, draw: Generator) -> Outcome:
        return written(writes.run_once(store, now, draw, self.workflow, self.request))


@dataclass(frozen=True)
class Cancel(RunChange):
    """The run cancelled, if the caller's rule (`cancellable`) lets its state be."""

    kind: ClassVar[str] = "cancel"
    run_id: str
    scope: Scope = ANYWHERE
    cancellable: frozenset[RunState] = ACTIVE

    def apply(self, store: Store, now: datetime, draw: Generator) -> Outcome:
        return written(writes.cancel(store, now, self.run_id, self.scope, self.cancellable))


@dataclass(frozen=True)
class Retry(RunChange):
    """A new run from the source's failure point, if the caller's rule (`retryable`) lets its state be retried."""

    kind: ClassVar[str] = "retry"
    run_id: str
    scope: Scope = ANYWHERE
    retryable: frozenset[RunState] = RETRYABLE

    def apply(self, store: Store, now: datetime, draw: Generator) -> Outcome:
        return written(writes.retry(store, now, draw, self.run_id, self.scope, self.retryable))


@dataclass(frozen=True)
class Replay(RunChange):
    """A new run replaying a finished one; with an `identifier` used before on it, the run that replay made."""

    kind: ClassVar[str] = "replay"
    run_id: str
    scope: Scope = ANYWHERE
    from_step_key: str | None = None
    identifier: str | None = None

    def apply(self, store: Store, now: datetime, draw: Generator) -> Outcome:
        return written(writes.replay(store, now, draw, self.run_id, self.scope, self.from_step_key))

    @property
    def identity(self) -> tuple[str, ...] | None:
        return None if self.identifier is None else (self.kind, self.run_id, self.identifier)

    def recall(self, store: Store, now: datetime, made: str) -> Outcome:
        writes.get_run(store, now, self.run_id, self.scope)  # a run the caller cannot see is not found
        return super().recall(store, now, made)


@dataclass(frozen=True)
class SetRetention(RunChange):
    """The run with a new retention."""

    kind: ClassVar[str] = "set-retention"
    run_id: str
    max_age_seconds: int
    preserve_on_failure: bool
    scope: Scope = ANYWHERE

    def apply(self, store: Store, now: datetime, draw: Generator) -> Outcome:
        return written(
            writes.update_retention(store, now, self.run_id, self.max_age_seconds, self.preserve_on_failure, self.scope)
        )


@dataclass(frozen=True)
class AddTenants(Change):
    """Tenants, workflows and runs added (or served alone, `replace_all`), drawn like the generated ones."""

    kind: ClassVar[str] = "add-tenants"
    tenants: tuple[TenantSpec, ...]
    replace_all: bool = False

    def apply(self, store: Store, now: datetime, draw: Generator) -> Outcome:
        composer = Composer(store, draw, now, self.replace_all)
        composed = composer.apply(self.tenants)
        return Outcome(composed, composer.added[-1] if composer.added else None)


@dataclass(frozen=True)
class Reset(Change):
    """The data set generated from `seed`, as a fresh mock of that seed has it."""

    kind: ClassVar[str] = "reset"
    seed: int

    def apply(self, store: Store, now: datetime, draw: Generator) -> Outcome:
        return Outcome(live_store(self.seed, draw.vocabulary))


KINDS: dict[str, type[Change]] = {
    change.kind: change for change in (Trigger, RunOnce, Cancel, Retry, Replay, SetRetention, AddTenants, Reset)
}
