"""What a write may name on the target: the runs this run created, the tenant and workflow pinned with --param,
or ids made up to name nothing. Never a run, tenant or workflow read from a list, a get or the spec's examples.

Each path parameter of a write has a role, read from the spec and the dialect: a run (the dialect's run
parameter), a pinned owner (a parameter naming in the write's path what it names in the list's, or the trigger's
workflow where the list names none), or anything else. A value is in scope when it is a run this run created, the
pinned value (or the tenant alias, the token's own tenant), or an id made up here, which no server issues
(`contracts-no-such-run-1f3a9c07`, or a UUID of version 0 where the spec asks for a UUID).

Both kinds of writes ask it before anything is sent: the write checks' `Writer` refuses a write naming anything
else (`outside`), and the schema phase's guard rewrites such a parameter to a made-up id (`confine`), so the
request still exercises the operation's answer to an unknown id, and its reproduction shows what was sent. A
generated value that violates the parameter's schema stays: it cannot be an id the server issued::

    scope = WriteScope.of(operation, dialect, pinned={"id": "wf_1"}, created=log.created, seed=0)
    scope.outside("POST", "/v1/runs/{id}/cancel", {"id": "run_x"})   # ['id=run_x, a run this run did not create']
    scope.confine("POST", "/v1/runs/{id}/cancel", {"id": "run_x"})   # {'id': 'contracts-no-such-run-...'}
"""

from __future__ import annotations

import enum
import random
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from openapi_schema_validator import OAS30Validator

from contracts.dialects.base import Dialect, also_pinned
from contracts.operations import SAFE_METHODS, pinnable
from contracts.spec import ListOperation

__all__ = ["MADE_UP_PREFIX", "PathParameter", "Role", "WriteScope"]

MADE_UP_PREFIX = "contracts-no-such-"
UUID_VERSION_BITS = 0xF << 76
UUID_VARIANT_BITS = 0xC << 60
RFC_VARIANT = 0x8 << 60


class Role(enum.Enum):
    RUN = "a run this run did not create"
    PINNED = "not pinned with --param"
    OTHER = "not made up by this run"


@dataclass(frozen=True)
class PathParameter:
    name: str
    role: Role
    noun: str
    """What it names ("run", "tenant", "workflow", else its name), in made-up ids and messages."""
    validator: OAS30Validator = field(repr=False, compare=False)

    def could_name_anything(self, value: Any) -> bool:
        """Whether the server could have issued `value`: a value its schema refuses names nothing."""
        return bool(self.validator.is_valid(value))


@dataclass
class WriteScope:
    parameters: Mapping[tuple[str, str], tuple[PathParameter, ...]]
    """The path parameters of each write, by (METHOD, path template)."""
    pinned: Mapping[str, str]
    alias: tuple[str, str] | None
    """The tenant parameter and the value meaning "the token's own tenant"."""
    created: list[str]
    """The runs this run created (the `WriteLog`'s own list, which grows as runs are made)."""
    random: random.Random
    made_up: dict[str, str] = field(default_factory=dict)
    """The id made up for each noun: one per run, so the writes that name none are listed together."""

    @classmethod
    def of(
        cls, operation: ListOperation, dialect: Dialect, pinned: Mapping[str, str], created: list[str], seed: int
    ) -> WriteScope:
        """The scope of a run of `dialect`, whose list is `operation`, with the path parameters `pinned`."""
        spec = operation.found.spec
        extra = also_pinned(dialect)
        run_parameter = dialect.writes.run_parameter if dialect.writes is not None else None
        nouns: dict[str | None, str] = {
            dialect.tenant_parameter: "tenant",
            dialect.workflow_parameter: "workflow",
            **dict.fromkeys(extra, "workflow"),
        }
        parameters: dict[tuple[str, str], tuple[PathParameter, ...]] = {}
        for write in spec.operations:
            if write.method.upper() in SAFE_METHODS:
                continue
            names = write.parameter_names("path")
            owners = pinnable(operation.path, write.path, names, extra)
            found = []
            for name in names:
                role = Role.PINNED if name in owners else Role.RUN if name == run_parameter else Role.OTHER
                noun = "run" if role is Role.RUN else nouns.get(name, name) if role is Role.PINNED else name
                schema = dict(spec.resolve(write.parameters[name].get("schema", {})))
                found.append(PathParameter(name, role, noun, operation.validator(schema)))
            parameters[write.method.upper(), write.path] = tuple(found)
        alias = (
            (dialect.tenant_parameter, dialect.self_alias) if dialect.tenant_parameter and dialect.self_alias else None
        )
        return cls(parameters, dict(pinned), alias, created, random.Random(f"{seed}:made-up ids"))

    def allows(self, parameter: PathParameter, value: Any) -> bool:
        text = str(value)
        if text in self.made_up.values():
            return True
        if parameter.role is Role.RUN:
            return text in self.created
        if parameter.role is Role.PINNED:
            return text == self.pinned.get(parameter.name) or (parameter.name, text) == self.alias
        return False

    def outside(self, method: str, path: str, values: Mapping[str, Any]) -> list[str]:
        """The path parameters of the write `method path` whose `values` name what this run may not write on."""
        return [
            f"{parameter.name}={values.get(parameter.name)}, {parameter.role.value}"
            for parameter in self.parameters.get((method.upper(), path), ())
            if not self.allows(parameter, values.get(parameter.name))
        ]

    def confine(self, method: str, path: str, values: Mapping[str, Any]) -> dict[str, str]:
        """Made-up ids for the path parameters of `method path` whose `values` could name what this run may not
        write on (a value the parameter's schema refuses names nothing, and stays)."""
        return {
            parameter.name: self.made_up_id(parameter)
            for parameter in self.parameters.get((method.upper(), path), ())
            if (value := values.get(parameter.name)) is not None
            and not self.allows(parameter, value)
            and parameter.could_name_anything(value)
        }

    def instead(self, method: str, path: str) -> dict[str, str]:
        """A made-up id for the last path parameter of `method path` (the most specific thing it names: the
        workflow of a trigger, the run of a retry), so the request creates nothing; {} when it has none."""
        parameters = self.parameters.get((method.upper(), path), ())
        return {parameters[-1].name: self.made_up_id(parameters[-1])} if parameters else {}

    def made_up_for(self, method: str, path: str, name: str) -> str:
        """The made-up id for the path parameter `name` of the write `method path`."""
        (parameter,) = [found for found in self.parameters[method.upper(), path] if found.name == name]
        return self.made_up_id(parameter)

    def made_up_id(self, parameter: PathParameter) -> str:
        """An id of this run's making that no server issues, valid for the parameter where it asks for a UUID."""
        if parameter.noun not in self.made_up:
            drawn = self.random.getrandbits(128)
            if parameter.validator.schema.get("format") == "uuid":
                made = str(uuid.UUID(int=drawn & ~UUID_VERSION_BITS & ~UUID_VARIANT_BITS | RFC_VARIANT))
            else:
                made = f"{MADE_UP_PREFIX}{parameter.noun}-{drawn >> 96:08x}"
            self.made_up[parameter.noun] = made
        return self.made_up[parameter.noun]
