"""OpenAPI 3.0 schemas as the proxy compiles them: `nullable` allows null, and formats are checked."""

from __future__ import annotations

from contracts.proxy.schemas import Schemas
from workflow_runs_specs.reader import Spec


def test_nullable_fields_accept_null_and_nothing_else_of_another_type() -> None:
    schemas = Schemas({"components": {"schemas": {"At": {"type": "string", "format": "date-time", "nullable": True}}}})
    reference = {"$ref": "#/components/schemas/At"}

    assert schemas.problems(reference, None) == []
    assert schemas.problems(reference, "2026-01-01T00:00:00Z") == []
    assert schemas.problems(reference, "yesterday") == ['at (root): "yesterday" is not a "date-time"']
    assert schemas.problems(reference, 5) != []


def test_a_nullable_enum_accepts_null_and_its_values() -> None:
    schemas = Schemas({})
    schema = {"type": "string", "enum": ["A"], "nullable": True}

    assert schemas.problems(schema, None) == []
    assert schemas.problems(schema, "B") != []


def test_every_answer_schema_of_the_specs_compiles() -> None:
    for dialect in ("aitasker", "b3os", "cortex-v1", "cortex-v2", "invent"):
        spec = Spec.of_dialect(dialect)
        schemas = Schemas(spec.document)
        for operation in spec.operations:
            for status in operation.responses:
                schema = operation.response_schema(status)
                if schema is not None:
                    assert schemas.validator(schema) is not None
