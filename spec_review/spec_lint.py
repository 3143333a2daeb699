"""The lint of the specs, beyond validity: what a reviewer and a client writer need from every document.

    workflow-runs-review lint                # the five dialects' specs
    workflow-runs-review lint my-spec.yaml   # any spec files, or dialect names

Every rule runs on every operation, so a mistake in a component that several operations share (a response, a
parameter) is found once in each of them. Rules, each named in the findings:

- `valid`: the document is valid OpenAPI (nothing else is checked when it is not);
- `operation-id`: every operation has an operationId (validity already makes them unique);
- `summary`: every operation has a summary;
- `error-responses`: every operation documents a 4xx answer, a 401 when it needs credentials, a 400 or 422 when
  it takes parameters (its own or its path's) or a request body, and each error answer has a JSON body schema;
- `named-examples`: every JSON response has named `examples`, and every example (of a parameter, header,
  media type or schema) validates against its schema;
- `enum-spelling`: a filter parameter's enum is the enum of the run field it filters, plus `ALL` where the
  dialect has it; and no two enum values of a document spell one word with other letters (`CANCELLED` and
  `CANCELED`; case alone may differ, as between cortex's `verbose=all` and its `ALL` filter);
- `nullable-type`: every schema with `nullable: true` has a `type` (ajv-based tools refuse it without one).

Exit status: 0 no finding, 1 findings (one line each on stdout), 2 the lint could not be done.
"""

from __future__ import annotations

import copy
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openapi_schema_validator import OAS30Validator, oas30_format_checker

from spec_review.command_line import OneLineParser, spec_argument
from spec_review.errors import SpecError, UsageError, read_document
from spec_review.spec_outline import Operation as OutlinedOperation
from spec_review.spec_outline import outline_document, resolve
from workflow_runs_specs import DIALECTS
from workflow_runs_specs.reader import Operation, Spec

__all__ = ["LintFinding", "lint_document", "lint_spec", "main", "spelling_key"]

Document = Mapping[str, Any]

MATCH_ALL = "ALL"
"""The filter value that means "no filter", in the dialects that have one."""

SCHEMA_CHILDREN = ("items", "additionalProperties", "not")
SCHEMA_LISTS = ("allOf", "oneOf", "anyOf")


@dataclass(frozen=True, order=True)
class LintFinding:
    where: str
    """e.g. `GET /v1/workflows/{id}/runs`, `components.schemas.Run.properties.status`."""
    rule: str
    message: str

    def line(self, spec: str) -> str:
        return f"{spec}: {self.where}: {self.message} [{self.rule}]"


def lint_spec(path: Path) -> list[LintFinding]:
    """Every finding in the spec at `path`; a spec that cannot be read raises `SpecError`."""
    if not path.is_file():
        raise SpecError(f"cannot read the spec {path}: no such file")
    try:
        document = read_document(path)
    except SpecError as error:
        return [LintFinding("(document)", "valid", str(error))]
    return lint_document(document)


def lint_document(document: Document) -> list[LintFinding]:
    """Every finding in a valid OpenAPI document, sorted by place."""
    findings = [
        *operation_findings(document),
        *example_findings(document),
        *filter_findings(document),
        *spelling_findings(document),
        *nullable_findings(document, "", document),
    ]
    return sorted(set(findings))


def operation_findings(document: Document) -> Iterator[LintFinding]:
    # A duplicate operationId is already invalid OpenAPI, so only a missing one is looked for here.
    # Each operation's parameters are its path item's too (`Operation.parameter_list`).
    for operation in Spec(document).operations:
        where = operation.key
        if not operation.operation_id:
            yield LintFinding(where, "operation-id", "no operationId")
        if not str(operation.definition.get("summary", "")).strip():
            yield LintFinding(where, "summary", "no summary")
        yield from error_response_findings(document, where, operation)


