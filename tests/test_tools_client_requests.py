"""The request set of `make clients`: varied enough to reach every documented answer of each dialect."""

from __future__ import annotations

import pytest

from tests.spec_support import load_spec, spec_of
from tools.client_requests import NO_TOKEN, client_requests, list_operation, made_up_id
from workflow_runs_specs import DIALECTS

FIXTURES = {
    "aitasker": {
        "workspace_id": "abb5e14a-2782-4df3-9072-cc131dbab447",
        "workflow_id": "8b246d85-6982-418b-b78f-b63c13732db9",
    },
    "b3os": {"id": "wf_XpPnIAXKf4Cc"},
    "cortex-v1": {"app_id": "app_FWCrUNHNt8Va", "workflow_id": "wf_25cXNs9wiTXl"},
    "cortex-v2": {"app_id": "app_cyNateRMoS3b", "workflow_id": "wf_bCtatdEwb43I"},
    "invent": {"org_id": "org_km8lsMWhhXuk"},
}


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_documented_status_and_named_example_is_asked_for(dialect: str) -> None:
    document = load_spec(dialect)
    _, operation = list_operation(document, dialect)
    prefers = {request.prefer for request in client_requests(document, dialect, FIXTURES[dialect])}
    assert {f"code={status}" for status in operation["responses"]} <= prefers
    assert any(prefer and prefer.startswith("example=") for prefer in prefers)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_real_errors_are_asked_for_not_only_preferred_ones(dialect: str) -> None:
    requests = client_requests(load_spec(dialect), dialect, FIXTURES[dialect])
    labels = {request.label for request in requests}
    assert {"plain", "no token", "wrong token", "unknown query parameter"} <= labels
    assert any(request.path and not request.valid for request in requests)
    assert any(request.token == NO_TOKEN for request in requests)


@pytest.mark.parametrize(
    ("dialect", "expected"),
    [
        ("b3os", {"page at offset 5", "page past the end", "status=failure", "limit above its maximum"}),
        ("cortex-v2", {"page 2 of 5", "origin=WEBHOOK", "verbose=all", "take above its maximum", "next given, unused"}),
        ("invent", {"page 3 of 5", "status=CANCELED", "expand=true", "page below its minimum"}),
        ("aitasker", {"workspace_id not a UUID", "unknown workflow_id"}),
    ],
)  # fmt: skip
def test_pages_filters_flags_and_bad_values_come_from_the_spec(dialect: str, expected: set[str]) -> None:
    labels = {request.label for request in client_requests(load_spec(dialect), dialect, FIXTURES[dialect])}
    assert expected <= labels


def test_a_made_up_id_keeps_the_known_ids_prefix_and_length() -> None:
    made_up = made_up_id({"type": "string"}, "wf_XpPnIAXKf4Cc", 0)
    assert made_up.startswith("wf_")
    assert len(made_up) == len("wf_XpPnIAXKf4Cc")
    assert made_up != "wf_XpPnIAXKf4Cc"


def test_a_made_up_uuid_is_a_uuid_of_version_4() -> None:
    assert made_up_id({"type": "string", "format": "uuid"}, "x", 0)[14] == "4"


def test_a_spec_without_a_list_is_an_error() -> None:
    with pytest.raises(LookupError, match="exactly one GET operation"):
        list_operation({"paths": {}}, "cortex-v1")


LIST_ANSWERS = {
    "aitasker": [{"id": "0b7e6a53-0000-4000-8000-000000000001"}],
    "b3os": {"data": {"items": [{"id": "run_first"}]}},
    "cortex-v1": [{"id": "run_first"}],
    "cortex-v2": [{"id": "run_first"}],
    "invent": [{"id": "run_first"}],
}
GETS = {"aitasker": "getRun", "b3os": "getRun", "cortex-v1": "getWorkflowRun", "cortex-v2": "getWorkflowRun"}


@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_get_of_one_run_asks_for_the_run_the_list_links_to(dialect: str) -> None:
    requests = client_requests(load_spec(dialect), dialect, FIXTURES[dialect], LIST_ANSWERS[dialect])
    gets = [request for request in requests if request.operation_id is not None]
    if dialect not in GETS:
        assert gets == [], "invent documents no get of one run"
        return
    assert {request.operation_id for request in gets} == {GETS[dialect]}
    (plain,) = [request for request in gets if request.label == f"{GETS[dialect]}: plain"]
    run_id = "0b7e6a53-0000-4000-8000-000000000001" if dialect == "aitasker" else "run_first"
    assert run_id in plain.path.values()
    assert plain.valid
    run_parameter = "id" if dialect == "b3os" else "run_id"
    (unknown,) = [request for request in gets if request.label == f"{GETS[dialect]}: unknown {run_parameter}"]
    assert not unknown.valid
    assert unknown.path != plain.path


@pytest.mark.parametrize("dialect", list(GETS))
def test_the_get_of_one_run_is_asked_every_documented_status_and_a_missing_token(dialect: str) -> None:
    document = load_spec(dialect)
    requests = client_requests(document, dialect, FIXTURES[dialect], LIST_ANSWERS[dialect])
    gets = [request for request in requests if request.operation_id == GETS[dialect]]
    statuses = spec_of(dialect).operation(GETS[dialect]).responses
    assert {f"code={status}" for status in statuses} <= {request.prefer for request in gets}
    assert any(request.token == NO_TOKEN for request in gets)


def test_the_flags_of_a_get_are_asked_for() -> None:
    requests = client_requests(load_spec("b3os"), "b3os", FIXTURES["b3os"], LIST_ANSWERS["b3os"])
    assert {"summary": "true"} in [request.query for request in requests if request.operation_id == "getRun"]


def test_without_the_list_s_answer_no_get_is_asked() -> None:
    requests = client_requests(load_spec("b3os"), "b3os", FIXTURES["b3os"])
    assert all(request.operation_id is None for request in requests)
