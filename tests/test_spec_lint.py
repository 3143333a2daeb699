"""The spec lint: the five specs pass it, and each kind of broken spec is caught by its rule."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from spec_review.spec_lint import lint_spec, main, spelling_key
from tests.spec_support import load_spec, spec_of
from workflow_runs_specs import DIALECTS, spec_path

Edit = Callable[[dict[str, Any]], object]

RUNS = "/apps/{app_id}/workflows/{workflow_id}/runs"
WHERE = f"GET {RUNS}"


def cortex_operation(document: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = document["paths"][RUNS]["get"]
    return found


def schemas(document: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = document["components"]["schemas"]
    return found


def written(tmp_path: Path, edit: Edit) -> Path:
    """A copy of the cortex-v1 spec with `edit` applied, as a file."""
    document = copy.deepcopy(load_spec("cortex-v1"))
    edit(document)
    path = tmp_path / "cortex-v1-edited.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_dialect_spec_passes_the_lint(dialect: str) -> None:
    assert lint_spec(spec_path(dialect)) == []


BROKEN = [
    pytest.param(
        lambda d: cortex_operation(d).pop("operationId"),
        "operation-id",
        "no operationId",
        id="operation-without-operation-id",
    ),
    pytest.param(
        lambda d: cortex_operation(d).update(summary=" "),
        "summary",
        "no summary",
        id="operation-with-a-blank-summary",
    ),
    pytest.param(
        lambda d: cortex_operation(d)["responses"].pop("401"),
        "error-responses",
        "needs credentials but documents no 401 answer",
        id="secured-operation-without-401",
    ),
    pytest.param(
        lambda d: cortex_operation(d)["responses"].pop("400"),
        "error-responses",
        "takes parameters but documents no 400 or 422 answer",
        id="operation-with-parameters-without-400",
    ),
    pytest.param(
        lambda d: cortex_operation(d)["responses"].update({"404": {"description": "Not found."}}),
        "error-responses",
        "the 404 answer has no JSON body schema",
        id="error-answer-without-body",
    ),
    pytest.param(
        lambda d: d["components"]["examples"]["MixedPage"]["value"][0].update(status="CANCELED"),
        "named-examples",
        "example mixedPage does not validate: at 0/status: 'CANCELED' is not one of",
        id="response-example-with-another-vendor-s-status",
    ),
    pytest.param(
        lambda d: schemas(d)["Step"]["properties"]["type"].update(example=7),
        "named-examples",
        "example does not validate: at (root): 7 is not of type 'string'",
        id="schema-example-of-the-wrong-type",
    ),
    pytest.param(
        lambda d: schemas(d)["RunStatusFilter"]["enum"].remove("FAILED"),
        "enum-spelling",
        "cannot filter on FAILED, which a run's status holds",
        id="filter-missing-a-run-value",
    ),
    pytest.param(
        lambda d: schemas(d)["RunOriginFilter"]["enum"].append("WEBHOOK"),
        "enum-spelling",
        "filters on WEBHOOK, which no run's origin holds",
        id="filter-with-a-value-no-run-has",
    ),
    pytest.param(
        lambda d: [schemas(d)[name]["enum"].append("CANCELED") for name in ("RunStatus", "RunStatusFilter")],
        "enum-spelling",
        "CANCELED spells CANCELLED",
        id="one-word-spelled-two-ways",
    ),
    pytest.param(
        lambda d: schemas(d)["WorkflowRun"]["properties"]["result"].update(nullable=True),
        "nullable-type",
        "nullable: true without a type",
        id="nullable-without-a-type",
    ),
]


@pytest.mark.parametrize(("edit", "rule", "message"), BROKEN)
def test_each_broken_spec_is_caught_by_its_rule(tmp_path: Path, edit: Edit, rule: str, message: str) -> None:
    findings = lint_spec(written(tmp_path, edit))
    # A shared component (a parameter, an error answer) breaks every operation that uses it: one finding each.
    assert {finding.rule for finding in findings} == {rule}
    assert all(message in finding.message for finding in findings)


SHARED = [
    pytest.param(
        lambda d: d["components"]["responses"]["NotFound"]["content"]["application/json"].pop("examples"),
        "#/components/responses/NotFound",
        "the answer has no named examples",
        id="shared-answer-without-named-examples",
    ),
    pytest.param(
        lambda d: d["components"]["parameters"]["AppId"]["examples"]["keyOwnApp"].update(value=""),
        "#/components/parameters/AppId",
        "example keyOwnApp does not validate: at (root): '' should be non-empty",
        id="shared-parameter-example-out-of-its-bounds",
    ),
]


def operations_using(reference: str) -> list[str]:
    """The key of every operation of the cortex-v1 spec that refers to the component `reference`."""
    spec = spec_of("cortex-v1")
    return [operation.key for operation in spec.operations if f"'{reference}'" in str(operation.definition)]


@pytest.mark.parametrize(("edit", "reference", "message"), SHARED)
def test_a_broken_shared_component_is_caught_once_in_each_operation_using_it(
    tmp_path: Path, edit: Edit, reference: str, message: str
) -> None:
    using = operations_using(reference)
    assert len(using) > 1, f"{reference} is no longer shared: test it among BROKEN"
    findings = lint_spec(written(tmp_path, edit))
    assert [finding.rule for finding in findings] == ["named-examples"] * len(using)
    assert all(message in finding.message for finding in findings)
    assert sorted(next(key for key in using if f.where.startswith(key + " ")) for f in findings) == sorted(using)


def test_an_operation_taking_a_body_without_a_400_or_422_answer_is_caught(tmp_path: Path) -> None:
    def no_400(document: dict[str, Any]) -> None:
        # The replay operation at a path without parameters, so its body is the only input it takes.
        replay = copy.deepcopy(document["paths"][f"{RUNS}/{{run_id}}/replay"]["post"])
        replay.update(operationId="replayAnything")
        replay.pop("parameters")
        replay["responses"].pop("400")
        document["paths"]["/replays"] = {"post": replay}

    findings = lint_spec(written(tmp_path, no_400))
    assert [(finding.where, finding.message) for finding in findings] == [
        ("POST /replays", "takes a request body but documents no 400 or 422 answer")
    ]


def test_parameters_of_a_path_item_count_as_the_operation_s(tmp_path: Path) -> None:
    def shared_parameters(document: dict[str, Any]) -> None:
        item = document["paths"][f"{RUNS}/{{run_id}}/cancel"]
        item["parameters"] = item["post"].pop("parameters")
        item["post"]["responses"].pop("400")
        document["components"]["parameters"]["AppId"]["examples"]["keyOwnApp"].update(value="")

    findings = lint_spec(written(tmp_path, shared_parameters))
    cancel = [(finding.rule, finding.where) for finding in findings if "/cancel" in finding.where]
    assert cancel == [
        ("error-responses", f"POST {RUNS}/{{run_id}}/cancel"),
        ("named-examples", f"POST {RUNS}/{{run_id}}/cancel path parameter app_id"),
    ]


def test_an_operation_id_used_twice_makes_the_document_invalid(tmp_path: Path) -> None:
    def duplicate(document: dict[str, Any]) -> None:
        document["paths"]["/copy"] = {"get": copy.deepcopy(cortex_operation(document))}
        document["paths"]["/copy"]["get"]["parameters"] = []

    (finding,) = lint_spec(written(tmp_path, duplicate))
    assert (finding.rule, finding.where) == ("valid", "(document)")
    assert "getWorkflowRuns" in finding.message


def test_an_invalid_document_is_one_finding_of_the_valid_rule(tmp_path: Path) -> None:
    (finding,) = lint_spec(written(tmp_path, lambda document: document.pop("info")))
    assert (finding.where, finding.rule) == ("(document)", "valid")
    assert "is not valid OpenAPI" in finding.message


@pytest.mark.parametrize(
    ("value", "word"),
    [
        pytest.param("CANCELLED", "canceled", id="doubled-letters"),
        pytest.param("CANCELED", "canceled", id="single-letters"),
        pytest.param("in_progress", "inprogres", id="separators-and-case"),
    ],
)
def test_spelling_keys_ignore_case_separators_and_doubled_letters(value: str, word: str) -> None:
    assert spelling_key(value) == word


def test_the_command_lints_the_five_specs_by_default_and_says_so_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 0
    assert capsys.readouterr().out == "5 specs checked, no findings: aitasker, b3os, cortex-v1, cortex-v2, invent\n"


@pytest.mark.slow
def test_the_command_prints_one_line_per_finding_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = written(tmp_path, lambda document: cortex_operation(document).pop("summary"))
    assert main([str(path), "b3os"]) == 1
    assert capsys.readouterr().out == f"{path}: {WHERE}: no summary [summary]\n"


def test_a_spec_that_cannot_be_read_is_one_line_on_stderr_with_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["missing.yaml"]) == 2
    output = capsys.readouterr()
    assert output.err == "error: cannot read the spec missing.yaml: no such file\n"