def error_response_findings(document: Document, where: str, operation: Operation) -> Iterator[LintFinding]:
    statuses = operation.responses
    errors = {status: response for status, response in statuses.items() if status[0] in "45"}
    if not any(status.startswith("4") for status in errors):
        yield LintFinding(where, "error-responses", "documents no 4xx answer")
    if operation.definition.get("security", document.get("security")) and "401" not in statuses:
        yield LintFinding(where, "error-responses", "needs credentials but documents no 401 answer")
    if operation.parameter_list and not {"400", "422"} & set(statuses):
        yield LintFinding(where, "error-responses", "takes parameters but documents no 400 or 422 answer")
    if "requestBody" in operation.definition and not {"400", "422"} & set(statuses):
        yield LintFinding(where, "error-responses", "takes a request body but documents no 400 or 422 answer")
    for status, response in errors.items():
        if not any(content.get("schema") for content in json_contents(response)):
            yield LintFinding(where, "error-responses", f"the {status} answer has no JSON body schema")


def json_contents(message: Document) -> list[Document]:
    return [
        content
        for media_type, content in message.get("content", {}).items()
        if media_type == "application/json" or media_type.endswith("+json")
    ]


def example_findings(document: Document) -> Iterator[LintFinding]:
    for operation in Spec(document).operations:
        where = operation.key
        for parameter in operation.parameter_list:
            place = f"{where} {parameter['in']} parameter {parameter['name']}"
            yield from examples_of(document, place, parameter, parameter.get("schema"))
        request_body = resolve(document, operation.definition.get("requestBody", {}))
        for content in json_contents(request_body):
            yield from examples_of(document, f"{where} request body", content, content.get("schema"))
        for status, response in operation.responses.items():
            for name, header in response.get("headers", {}).items():
                header = resolve(document, header)
                yield from examples_of(document, f"{where} {status} header {name}", header, header.get("schema"))
            contents = json_contents(response)
            if contents and not any(content.get("examples") for content in contents):
                yield LintFinding(f"{where} {status}", "named-examples", "the answer has no named examples")
            for content in contents:
                yield from examples_of(document, f"{where} {status} body", content, content.get("schema"))
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        yield from schema_example_findings(document, f"components.schemas.{name}", schema)


def examples_of(document: Document, place: str, holder: Document, schema: Document | None) -> Iterator[LintFinding]:
    """Findings for the `example` and each named example of a parameter, header or media type."""
    if schema is None:
        return
    candidates = [("example", holder["example"])] if "example" in holder else []
    for name, example in holder.get("examples", {}).items():
        example = resolve(document, example)
        if "value" in example:
            candidates.append((f"example {name}", example["value"]))
    for label, value in candidates:
        for problem in validation_problems(document, schema, value):
            yield LintFinding(place, "named-examples", f"{label} does not validate: {problem}")


def schema_example_findings(document: Document, place: str, schema: Any) -> Iterator[LintFinding]:
    """Findings for every `example` within a schema of `components.schemas` (references are checked where defined)."""
    if not isinstance(schema, Mapping) or "$ref" in schema:
        return
    if "example" in schema:
        for problem in validation_problems(document, schema, schema["example"]):
            yield LintFinding(place, "named-examples", f"example does not validate: {problem}")
    for name, child in schema.get("properties", {}).items():
        yield from schema_example_findings(document, f"{place}.properties.{name}", child)
    for keyword in SCHEMA_CHILDREN:
        yield from schema_example_findings(document, f"{place}.{keyword}", schema.get(keyword))
    for keyword in SCHEMA_LISTS:
        for index, child in enumerate(schema.get(keyword, [])):
            yield from schema_example_findings(document, f"{place}.{keyword}[{index}]", child)


def nullable_findings(document: Document, place: str, node: Any) -> Iterator[LintFinding]:
    """A finding for every schema, anywhere in the document, that is `nullable` without a `type`."""
    if isinstance(node, Mapping):
        if node.get("nullable") is True and "type" not in node:
            yield LintFinding(place or "(document)", "nullable-type", "nullable: true without a type")
        for key, child in node.items():
            # Example values are data, not schemas: a key named `nullable` there means nothing.
            if key not in ("example", "examples"):
                yield from nullable_findings(document, f"{place}.{key}" if place else str(key), child)
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from nullable_findings(document, f"{place}[{index}]", child)


def validation_problems(document: Document, schema: Document, value: Any) -> list[str]:
    root = {"components": document.get("components", {}), **copy.deepcopy(dict(schema))}
    validator = OAS30Validator(root, format_checker=oas30_format_checker)
    errors = sorted(validator.iter_errors(value), key=lambda error: [str(part) for part in error.absolute_path])
    return [
        f"at {'/'.join(str(part) for part in error.absolute_path) or '(root)'}: {error.message}" for error in errors[:3]
    ]


