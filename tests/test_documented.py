"""The documented answers read from each spec: every named example, its status, and the headers it must carry.

(What a client sees of them over HTTP is in `test_overrides.py` and `test_chaos.py`.)
"""

from __future__ import annotations

import copy

import orjson
import pytest

from mock_server.dialects import DIALECTS
from mock_server.dialects.base import REQUEST_ID_PLACEHOLDER
from mock_server.misbehaviour.documented import DocumentedAnswers
from tests.spec_support import list_operation, load_spec, resolve, spec_of, validator_for
from workflow_runs_specs.reader import Spec


def answers_of(dialect: str, rate_limit: int = 300) -> DocumentedAnswers:
    return DocumentedAnswers(spec_of(dialect).list_runs(), DIALECTS[dialect](), rate_limit)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_named_example_is_an_answer_with_its_status_and_its_body_but_for_its_request_id(dialect: str) -> None:
    answers = answers_of(dialect)
    _, operation = list_operation(dialect)
    for code, response in operation["responses"].items():
        media = resolve(dialect, response).get("content", {}).get("application/json", {})
        for name, example in media.get("examples", {}).items():
            encoded = answers.answer(int(code), name)
            value = resolve(dialect, example)["value"]
            if dialect == "b3os":  # the request's own id is written over the placeholder as the answer leaves
                value = {**value, "requestId": REQUEST_ID_PLACEHOLDER}
            assert (encoded.status, orjson.loads(encoded.body)) == (int(code), value)
            assert answers.status_of[name] == int(code)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_answer_carries_its_required_headers_with_values_their_schemas_accept(dialect: str) -> None:
    answers = answers_of(dialect)
    _, operation = list_operation(dialect)
    for code, response in operation["responses"].items():
        headers = resolve(dialect, response).get("headers", {})
        for encoded in answers.by_status[int(code)].values():
            for name, header in headers.items():
                header = resolve(dialect, header)
                if header.get("required"):
                    assert name in encoded.headers, f"{dialect} {code} lacks {name}"
                if name in encoded.headers:
                    schema = header["schema"]
                    value = encoded.headers[name]
                    typed = int(value) if schema.get("type") == "integer" else value
                    assert not list(validator_for(dialect, schema).iter_errors(typed)), f"{name}: {value}"


def test_a_429_example_advertises_the_limit_in_force() -> None:
    encoded = answers_of("aitasker", rate_limit=42).answer(429)
    assert (encoded.headers["X-RateLimit-Limit"], encoded.headers["X-RateLimit-Remaining"]) == ("42", "0")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_500_is_offered_besides_the_documented_statuses_as_no_spec_documents_a_server_error(dialect: str) -> None:
    answers = answers_of(dialect)
    assert answers.undocumented == (500,)
    assert answers.statuses[-1] == 500
    assert answers.failures == (429, 500)
    assert answers.answer(500).status == 500


def test_a_documented_server_error_takes_the_place_of_500() -> None:
    spec = copy.deepcopy(load_spec("b3os"))
    _, operation = next(iter(spec["paths"].items()))
    operation["get"]["responses"]["503"] = operation["get"]["responses"]["429"]
    answers = DocumentedAnswers(Spec(spec).list_runs(), DIALECTS["b3os"](), 300)
    assert answers.undocumented == ()
    assert answers.failures == (429, 503)


def test_a_required_header_the_mock_cannot_fill_stops_the_start() -> None:
    spec = copy.deepcopy(load_spec("b3os"))
    _, operation = next(iter(spec["paths"].items()))
    operation["get"]["responses"]["200"]["headers"] = {"X-Shard": {"required": True, "schema": {"type": "string"}}}
    with pytest.raises(ValueError, match="X-Shard"):
        DocumentedAnswers(Spec(spec).list_runs(), DIALECTS["b3os"](), 300)
