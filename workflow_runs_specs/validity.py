"""A spec read and held to the OpenAPI 3.0 schema (openapi-spec-validator) before anything uses it.

The contract suite and the review tools both refuse a document that is not valid OpenAPI, in the same words::

    document = read_valid_document(Path("my-spec.yaml"))   # or SpecReadError: "the spec ... is not valid OpenAPI: ..."
"""

from __future__ import annotations

from pathlib import Path

from jsonschema.exceptions import ValidationError
from openapi_spec_validator import validate
from openapi_spec_validator.exceptions import OpenAPISpecValidatorError
from referencing.exceptions import Unresolvable

from workflow_runs_specs.reader import Document, SpecReadError, read_document

__all__ = ["read_valid_document"]


def read_valid_document(path: Path) -> Document:
    """The document at `path`, read by `reader.read_document` and checked to be valid OpenAPI; raises
    `SpecReadError` saying why not."""
    document = read_document(path)
    try:
        validate(document)
    except (ValidationError, OpenAPISpecValidatorError, Unresolvable) as error:
        reason = getattr(error, "message", None) or str(error)
        raise SpecReadError(f"the spec {path} is not valid OpenAPI: {reason.splitlines()[0]}") from None
    return document
