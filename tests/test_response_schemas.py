"""Tests of mock_server.web.response_schemas: the Draft 4 document judges as Connexion's validator does."""

from __future__ import annotations

from typing import Any

import jsonschema_rs
import pytest
from connexion.json_schema import Draft4ResponseValidator
from jsonschema import Draft4Validator

from mock_server.web.response_schemas import DRAFT4, UnsupportedSchema, draft4


def compiled(schema: dict[str, Any]) -> jsonschema_rs.Validator:
    return jsonschema_rs.Draft4Validator(draft4(schema), validate_formats=True)


def connexion_accepts(schema: dict[str, Any], instance: Any) -> bool:
    validator = Draft4ResponseValidator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
    return bool(validator.is_valid(instance))


def test_nullable_lets_null_through_type_and_enum_and_nothing_else() -> None:
    schema = {
        "type": "object",
        "properties": {
            "ended_at": {"type": "string", "format": "date-time", "nullable": True},
            "status": {"type": "string", "enum": ["ok", "failed"], "nullable": True},
            "origin": {"type": "string", "enum": ["api"]},
        },
    }
    written = draft4(schema)
    assert written["$schema"] == DRAFT4
    assert written["properties"]["ended_at"]["type"] == ["string", "null"]
    assert written["properties"]["status"]["enum"] == ["ok", "failed", None]
    validator = compiled(schema)
    cases: list[tuple[dict[str, Any], bool]] = [
        ({"ended_at": None, "status": None}, True),
        ({"ended_at": "2026-01-01T00:00:00Z", "status": "ok", "origin": "api"}, True),
        ({"origin": None}, False),
        ({"status": "lost"}, False),
        ({"ended_at": "yesterday"}, False),
    ]
    for instance, verdict in cases:
        assert validator.is_valid(instance) is verdict, instance
        assert connexion_accepts(schema, instance) is verdict, instance


def test_nullable_without_a_type_changes_nothing_and_allof_still_refuses_null() -> None:
    base = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
    schema = {"properties": {"any": {"nullable": True}, "wrapped": {"nullable": True, "allOf": [base]}}}
    validator = compiled(schema)
    cases: list[tuple[dict[str, Any], bool]] = [
        ({"any": None}, True),
        ({"wrapped": None}, False),
        ({"wrapped": {"id": "a"}}, True),
        ({"wrapped": {}}, False),
    ]
    for instance, verdict in cases:
        assert validator.is_valid(instance) is verdict, instance
        assert connexion_accepts(schema, instance) is verdict, instance


def test_a_schema_that_contains_itself_becomes_one_definition_referred_to_by_ref() -> None:
    call: dict[str, Any] = {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}
    call["properties"]["calls"] = {"type": "array", "items": call}
    schema = {"type": "object", "properties": {"usage": {"type": "array", "items": call}}}
    written = draft4(schema)
    assert written["properties"]["usage"]["items"] == {"$ref": "#/definitions/s0"}
    assert written["definitions"]["s0"]["properties"]["calls"]["items"] == {"$ref": "#/definitions/s0"}
    deep = {"name": "a", "calls": [{"name": "b", "calls": [{"name": "c", "calls": []}]}]}
    broken = {"name": "a", "calls": [{"name": "b", "calls": [{"calls": []}]}]}
    validator = compiled(schema)
    assert validator.is_valid({"usage": [deep]})
    assert not validator.is_valid({"usage": [broken]})


def test_a_root_that_contains_itself_is_written_once_and_its_attached_components_are_left_out() -> None:
    root: dict[str, Any] = {"type": "object", "properties": {"name": {"type": "string"}}}
    root["properties"]["child"] = root
    root["components"] = {"schemas": {"Node": root}}
    written = draft4(root)
    assert "components" not in written
    assert "components" not in written["definitions"]["s0"]
    validator = compiled(root)
    assert validator.is_valid({"name": "a", "child": {"name": "b"}})
    assert not validator.is_valid({"name": "a", "child": {"name": 3}})


def test_a_write_only_property_is_refused_in_a_response_as_connexion_refuses_it() -> None:
    schema = {"type": "object", "properties": {"secret": {"type": "string", "writeOnly": True}}}
    validator = compiled(schema)
    for instance in ({"secret": "x"}, {}):
        assert validator.is_valid(instance) is connexion_accepts(schema, instance)
    assert not validator.is_valid({"secret": "x"})


def test_formats_connexion_does_not_check_are_not_checked() -> None:
    schema = {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}, "n": {"format": "int64"}}}
    assert "format" not in draft4(schema)["properties"]["id"]
    assert compiled(schema).is_valid({"id": "not-a-uuid", "n": 2**40})
    assert connexion_accepts(schema, {"id": "not-a-uuid", "n": 2**40})


def test_data_keywords_are_copied_untouched_even_when_they_look_like_schemas() -> None:
    example = {"nullable": True, "type": "string"}
    schema = {"type": "object", "example": example, "enum": [{"type": "string", "nullable": True}]}
    written = draft4(schema)
    assert written["example"] == example
    assert written["enum"] == [{"type": "string", "nullable": True}]


def test_a_ref_connexion_left_unresolved_is_refused_with_its_target() -> None:
    with pytest.raises(UnsupportedSchema, match="#/components/schemas/Run"):
        draft4({"type": "array", "items": {"$ref": "#/components/schemas/Run"}})