def filter_findings(document: Document) -> Iterator[LintFinding]:
    for operation in outline_document(document).operations.values():
        fields = successful_fields(operation)
        for parameter in operation.parameters.values():
            filtered = fields.get(parameter.name)
            if parameter.location != "query" or parameter.shape.enum is None or filtered is None:
                continue
            wanted = set(map(str, filtered))
            offered = set(map(str, parameter.shape.enum)) - {MATCH_ALL}
            where = f"{operation.key} query parameter {parameter.name}"
            if offered - wanted:
                extra = ", ".join(sorted(offered - wanted))
                yield LintFinding(where, "enum-spelling", f"filters on {extra}, which no run's {parameter.name} holds")
            if wanted - offered:
                missing = ", ".join(sorted(wanted - offered))
                yield LintFinding(
                    where, "enum-spelling", f"cannot filter on {missing}, which a run's {parameter.name} holds"
                )


def successful_fields(operation: OutlinedOperation) -> dict[str, tuple[Any, ...]]:
    """The enum of each enumerated field of the 2xx answers by its name, the shallowest field of a name winning."""
    found: dict[str, tuple[Any, ...]] = {}
    for status, response in operation.responses.items():
        if not status.startswith("2"):
            continue
        for path, shape in sorted(response.body.items(), key=lambda item: item[0].count(".") + item[0].count("[")):
            name = re.split(r"[.\[\]]+", path.strip("[]."))[-1]
            if shape.enum is not None and name:
                found.setdefault(name, shape.enum)
    return found


def spelling_key(value: str) -> str:
    """The word a value spells, whatever its case, separators and doubled letters (`CANCELLED` -> `canceled`)."""
    letters = re.sub(r"[^0-9a-z]", "", value.casefold())
    return re.sub(r"(.)\1+", r"\1", letters)


def spelling_findings(document: Document) -> Iterator[LintFinding]:
    spellings: dict[str, dict[str, str]] = {}
    for place, values in enums(document, "", document):
        for value in values:
            if isinstance(value, str):
                spellings.setdefault(spelling_key(value), {}).setdefault(value, place)
    for variants in spellings.values():
        # Case alone may tell vocabularies apart (cortex's `verbose=all` and its `ALL` filter); letters may not.
        if len({variant.casefold() for variant in variants}) > 1:
            (first, first_place), *others = sorted(variants.items(), key=lambda item: item[1])
            for other, place in others:
                message = f"{other} spells {first} (at {first_place}) another way"
                yield LintFinding(place, "enum-spelling", message)


def enums(document: Document, place: str, node: Any) -> Iterator[tuple[str, list[Any]]]:
    """Every enum of the document with where it is, found by walking it all (references are walked where defined)."""
    if isinstance(node, Mapping):
        if isinstance(node.get("enum"), list):
            yield place or "(document)", node["enum"]
        for key, child in node.items():
            if key not in ("example", "examples", "default"):
                yield from enums(document, f"{place}.{key}" if place else str(key), child)
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from enums(document, f"{place}[{index}]", child)


def parser() -> OneLineParser:
    cli = OneLineParser(
        prog="workflow-runs-review lint",
        description="Lint OpenAPI specs beyond validity: operationIds, summaries, documented error answers, "
        "named examples that validate, consistent enum spellings.",
        epilog="Exit status: 0 no finding, 1 findings, 2 the lint could not be done.",
    )
    cli.add_argument(
        "specs", nargs="*", metavar="SPEC", help=f"spec files or dialect names (default: {', '.join(DIALECTS)})"
    )
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    try:
        arguments = parser().parse_args(argv)
        names = arguments.specs or list(DIALECTS)
        findings = [(name, lint_spec(spec_argument(name))) for name in names]
    except (UsageError, SpecError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for name, found in findings:
        for finding in found:
            print(finding.line(name))
    if any(found for _, found in findings):
        return 1
    print(f"{len(findings)} spec{'s' if len(findings) != 1 else ''} checked, no findings: {', '.join(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
