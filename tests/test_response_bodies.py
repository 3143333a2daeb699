"""Tests of mock_server.web.response_bodies: the compiled judge gives Connexion's verdict on every body.

The reference is the validator Connexion itself uses for responses (`Draft4ResponseValidator`, pure-Python
jsonschema with its Draft 4 format checker), given the schema of every response of every spec exactly as
Connexion resolves it. The bodies are the mock's own answers (lists, gets, every documented status through
`Prefer`), every example of every response of the specs, and mutants of each: a value replaced by one of
another type, by null, by a string outside any enum or format, a field removed, a field added, a list emptied.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from typing import Any

import orjson
import pytest
from connexion.json_schema import Draft4ResponseValidator
from connexion.spec import Specification
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator

from mock_server.web.response_bodies import BodyJudge
from tools.clients import recorded_answers
from workflow_runs_specs import DIALECTS, spec_path

Path = tuple[str | int, ...]
EXTRA = "unexpected_field"
REPLACEMENTS: tuple[tuple[str, Any], ...] = (
    ("null", None),
    ("a number", 12345),
    ("a fraction", 1.5),
    ("a boolean", True),
    ("a string outside any enum or format", "not-a-documented-value"),
    ("an impossible date-time", "2026-13-45T99:00:00Z"),
    ("an object", {}),
    ("a list", []),
)


@functools.cache
def resolved(dialect: str) -> Any:
    """The dialect's spec with every `$ref` resolved, as Connexion reads it."""
    return Specification.load(spec_path(dialect))


