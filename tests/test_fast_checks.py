"""The fast checks of one parameter value: they accept only what jsonschema accepts, and coerce raw strings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft4Validator, FormatChecker

from mock_server.web.fast_checks import CoercionError, coerce_scalar, fast_check

FAST_SCHEMAS = [
    {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
    {"type": "string", "enum": ["ALL", "RUNNING", "FAILED"]},
    {"type": "string", "minLength": 1, "maxLength": 3},
    {"type": "array", "items": {"type": "string", "enum": ["all", "steps"]}},
    {"type": "number", "minimum": 0.5},
    {"type": "boolean", "default": False},
]
VALUES = st.one_of(
    st.integers(-200, 200),
    st.floats(allow_nan=False),
    st.booleans(),
    st.text(max_size=5),
    st.sampled_from(["ALL", "RUNNING", "all", "steps", "nope"]),
    st.lists(st.sampled_from(["all", "steps", "x", ""]), max_size=3),
)


@given(schema=st.sampled_from(FAST_SCHEMAS), value=VALUES)
def test_the_fast_check_accepts_only_what_jsonschema_accepts(schema: dict[str, object], value: object) -> None:
    accepts = fast_check(schema)
    assert accepts is not None
    valid = Draft4Validator(schema).is_valid(value)
    if accepts(value):
        assert valid
    elif isinstance(value, str | list | bool) or type(value) is int:
        # For the types coercion produces, it also accepts everything jsonschema does (it is a fast path).
        assert not valid or schema.get("type") == "number"


def test_schemas_with_patterns_are_left_to_jsonschema() -> None:
    assert fast_check({"type": "string", "pattern": "^a$"}) is None
    assert fast_check({"type": "array", "items": {"type": "string", "pattern": "^a$"}}) is None


FORMATTED = st.one_of(
    st.uuids().map(str),
    st.uuids().map(lambda value: value.hex),
    st.uuids().map(lambda value: str(value).upper()),
    st.datetimes().map(lambda value: value.isoformat() + "Z"),
    st.text(alphabet="0123456789abcdef-:TZ", max_size=40),
    st.integers(),
)


@given(form=st.sampled_from(["uuid", "date-time"]), value=FORMATTED)
def test_the_fast_check_of_a_format_agrees_with_jsonschemas(form: str, value: object) -> None:
    schema = {"type": "string", "format": form}
    accepts = fast_check(schema)
    assert accepts is not None
    assert accepts(value) == Draft4Validator(schema, format_checker=FormatChecker()).is_valid(value)


def test_the_fast_check_accepts_booleans_for_a_boolean_and_nothing_else() -> None:
    accepts = fast_check({"type": "boolean", "default": False})
    assert accepts is not None
    assert accepts(True)
    assert accepts(False)
    assert not accepts(1)
    assert not accepts("true")


@pytest.mark.parametrize(
    ("raw", "kind", "value"),
    [
        ("42", "integer", 42),
        ("-7", "integer", -7),
        ("2.5", "number", 2.5),
        ("true", "boolean", True),
        ("x", "string", "x"),
    ],
)
def test_a_raw_value_is_coerced_to_its_schema_type(raw: str, kind: str, value: object) -> None:
    assert coerce_scalar(raw, kind) == value


@pytest.mark.parametrize(
    ("raw", "kind"), [("4x", "integer"), ("1" * 41, "integer"), ("1e5", "number"), ("yes", "boolean")]
)
def test_a_raw_value_that_is_not_of_its_type_is_refused(raw: str, kind: str) -> None:
    with pytest.raises(CoercionError):
        coerce_scalar(raw, kind)
