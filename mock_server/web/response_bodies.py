"""Judging a response body against its schema with a compiled validator (jsonschema-rs), compiled once per schema.

Connexion's own response validator builds a pure-Python jsonschema validator for every response and walks the
body keyword by keyword: a profile of never-seen requests with `--validate-responses` spent most of a request
there. The schema Connexion hands over is converted once (`response_schemas.draft4`) and compiled by
jsonschema-rs; a body is parsed once (orjson) and judged whole, which measured cheaper than judging a list's
items apart and remembering each by its bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jsonschema_rs
import orjson

from mock_server.web.response_schemas import draft4


class BodyJudge:
    """The compiled validator of one response schema; `fault` says what is wrong with a body, or None."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.validator = jsonschema_rs.Draft4Validator(draft4(schema), validate_formats=True)

    def fault(self, body: bytes) -> str | None:
        """None when `body` conforms; otherwise one sentence naming where and what is wrong."""
        try:
            instance = orjson.loads(body) if body else None
        except orjson.JSONDecodeError as unreadable:
            return f"Response body is not JSON: {unreadable}"
        if self.validator.is_valid(instance):
            return None
        # Only a refused body pays for the error's details.
        first = next(iter(self.validator.iter_errors(instance)))
        where = "/".join(str(part) for part in first.instance_path) or "the body"
        return f"Response body does not conform to the specification at {where}: {first.message}"
