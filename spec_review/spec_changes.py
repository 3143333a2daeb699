"""What changed between two specs, and whom each change breaks: clients, servers, both or neither.

    changes = diff_specs(spec_path("cortex-v1"), spec_path("cortex-v2"))
    [(c.subject, c.change, c.breaks_clients, c.breaks_servers) for c in changes]

Both specs are flattened by `spec_review.spec_outline`, and DeepDiff finds what differs between the two outlines:
operations, parameters, response statuses, headers and body fields, and their type, format, nullability,
required-ness, enum values, bounds and defaults. Each change is then judged by how it moves the set of valid
messages. A request that was valid and no longer is breaks *clients* written against the old spec; a request
that is newly valid breaks *servers* that implement the old one (they reject it). For responses it is the other
way round: a newly valid response breaks clients (they meet what they never expected), a response that was
valid and no longer is breaks servers (what they send no longer conforms). Unknown query parameters count as
invalid, as the mock and the contract suite treat them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from deepdiff import DeepDiff
from deepdiff.helper import notpresent
from deepdiff.model import DiffLevel

from spec_review.change_effects import Change, Effect, attribute_effect, presence_effect, verdict
from spec_review.errors import read_document
from spec_review.spec_outline import BODY, Operation, Outline, Shape, outline_document

__all__ = ["Change", "Effect", "diff_outlines", "diff_specs"]

PARAMETERS = "parameters"
REQUEST_BODY = "request body"
RESPONSES = "responses"
HEADERS = "headers"
FIELDS = "fields"
OPERATION_ID = "operationId"


def diff_specs(old: Path, new: Path) -> list[Change]:
    """Every change from the spec at `old` to the spec at `new`; raise `SpecError` when one cannot be read."""
    return diff_outlines(outline_document(read_document(old)), outline_document(read_document(new)))


def diff_outlines(old: Outline, new: Outline) -> list[Change]:
    """Every change from `old` to `new`, by operation, then subject."""
    differences = DeepDiff(
        comparable(old),
        comparable(new),
        view="tree",
        verbose_level=2,
        # Always report the keys added and removed, however few the two sides share.
        threshold_to_diff_deeper=0,
    )
    levels = [level for kind in sorted(differences) for level in differences[kind]]
    located = [(tuple(str(part) for part in level.path(output_format="list")), level) for level in levels]
    added_or_removed = {path for path, level in located if level.report_type in PRESENCE_REPORTS}
    found = [(path, judged(path, level)) for path, level in located if not inside(path, added_or_removed)]
    order = {key: index for index, key in enumerate([*old.operations, *new.operations])}
    found.sort(key=lambda item: (order[item[1].operation], SECTIONS.index(item[0][1:2]), item[1]))
    return [change for _, change in found]


# The order of a report within an operation: the operation itself, then the request, then the responses.
SECTIONS = [(), (OPERATION_ID,), (PARAMETERS,), (REQUEST_BODY,), (RESPONSES,)]


PRESENCE_REPORTS = frozenset({"dictionary_item_added", "dictionary_item_removed"})


def comparable(outline: Outline) -> dict[str, Any]:
    """The outline as plain nested dicts, keyed so that DeepDiff reports each change at the thing it concerns."""
    return {key: comparable_operation(operation) for key, operation in outline.operations.items()}


def comparable_operation(operation: Operation) -> dict[str, Any]:
    return {
        OPERATION_ID: operation.operation_id,
        PARAMETERS: {key: attributes(parameter.shape) for key, parameter in operation.parameters.items()},
        REQUEST_BODY: {path: attributes(shape) for path, shape in operation.request_body.items()},
        RESPONSES: {
            status: {
                HEADERS: {name: attributes(shape) for name, shape in response.headers.items()},
                FIELDS: {path: attributes(shape) for path, shape in response.body.items()},
            }
            for status, response in operation.responses.items()
        },
    }


def attributes(shape: Shape) -> dict[str, Any]:
    found: dict[str, Any] = {"type": shape.type, "nullable": shape.nullable, "required": shape.required}
    if shape.format is not None:
        found["format"] = shape.format
    if shape.enum is not None:
        # A dict keyed by the values, so that DeepDiff reports each value added or removed on its own.
        found["enum"] = {shown(value): True for value in shape.enum}
    return found | dict(shape.constraints)


def shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def inside(path: tuple[str, ...], added_or_removed: set[tuple[str, ...]]) -> bool:
    """Whether `path` lies inside something added or removed as a whole, whose own change already reports it."""
    if any(path[:length] in added_or_removed for length in range(1, len(path))):
        return True
    # Body fields are flat keys, so a field added with its nested fields is found by its path.
    container, name = path[:-1], path[-1]
    return container[-1:] in ((FIELDS,), (REQUEST_BODY,)) and any(
        other[:-1] == container and is_nested(name, other[-1]) for other in added_or_removed
    )


def is_nested(path: str, ancestor: str) -> bool:
    if ancestor == BODY:
        return path != BODY
    return path.startswith((f"{ancestor}.", f"{ancestor}["))


def judged(path: tuple[str, ...], level: DiffLevel) -> Change:
    """The change DeepDiff found at `path` (a path into `comparable`), with whom it breaks."""
    operation, rest = path[0], path[1:]
    added = level.report_type == "dictionary_item_added"
    if not rest:
        effect = Effect.WIDENS if added else Effect.NARROWS
        return verdict(operation, "operation", added_or_removed_word(added), effect, request=True)
    if rest[0] == OPERATION_ID:
        # The wire does not change, but generated clients name their method after it.
        return verdict(operation, OPERATION_ID, describe(OPERATION_ID, level), Effect.NEUTRAL, request=True)
    if rest[0] == PARAMETERS:
        location, _, name = rest[1].partition(" ")
        return judged_thing(operation, f"{location} parameter {name}", rest[2:], level, request=True)
    if rest[0] == REQUEST_BODY:
        subject = f"request {field_label(rest[1])}"
        return judged_thing(operation, subject, rest[2:], level, request=True, whole_body=rest[1] == BODY)
    status = rest[1]
    if len(rest) == 2:
        effect = Effect.WIDENS if added else Effect.NARROWS
        return verdict(operation, f"{status} response", added_or_removed_word(added), effect, request=False)
    if rest[2] == HEADERS:
        return judged_thing(operation, f"{status} response header {rest[3]}", rest[4:], level, request=False)
    subject = f"{status} response {field_label(rest[3])}"
    return judged_thing(operation, subject, rest[4:], level, request=False, whole_body=rest[3] == BODY)


def added_or_removed_word(added: bool) -> str:
    return "added" if added else "removed"


def field_label(path: str) -> str:
    """`body`, `body[].status`, `body.data.items[].id`: where a field is, readably."""
    if path == BODY or path.startswith("["):
        return f"body{path}"
    return f"body.{path}"


def judged_thing(
    operation: str,
    subject: str,
    attribute_path: tuple[str, ...],
    level: DiffLevel,
    *,
    request: bool,
    whole_body: bool = False,
) -> Change:
    """A change to a parameter, header or field: to the thing itself, one of its attributes or enum values."""
    added = level.report_type == "dictionary_item_added"
    if not attribute_path:
        required = bool((level.t2 if added else level.t1)["required"])
        effect = Effect.INCOMPATIBLE if whole_body else presence_effect(added, required, request)
        return verdict(
            operation,
            subject,
            f"{added_or_removed_word(added)} ({'required' if required else 'optional'})",
            effect,
            request,
        )
    attribute = attribute_path[0]
    if attribute == "enum" and len(attribute_path) == 2:
        effect = Effect.WIDENS if added else Effect.NARROWS
        return verdict(
            operation, subject, f"enum value {attribute_path[1]} {added_or_removed_word(added)}", effect, request
        )
    old, new = present(level.t1), present(level.t2)
    return verdict(
        operation, subject, describe(attribute, level), attribute_effect(attribute, old, new, request), request
    )


def present(value: Any) -> Any:
    """The value, or None where DeepDiff says there is none."""
    return None if value is notpresent else value


def describe(attribute: str, level: DiffLevel) -> str:
    old, new = present(level.t1), present(level.t2)
    if old is None:
        return f"{attribute} {shown_attribute(new)} added"
    if new is None:
        return f"{attribute} {shown_attribute(old)} removed"
    return f"{attribute}: {shown_attribute(old)} -> {shown_attribute(new)}"


def shown_attribute(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Mapping):
        return ", ".join(value)
    return shown(value)