def schema_for(dialect: str, operation_id: str, status: int | str) -> dict[str, Any] | None:
    """The schema Connexion hands the response validator: the response's, with the components attached."""
    spec = resolved(dialect)
    for item in spec["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                responses = operation["responses"]
                response = responses.get(str(status), responses.get("default", {}))
                media = response.get("content", {}).get("application/json")
                if media is None or "schema" not in media:
                    return None
                return {**media["schema"], "components": spec["components"]}
    raise AssertionError(f"{dialect}: no operation {operation_id}")


@functools.cache
def judge(dialect: str, operation_id: str, status: str) -> tuple[BodyJudge, Draft4Validator]:
    schema = schema_for(dialect, operation_id, status)
    assert schema is not None
    return BodyJudge(schema), Draft4ResponseValidator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def examples() -> Iterator[tuple[str, str, str, Any]]:
    """(dialect, operationId, status, value) of every example of every JSON response of every spec."""
    for dialect in DIALECTS:
        for item in resolved(dialect)["paths"].values():
            for operation in item.values():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                for status, response in operation["responses"].items():
                    media = response.get("content", {}).get("application/json", {})
                    if "example" in media:
                        yield dialect, operation["operationId"], status, media["example"]
                    for example in media.get("examples", {}).values():
                        yield dialect, operation["operationId"], status, example["value"]


@pytest.fixture(scope="module")
def answers(mock_url: str, fixtures: dict[str, Any]) -> list[tuple[str, str, str, Any]]:
    """(dialect, operationId, status, body) of the mock's answers to the varied requests of the client check."""
    found = []
    for dialect in DIALECTS:
        for answer in recorded_answers(mock_url, dialect, fixtures[dialect]):
            if answer["content_type"].startswith("application/json") and answer["body"]:
                body = orjson.loads(answer["body"])
                found.append((dialect, answer["operation_id"], str(answer["status"]), body))
    return found


def places(value: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from places(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from places(child, (*path, index))


def replaced(body: Any, path: Path, new: Any) -> Any:
    if not path:
        return new
    copy = list(body) if isinstance(body, list) else dict(body)
    copy[path[0]] = replaced(body[path[0]], path[1:], new)  # type: ignore[index]
    return copy


def removed(body: Any, path: Path) -> Any:
    *parent, key = path
    holder = dict(places_at(body, tuple(parent)))
    del holder[key]
    return replaced(body, tuple(parent), holder)


def places_at(body: Any, path: Path) -> Any:
    for part in path:
        body = body[part]
    return body


def shrunk(body: Any) -> Any:
    """`body` with every list cut to its first two items: the same kinds of places, fewer of each."""
    if isinstance(body, list):
        return [shrunk(item) for item in body[:2]]
    if isinstance(body, dict):
        return {key: shrunk(value) for key, value in body.items()}
    return body


def mutants(body: Any) -> Iterator[tuple[str, Any]]:
    """(what was changed, the changed body) for each single change at each place of `body`."""
    for path, value in places(body):
        where = "/".join(map(str, path)) or "root"
        for label, new in REPLACEMENTS:
            if new != value or type(new) is not type(value):
                yield f"{where} -> {label}", replaced(body, path, new)
        if isinstance(value, dict):
            for key in value:
                yield f"{where} without {key}", removed(body, (*path, key))
            yield f"{where} with an extra field", replaced(body, path, {**value, EXTRA: "x"})
        if isinstance(value, list) and value:
            yield f"{where} emptied", replaced(body, path, [])


def same_verdict(dialect: str, operation_id: str, status: str, body: Any) -> bool:
    """Whether the compiled judge and Connexion's validator agree on `body`; the verdict is returned."""
    compiled, reference = judge(dialect, operation_id, status)
    fault = compiled.fault(orjson.dumps(body))
    assert (fault is None) is reference.is_valid(body), f"{dialect} {operation_id} {status}: {fault} on {body}"
    return fault is None


@pytest.mark.slow
def test_every_answer_of_the_mock_and_every_example_of_the_specs_conforms(
    answers: list[tuple[str, str, str, Any]],
) -> None:
    bodies = [*answers, *examples()]
    asked = {(dialect, operation_id, status) for dialect, operation_id, status, _ in answers}
    assert {status for *_, status in asked} >= {"200", "400", "401", "404", "429"}
    assert {dialect for dialect, *_ in asked} == set(DIALECTS)
    for dialect, operation_id, status, body in bodies:
        assert same_verdict(dialect, operation_id, status, body), (dialect, operation_id, status)


def shape(value: Any) -> Any:
    """What a body is made of, its values left out: bodies of one shape offer the same places to change."""
    if isinstance(value, dict):
        return tuple(sorted((key, shape(child)) for key, child in value.items()))
    if isinstance(value, list):
        return tuple(shape(child) for child in value)
    return type(value).__name__


def distinct_bodies(bodies: list[tuple[str, str, str, Any]], per_response: int = 2) -> list[tuple[str, str, str, Any]]:
    """Of each response of each operation, the first `per_response` bodies of different shapes, shrunk."""
    chosen: dict[tuple[str, str, str], set[Any]] = {}
    found = []
    for dialect, operation_id, status, body in bodies:
        small = shrunk(body)
        shapes = chosen.setdefault((dialect, operation_id, status), set())
        if len(shapes) < per_response and shape(small) not in shapes:
            shapes.add(shape(small))
            found.append((dialect, operation_id, status, small))
    return found


@pytest.mark.slow
def test_every_single_change_of_every_body_is_judged_as_connexion_judges_it(
    answers: list[tuple[str, str, str, Any]],
) -> None:
    refused: dict[str, int] = {}
    for dialect, operation_id, status, body in distinct_bodies([*answers, *examples()]):
        same_verdict(dialect, operation_id, status, body)  # a conforming list's items are remembered first
        for change, mutant in mutants(body):
            if not same_verdict(dialect, operation_id, status, mutant):
                kind = change.split(" -> ")[1] if " -> " in change else change.split(" ")[1]
                refused[kind] = refused.get(kind, 0) + 1
    # Every kind of change broke some body, so both validators were shown to refuse each kind.
    assert {label for label, _ in REPLACEMENTS} <= set(refused), refused
    assert {"without", "with", "emptied"} <= set(refused), refused


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_several_changes_at_once_are_judged_as_connexion_judges_them(
    answers: list[tuple[str, str, str, Any]], data: st.DataObject
) -> None:
    dialect, operation_id, status, body = data.draw(st.sampled_from(answers))
    body = shrunk(body)
    for _ in range(data.draw(st.integers(1, 4))):
        body = data.draw(st.sampled_from([mutant for _, mutant in mutants(body)] or [body]))
    same_verdict(dialect, operation_id, status, body)


def test_a_refused_body_is_named_where_and_what_is_wrong() -> None:
    judge = BodyJudge({"type": "object", "properties": {"items": {"type": "array", "items": {"enum": ["a"]}}}})
    assert judge.fault(b'{"items": ["a", "a"]}') is None
    fault = judge.fault(b'{"items": ["a", "b"]}')
    assert fault is not None
    assert fault.startswith("Response body does not conform to the specification at items/1: ")
    assert '"b"' in fault


def test_a_body_that_is_not_json_is_refused_as_such() -> None:
    fault = BodyJudge({"type": "object"}).fault(b"{not json")
    assert fault is not None
    assert fault.startswith("Response body is not JSON: ")


def test_an_empty_body_is_judged_as_null() -> None:
    assert BodyJudge({"type": "object", "nullable": True}).fault(b"") is None
    assert BodyJudge({"type": "object"}).fault(b"") == (
        'Response body does not conform to the specification at the body: null is not of type "object"'
    )


RUN = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}, "n": {"type": "integer"}}}
PAGE = {"type": "array", "maxItems": 3, "items": RUN}


def runs(*numbers: int) -> bytes:
    return orjson.dumps(
        [
            {"id": f"run_{number:04d}_of_the_demo_workflow_with_an_id_long_enough_to_be_remembered", "n": number}
            for number in numbers
        ]
    )


