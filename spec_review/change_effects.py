"""How one change moves the set of messages a spec allows, and so whom it breaks: clients, servers or both."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


class Effect(enum.Enum):
    """How a change moves the set of messages the spec allows."""

    WIDENS = "widens"
    NARROWS = "narrows"
    INCOMPATIBLE = "incompatible"
    """Some messages become valid and others invalid (a type changed, a default changed meaning)."""
    NEUTRAL = "neutral"


# Bounds that allow more values as they fall, and those that allow more as they rise.
LOWER_BOUNDS = frozenset({"minimum", "exclusiveMinimum", "minLength", "minItems"})


UPPER_BOUNDS = frozenset({"maximum", "exclusiveMaximum", "maxLength", "maxItems"})


@dataclass(frozen=True, order=True)
class Change:
    """One difference between the old spec and the new one."""

    operation: str
    """e.g. `GET /v1/workflows/{id}/runs`."""
    subject: str
    """What changed, e.g. `query parameter origin`, `200 response body[].status`, `operation`."""
    change: str
    """How it changed, e.g. `enum value WEBHOOK added`, `nullable: no -> yes`."""
    breaks_clients: bool
    breaks_servers: bool

    @property
    def breaking(self) -> bool:
        return self.breaks_clients or self.breaks_servers


def presence_effect(added: bool, required: bool, request: bool) -> Effect:
    if request:
        # An optional parameter added is one more valid request; removed, it is rejected as unknown. A required
        # one also turns the requests without it invalid (added) or valid for the new spec only (removed).
        if required:
            return Effect.INCOMPATIBLE
        return Effect.WIDENS if added else Effect.NARROWS
    if required:
        # A required field or header added must now be sent; removed, it may now be missing.
        return Effect.NARROWS if added else Effect.WIDENS
    # An optional field was never to be relied on, and the schemas allow fields they do not list.
    return Effect.NEUTRAL


def attribute_effect(attribute: str, old: Any, new: Any, request: bool) -> Effect:
    """How changing `attribute` from `old` to `new` (None: absent) moves the set of valid values."""
    if attribute == "default":
        # A client that omits the value gets another behaviour, from a new server or an old one.
        return Effect.INCOMPATIBLE if request else Effect.NEUTRAL
    if attribute == "type":
        return type_effect(str(old), str(new))
    if attribute == "nullable":
        return Effect.WIDENS if new else Effect.NARROWS
    if isinstance(old, bool) or isinstance(new, bool):
        # required, uniqueItems and OpenAPI 3.0's exclusiveMinimum/Maximum forbid values when true.
        return Effect.NARROWS if new else Effect.WIDENS
    if old is None or new is None:
        # An enum, format, pattern or bound added forbids values; removed, it allows them.
        return Effect.NARROWS if new is not None else Effect.WIDENS
    if attribute in LOWER_BOUNDS:
        return Effect.WIDENS if new < old else Effect.NARROWS
    if attribute in UPPER_BOUNDS:
        return Effect.WIDENS if new > old else Effect.NARROWS
    return Effect.INCOMPATIBLE


def type_effect(old: str, new: str) -> Effect:
    if (old, new) == ("integer", "number") or new == "any":
        return Effect.WIDENS
    if (old, new) == ("number", "integer") or old == "any":
        return Effect.NARROWS
    return Effect.INCOMPATIBLE


def verdict(operation: str, subject: str, change: str, effect: Effect, request: bool) -> Change:
    """The change, breaking clients or servers by which way it moves the requests (or the responses)."""
    breaks_old_clients = Effect.NARROWS if request else Effect.WIDENS
    breaks_old_servers = Effect.WIDENS if request else Effect.NARROWS
    return Change(
        operation,
        subject,
        change,
        breaks_clients=effect in (breaks_old_clients, Effect.INCOMPATIBLE),
        breaks_servers=effect in (breaks_old_servers, Effect.INCOMPATIBLE),
    )
