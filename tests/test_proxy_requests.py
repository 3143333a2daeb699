"""Whether the spec accepts a request, and of what kind each refusal is."""

from __future__ import annotations

from contracts.coverage.routes import Matched, Routes
from contracts.proxy.exchange import Exchange
from contracts.proxy.requests import Issue, RequestJudge
from contracts.proxy.schemas import Schemas
from workflow_runs_specs.reader import Spec


def verdict(
    dialect: str, method: str, path: str, query: str = "", body: bytes = b"", token: bool = True
) -> tuple[Issue, ...]:
    spec = Spec.of_dialect(dialect)
    matched = Routes(spec).match(method, path)
    assert isinstance(matched, Matched)
    headers: tuple[tuple[str, str], ...] = (("authorization", "Bearer t"),) if token else ()
    if body:
        headers += (("content-type", "application/json"),)
    exchange = Exchange(method, path, query, headers, body, 200, (), b"")
    return RequestJudge(spec, Schemas(spec.document)).judge(matched, exchange).issues


LIST = "/apps/app_1/workflows/wf_1/runs"


def test_a_valid_list_request_has_no_issue() -> None:
    assert verdict("cortex-v1", "GET", LIST, "take=5&page=2&status=RUNNING") == ()


def test_each_refusal_has_its_kind() -> None:
    assert [issue.kind for issue in verdict("cortex-v1", "GET", LIST, "take=0")] == ["invalid"]
    assert [issue.kind for issue in verdict("cortex-v1", "GET", LIST, "status=running")] == ["enum_spelling"]
    assert [issue.kind for issue in verdict("cortex-v1", "GET", LIST, "pagesize=5")] == ["unknown_parameter"]
    assert [issue.kind for issue in verdict("cortex-v1", "GET", LIST, token=False)] == ["missing_token"]


def test_an_unknown_parameter_is_no_issue_where_the_spec_says_it_is_ignored() -> None:
    path = "/api/v1/workspaces/abb5e14a-2782-4df3-9072-cc131dbab447/workflows/8b246d85-6982-418b-b78f-b63c13732db9/runs"
    assert verdict("aitasker", "GET", path, "pagesize=5") == ()


def test_a_write_body_is_judged_against_its_schema() -> None:
    assert verdict("cortex-v2", "PATCH", f"{LIST}/run_1/retention", body=b'{"max_age_in_seconds": "long"}') != ()
    assert (
        verdict(
            "cortex-v2",
            "PATCH",
            f"{LIST}/run_1/retention",
            body=b'{"max_age_in_seconds": 60, "preserve_on_failure": true}',
        )
        == ()
    )


def test_an_array_parameter_is_judged_on_every_value_it_is_given() -> None:
    assert verdict("cortex-v1", "GET", LIST, "verbose=all") == ()
    assert [issue.kind for issue in verdict("cortex-v1", "GET", LIST, "verbose=all&verbose=some")] == ["invalid"]
    assert [issue.kind for issue in verdict("cortex-v1", "GET", LIST, "verbose=ALL")] == ["enum_spelling"]


def test_a_body_with_a_field_the_spec_does_not_define_is_refused_as_an_unknown_field() -> None:
    trigger = "/apps/app_1/workflows/wf_1/runs"
    assert [issue.kind for issue in verdict("cortex-v1", "POST", trigger, body=b'{"surprise": 1}')] == ["unknown_field"]
    assert [issue.kind for issue in verdict("cortex-v1", "POST", trigger, body=b"[{}]")] == ["invalid"]
    assert verdict("cortex-v1", "POST", trigger, body=b'{"input": {}}') == ()