def test_a_page_of_known_runs_still_breaks_the_array_s_own_bounds() -> None:
    judge = BodyJudge(PAGE)
    assert judge.fault(runs(1, 2, 3)) is None
    fault = judge.fault(runs(1, 2, 3, 1))
    assert fault is not None
    assert "at the body" in fault


def test_a_known_run_beside_a_broken_one_is_refused_where_the_broken_one_stands() -> None:
    judge = BodyJudge(PAGE)
    assert judge.fault(runs(1, 2)) is None
    broken = orjson.loads(runs(1, 2))
    broken[1]["n"] = "two"
    assert judge.fault(orjson.dumps(broken)) == (
        'Response body does not conform to the specification at 1/n: "two" is not of type "integer"'
    )


def test_only_a_list_judged_item_by_item_remembers_its_items() -> None:
    assert BodyJudge(PAGE).known is not None
    assert BodyJudge({**PAGE, "uniqueItems": True}).known is None
    assert BodyJudge(ENVELOPE).known is not None
    assert BodyJudge({**ENVELOPE, "anyOf": [{"required": ["code"]}]}).known is None  # judges the list twice
    two_lists = {"type": "object", "properties": {"a": PAGE, "b": PAGE}}
    assert BodyJudge(two_lists).known is None
    unique = BodyJudge({**PAGE, "uniqueItems": True})
    assert unique.fault(runs(1, 2)) is None
    assert unique.fault(runs(1, 1)) is not None


ENVELOPE = {
    "type": "object",
    "required": ["code", "data"],
    "properties": {
        "code": {"type": "integer", "enum": [0]},
        "note": {"type": "string"},
        "data": {"type": "object", "required": ["items"], "properties": {"items": PAGE, "more": {"type": "boolean"}}},
    },
}


def enveloped(*numbers: int, code: object = 0, note: str = "ok") -> bytes:
    return orjson.dumps({"code": code, "note": note, "data": {"items": orjson.loads(runs(*numbers)), "more": True}})


@pytest.mark.parametrize(
    ("schema", "body"),
    [pytest.param(PAGE, runs, id="bare array"), pytest.param(ENVELOPE, enveloped, id="envelope")],
)
def test_a_list_of_runs_already_judged_conforms_without_the_body_being_parsed_whole(
    monkeypatch: pytest.MonkeyPatch, schema: dict[str, Any], body: Callable[..., bytes]
) -> None:
    judge = BodyJudge(schema)
    assert judge.fault(body(1, 2, 3)) is None
    parsed: list[bytes] = []
    monkeypatch.setattr(BodyJudge, "judged", lambda self, body, known=0: parsed.append(body))
    assert judge.fault(body(3, 1)) is None
    assert judge.fault(body()) is None
    assert parsed == []


def test_an_envelope_of_known_runs_is_still_judged_around_them_and_on_the_list_s_bounds() -> None:
    judge = BodyJudge(ENVELOPE)
    assert judge.fault(enveloped(1, 2, 3)) is None
    assert judge.fault(enveloped(1, 2, code=7)) == (
        "Response body does not conform to the specification at code: 7 is not one of 0"
    )
    too_many = judge.fault(enveloped(1, 2, 3, 1))
    assert too_many is not None
    assert "at data/items" in too_many


def test_known_runs_anywhere_but_where_the_schema_has_the_list_are_judged_as_connexion_judges_them() -> None:
    judge = BodyJudge(ENVELOPE)
    reference = Draft4ResponseValidator(ENVELOPE)
    assert judge.fault(enveloped(1, 2)) is None
    array = runs(1, 2)
    for body in (
        b'{"code":0,"note":' + array + b',"data":{"items":[]}}',  # the array in another field
        b'{"code":0,"note":"' + array + b'","data":{"items":[]}}',  # inside a string: not JSON
        b'{"code":0,"data":{"items":' + array + b',"items":' + array + b"}}",  # twice, the last one counts
        b'{"code":0,"data":{"items":' + array + b"}, " + b'"note":"x"}',  # another encoder's spacing
        b'{"code":0,"data":{"items":' + array + b"}",  # cut short
        b'{"code":0,"data":{"items":' + array + b',"more":"yes"}}',
    ):
        try:
            expected = reference.is_valid(orjson.loads(body))
        except orjson.JSONDecodeError:
            expected = False
        assert (judge.fault(body) is None) is expected, body


def test_the_collector_is_as_it_was_after_a_body_is_judged() -> None:
    judge = BodyJudge(PAGE)
    assert gc.isenabled()
    judge.fault(runs(1))
    judge.fault(b"[1")
    assert gc.isenabled()
    gc.disable()
    try:
        judge.fault(runs(2))
        assert not gc.isenabled()
    finally:
        gc.enable()
