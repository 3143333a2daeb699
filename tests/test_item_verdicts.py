"""Tests of mock_server.web.item_verdicts: a list body judged item by item gives the whole body's verdict."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft4Validator

from mock_server.web.item_verdicts import SplitValidator, array_path

RUN = {
    "type": "object",
    "required": ["id", "status"],
    "properties": {"id": {"type": "string"}, "status": {"type": "string", "enum": ["ok", "failed"]}},
}
ENVELOPE = {
    "type": "object",
    "required": ["code", "data"],
    "properties": {
        "code": {"type": "integer"},
        "data": {
            "type": "object",
            "required": ["items"],
            "properties": {"items": {"type": "array", "maxItems": 3, "items": RUN}, "hasMore": {"type": "boolean"}},
        },
    },
}


def split(schema: dict[str, Any]) -> SplitValidator:
    return SplitValidator(schema, Draft4Validator)


def test_the_list_is_found_at_the_root_or_under_properties() -> None:
    assert array_path({"type": "array", "items": RUN}) == ()
    assert array_path(ENVELOPE) == ("data", "items")
    assert array_path(RUN) is None


def test_a_bad_item_is_reported_at_its_place_in_the_body() -> None:
    body = {"code": 200, "data": {"items": [{"id": "a", "status": "ok"}, {"id": "b", "status": "lost"}]}}
    errors = list(split(ENVELOPE).iter_errors(body))
    assert [list(error.absolute_path) for error in errors] == [["data", "items", 1, "status"]]


def test_an_item_that_conformed_is_not_judged_again() -> None:
    judged: list[Any] = []

    class Counting:
        def __init__(self, schema: Any) -> None:
            self.validator = Draft4Validator(schema)

        def iter_errors(self, instance: Any) -> Any:
            judged.append(instance)
            return self.validator.iter_errors(instance)

    validator = SplitValidator({"type": "array", "items": RUN}, Counting)
    item = {"id": "a", "status": "ok"}
    assert not list(validator.iter_errors([item, item]))
    assert not list(validator.iter_errors([dict(item)]))
    assert judged.count(item) == 1  # judged once, then known by its bytes (the outer arrays are other instances)


ITEMS = st.fixed_dictionaries(
    {"id": st.one_of(st.text(max_size=2), st.integers())},
    optional={"status": st.sampled_from(["ok", "failed", "lost"])},
)
BODIES = st.fixed_dictionaries(
    {"code": st.one_of(st.integers(), st.text(max_size=1))},
    optional={"data": st.one_of(st.none(), st.fixed_dictionaries({}, optional={"items": st.lists(ITEMS, max_size=5)}))},
)


@given(BODIES)
def test_the_verdict_is_the_whole_body_validator_s(body: dict[str, Any]) -> None:
    assert bool(list(split(ENVELOPE).iter_errors(body))) == (not Draft4Validator(ENVELOPE).is_valid(body))
