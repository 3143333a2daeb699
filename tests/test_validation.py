"""Parameter validation: typed values with defaults, or every issue with its parameter, kind and bound."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mock_server.problems import IssueCode, MockProblem
from mock_server.web.validation import (
    REMEMBERED_LENGTH,
    VALID_VALUES,
    ParameterRule,
    ParameterRules,
    RuleCache,
    ignores_unknown_query,
)

PARAMETERS: list[dict[str, Any]] = [
    {"name": "workflow_id", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}},
    {"name": "take", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
    {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["ALL", "RUNNING"], "default": "ALL"}},
    {"name": "expand", "in": "query", "schema": {"type": "boolean", "default": False}},
    {
        "name": "verbose",
        "in": "query",
        "style": "form",
        "explode": True,
        "schema": {"type": "array", "items": {"type": "string", "enum": ["all"]}},
    },
]
WORKFLOW = {"workflow_id": "5e0d1e17-e869-499d-a2c8-6326805db28b"}


def parse(query: str, path: dict[str, str] = WORKFLOW) -> dict[str, Any]:
    parsed = ParameterRules(PARAMETERS).parse(query.encode(), path)
    return {**parsed.path, **parsed.query}


def issue_codes(query: str, path: dict[str, str] = WORKFLOW) -> list[tuple[str, IssueCode]]:
    with pytest.raises(MockProblem) as raised:
        parse(query, path)
    return [(issue.name, issue.code) for issue in raised.value.problem.issues]


def test_absent_parameters_get_the_spec_defaults() -> None:
    assert parse("") == {**WORKFLOW, "take": 20, "status": "ALL", "expand": False, "verbose": None}


def test_values_are_typed() -> None:
    values = parse("take=7&expand=true&status=RUNNING&verbose=all")
    assert values["take"] == 7
    assert values["expand"] is True
    assert values["status"] == "RUNNING"
    assert values["verbose"] == ["all"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("take=0", [("take", IssueCode.TOO_SMALL)], id="below-minimum"),
        pytest.param("take=101", [("take", IssueCode.TOO_BIG)], id="above-maximum"),
        pytest.param("take=-5", [("take", IssueCode.TOO_SMALL)], id="negative"),
        pytest.param("take=1.5", [("take", IssueCode.INVALID_TYPE)], id="fraction-for-integer"),
        pytest.param("take=ten", [("take", IssueCode.INVALID_TYPE)], id="word-for-integer"),
        pytest.param("take=", [("take", IssueCode.INVALID_TYPE)], id="empty-integer"),
        pytest.param("take=" + "9" * 5000, [("take", IssueCode.INVALID_TYPE)], id="huge-integer"),
        pytest.param("status=CANCELED", [("status", IssueCode.INVALID_ENUM)], id="unknown-enum-value"),
        pytest.param("status=running", [("status", IssueCode.INVALID_ENUM)], id="enum-is-case-sensitive"),
        pytest.param("expand=yes", [("expand", IssueCode.INVALID_TYPE)], id="non-boolean"),
        pytest.param("verbose=some", [("verbose", IssueCode.INVALID_ENUM)], id="bad-array-item"),
        pytest.param("take=5&take=6", [("take", IssueCode.REPEATED_PARAMETER)], id="repeated-scalar"),
        pytest.param("limit=5", [("limit", IssueCode.UNKNOWN_PARAMETER)], id="unknown-parameter"),
        pytest.param("status=%FF", [("", IssueCode.MALFORMED)], id="not-utf8"),
        pytest.param(
            "take=0&status=nope", [("status", IssueCode.INVALID_ENUM), ("take", IssueCode.TOO_SMALL)], id="every-issue"
        ),
    ],
)
def test_bad_query_values_are_reported_with_their_kind(query: str, expected: list[tuple[str, IssueCode]]) -> None:
    assert issue_codes(query) == expected


def test_malformed_uuid_path_parameter_is_reported() -> None:
    assert issue_codes("", {"workflow_id": "not-a-uuid"}) == [("workflow_id", IssueCode.INVALID_FORMAT)]


def test_issue_names_the_bound_and_the_allowed_values() -> None:
    with pytest.raises(MockProblem) as raised:
        parse("take=500&status=X")
    by_name = {issue.name: issue for issue in raised.value.problem.issues}
    assert by_name["take"].expected == 100
    assert by_name["take"].value == "500"
    assert by_name["status"].expected == ("ALL", "RUNNING")
    assert "take must be at most 100" in raised.value.problem.message


def test_long_values_are_cut_when_echoed() -> None:
    with pytest.raises(MockProblem) as raised:
        parse("status=" + "A" * 5000)
    (issue,) = raised.value.problem.issues
    assert issue.value is not None
    assert len(issue.value) < 100


def test_rules_are_compiled_once_per_operation() -> None:
    cache = RuleCache()
    assert cache.rules_for(PARAMETERS) is cache.rules_for(PARAMETERS)
    assert cache.rules_for(PARAMETERS) is not cache.rules_for(list(PARAMETERS))


def test_unknown_query_parameters_are_ignored_when_the_rules_say_so() -> None:
    parsed = ParameterRules(PARAMETERS, ignore_unknown=True).parse(b"limit=5&take=7", WORKFLOW)
    assert parsed.query["take"] == 7
    assert "limit" not in parsed.query


def test_ignoring_unknown_parameters_still_checks_the_declared_ones() -> None:
    with pytest.raises(MockProblem) as raised:
        ParameterRules(PARAMETERS, ignore_unknown=True).parse(b"limit=5&take=0", WORKFLOW)
    assert [(issue.name, issue.code) for issue in raised.value.problem.issues] == [("take", IssueCode.TOO_SMALL)]


@pytest.mark.parametrize(("policy", "ignored"), [("ignored", True), ("rejected", False)])
def test_the_spec_states_whether_unknown_query_parameters_are_ignored(policy: str, ignored: bool) -> None:
    assert ignores_unknown_query({"x-unknown-query-parameters": policy}) is ignored


@pytest.mark.parametrize("document", [{}, {"x-unknown-query-parameters": "maybe"}])
def test_a_spec_that_does_not_say_what_happens_to_unknown_parameters_is_refused(document: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="x-unknown-query-parameters"):
        ignores_unknown_query(document)


def test_rules_that_ignore_unknown_parameters_are_cached_apart() -> None:
    cache = RuleCache()
    assert cache.rules_for(PARAMETERS, ignore_unknown=True) is not cache.rules_for(PARAMETERS)
    assert cache.rules_for(PARAMETERS, ignore_unknown=True).ignore_unknown


QUERY_TEXT = st.text(alphabet="ab=&%+2F0x", max_size=12)


@given(text=QUERY_TEXT)
def test_the_query_is_read_as_parse_qsl_reads_it(text: str) -> None:
    issues: list[Any] = []
    occurrences = ParameterRules.read_query(text.encode(), issues)
    try:
        pairs = parse_qsl(text, keep_blank_values=True, errors="strict")
    except ValueError:
        assert occurrences == {}
        assert [issue.code for issue in issues] == [IssueCode.MALFORMED]
        return
    expected: dict[str, list[str]] = {}
    for name, value in pairs:
        expected.setdefault(name, []).append(value)
    assert occurrences == expected
    assert list(occurrences) == list(expected)
    assert issues == []


def test_the_typed_query_keeps_the_declared_order_whichever_order_the_request_gives() -> None:
    parsed = ParameterRules(PARAMETERS).parse(b"verbose=all&status=RUNNING&take=3", WORKFLOW)
    assert list(parsed.query.items()) == [("take", 3), ("status", "RUNNING"), ("expand", False), ("verbose", ["all"])]


def test_defaults_of_one_request_do_not_leak_into_the_next() -> None:
    rules = ParameterRules(PARAMETERS)
    rules.parse(b"take=3", WORKFLOW).query["status"] = "changed"
    assert rules.parse(b"", WORKFLOW).query == {"take": 20, "status": "ALL", "expand": False, "verbose": None}


def test_a_missing_required_query_parameter_is_reported_with_the_others() -> None:
    required = [*PARAMETERS, {"name": "cursor", "in": "query", "required": True, "schema": {"type": "string"}}]
    with pytest.raises(MockProblem) as raised:
        ParameterRules(required).parse(b"take=0&zz=1", WORKFLOW)
    found = [(issue.name, issue.code) for issue in raised.value.problem.issues]
    assert found == [
        ("cursor", IssueCode.MISSING),
        ("take", IssueCode.TOO_SMALL),
        ("zz", IssueCode.UNKNOWN_PARAMETER),
    ]


LIMIT = {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}}


def test_a_valid_scalar_is_checked_once_and_its_value_remembered() -> None:
    rule = ParameterRule.from_spec(LIMIT)
    assert rule.check(["20"]) == (20, ())
    assert rule.valid == {"20": 20}
    rule.valid["20"] = 21  # what is remembered is what a second request gets
    assert rule.check(["20"]) == (21, ())


def test_an_invalid_value_is_never_remembered_and_gets_its_issue_every_time() -> None:
    rule = ParameterRule.from_spec(LIMIT)
    for _ in range(2):
        _, issues = rule.check(["500"])
        assert [issue.code for issue in issues] == [IssueCode.TOO_BIG]
    assert rule.check(["abc"])[1][0].code is IssueCode.INVALID_TYPE
    assert rule.valid == {}


def test_an_arrays_value_is_never_remembered_so_no_request_shares_a_list() -> None:
    rule = ParameterRule.from_spec(
        {"name": "status", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}}
    )
    first, _ = rule.check(["running"])
    assert first == ["running"]
    first.append("changed")
    assert rule.check(["running"]) == (["running"], ())
    assert rule.valid == {}


def test_the_remembered_values_of_a_rule_stay_bounded() -> None:
    rule = ParameterRule.from_spec({"name": "id", "in": "path", "required": True, "schema": {"type": "string"}})
    for index in range(VALID_VALUES * 3):
        assert rule.check([f"run-{index}"]) == (f"run-{index}", ())
        assert len(rule.valid) <= VALID_VALUES


def test_a_long_value_is_checked_every_time_never_remembered() -> None:
    rule = ParameterRule.from_spec({"name": "id", "in": "path", "required": True, "schema": {"type": "string"}})
    long = "x" * (REMEMBERED_LENGTH + 1)
    assert rule.check([long]) == (long, ())
    assert rule.check(["x" * REMEMBERED_LENGTH]) == ("x" * REMEMBERED_LENGTH, ())
    assert list(rule.valid) == ["x" * REMEMBERED_LENGTH]
