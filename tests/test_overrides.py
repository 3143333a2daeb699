"""`Prefer: code=` and `example=` over HTTP: the spec's documented answers, in each dialect's shape.

Every answer is checked against the spec's schema for its status (`conforming`).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mock_server import Settings, create_app
from tests.dialect_client import DialectClient, but_request_id, conforming
from tests.servers import serving
from tests.spec_support import list_operation, resolve, response_schema, schema_errors
from workflow_runs_specs import DIALECTS

INVALID = {"aitasker": 422}
"""The status of a bad request where it is not 400."""


def documented(dialect: str) -> dict[int, dict[str, Any]]:
    """The list operation's responses by status: each one's named examples and its headers, resolved."""
    _, operation = list_operation(dialect)
    found: dict[int, dict[str, Any]] = {}
    for code, response in operation["responses"].items():
        response = resolve(dialect, response)
        media = response.get("content", {}).get("application/json", {})
        examples = {name: resolve(dialect, example)["value"] for name, example in media.get("examples", {}).items()}
        headers = {name: resolve(dialect, header) for name, header in response.get("headers", {}).items()}
        found[int(code)] = {"examples": examples, "headers": headers}
    return found


def every(kind: str) -> list[Any]:
    """Test parameters: (dialect, status) for each documented error status, or (dialect, example, status)."""
    params = []
    for dialect in DIALECTS:
        for status, response in documented(dialect).items():
            if kind == "status" and status != 200:
                params.append(pytest.param(dialect, status, id=f"{dialect}-{status}"))
            if kind == "example":
                params.extend(
                    pytest.param(dialect, name, status, id=f"{dialect}-{name}") for name in response["examples"]
                )
    return params


def preferring(client: DialectClient, prefer: str, **kwargs: Any) -> httpx.Response:
    headers = {"Authorization": f"Bearer {client.token}", "Prefer": prefer}
    return client.get(headers=headers, **kwargs)


def required_headers(dialect: str, status: int) -> set[str]:
    return {name.lower() for name, header in documented(dialect)[status]["headers"].items() if header.get("required")}


def invalid_status(dialect: str) -> int:
    return INVALID.get(dialect, 400)


# --- code ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("dialect", "status"), every("status"))
def test_a_preferred_code_answers_the_first_documented_example_of_that_status_with_its_headers(
    clients: dict[str, DialectClient], dialect: str, status: int
) -> None:
    response = conforming(dialect, preferring(clients[dialect], f"code={status}"))
    assert response.status_code == status
    assert but_request_id(response.json()) == but_request_id(
        next(iter(documented(dialect)[status]["examples"].values()))
    )
    assert required_headers(dialect, status) <= set(response.headers)
    assert response.headers["preference-applied"] == f"code={status}"


@pytest.mark.parametrize("dialect", DIALECTS)
def test_code_200_lets_the_mock_answer_as_it_would_anyway(clients: dict[str, DialectClient], dialect: str) -> None:
    client = clients[dialect]
    response = conforming(dialect, preferring(client, "code=200"))
    assert but_request_id(response.json()) == but_request_id(client.get().json())
    assert response.headers["preference-applied"] == "code=200"


@pytest.mark.parametrize("dialect", DIALECTS)
def test_code_429_says_when_to_retry(clients: dict[str, DialectClient], dialect: str) -> None:
    response = conforming(dialect, preferring(clients[dialect], "code=429"))
    assert int(response.headers["retry-after"]) > 0


def test_aitasker_429_also_says_the_limit_is_spent(clients: dict[str, DialectClient]) -> None:
    response = preferring(clients["aitasker"], "code=429")
    assert (response.headers["x-ratelimit-limit"], response.headers["x-ratelimit-remaining"]) == ("300", "0")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_code_500_answers_the_server_error_in_the_dialect_error_shape(
    clients: dict[str, DialectClient], dialect: str
) -> None:
    # No spec documents a 5xx: the body is the dialect's error shape, the one its 404 documents.
    response = preferring(clients[dialect], "code=500")
    assert response.status_code == 500
    assert not schema_errors(dialect, response_schema(dialect, "404"), response.json())
    assert response.headers["preference-applied"] == "code=500"


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("code", ["418", "503", "ok", "2OO", ""])
def test_an_undocumented_code_is_a_bad_request_listing_the_codes_there_are(
    clients: dict[str, DialectClient], dialect: str, code: str
) -> None:
    response = conforming(dialect, preferring(clients[dialect], f"code={code}"))
    assert response.status_code == invalid_status(dialect)
    for status in documented(dialect):
        assert str(status) in response.text
    assert "preference-applied" not in response.headers


# --- example -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("dialect", "example", "status"), every("example"))
def test_a_preferred_example_answers_that_example_with_the_status_that_documents_it(
    clients: dict[str, DialectClient], dialect: str, example: str, status: int
) -> None:
    response = conforming(dialect, preferring(clients[dialect], f"example={example}"))
    assert response.status_code == status
    assert but_request_id(response.json()) == but_request_id(documented(dialect)[status]["examples"][example])
    assert required_headers(dialect, status) <= set(response.headers)
    assert response.headers["preference-applied"] == f"example={example}"


@pytest.mark.parametrize(("dialect", "example"), [("cortex-v1", "emptyPage"), ("invent", "emptyPage")])
def test_the_paging_headers_of_an_example_page_describe_that_page(
    clients: dict[str, DialectClient], dialect: str, example: str
) -> None:
    response = preferring(clients[dialect], f"example={example}")
    assert response.json() == []
    paging = {name: response.headers[f"pagination-{name}"] for name in ("count", "page", "take")}
    assert paging == {"count": "0", "page": "1", "take": "20"}


def test_code_and_example_together_choose_that_example_of_that_status(clients: dict[str, DialectClient]) -> None:
    response = conforming("b3os", preferring(clients["b3os"], "code=200, example=pastTheEnd"))
    assert but_request_id(response.json()) == but_request_id(documented("b3os")[200]["examples"]["pastTheEnd"])
    assert response.headers["preference-applied"] == "code=200, example=pastTheEnd"


def test_an_example_of_another_status_than_the_code_is_a_bad_request_saying_where_it_belongs(
    clients: dict[str, DialectClient],
) -> None:
    response = conforming("invent", preferring(clients["invent"], "code=404, example=rateLimited"))
    assert response.status_code == 400
    assert "orgNotFound" in response.text
    assert "rateLimited is a 429 example" in response.text


@pytest.mark.parametrize("dialect", DIALECTS)
def test_an_unknown_example_is_a_bad_request_listing_the_examples_there_are(
    clients: dict[str, DialectClient], dialect: str
) -> None:
    response = conforming(dialect, preferring(clients[dialect], "example=noSuchExample"))
    assert response.status_code == invalid_status(dialect)
    for response_examples in documented(dialect).values():
        for name in response_examples["examples"]:
            assert name in response.text


# --- what comes first ----------------------------------------------------------------------------------


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("prefer", ["code=500", "code=200, example=nope", "code=999", "example=rateLimited"])
def test_without_a_valid_token_the_answer_is_401_whatever_is_preferred(
    clients: dict[str, DialectClient], dialect: str, prefer: str
) -> None:
    response = conforming(dialect, clients[dialect].get(headers={"Prefer": prefer}))
    assert response.status_code == 401
    assert "preference-applied" not in response.headers


def test_invalid_parameters_are_reported_before_a_preferred_code(clients: dict[str, DialectClient]) -> None:
    response = conforming("b3os", preferring(clients["b3os"], "code=404", query={"limit": 500}))
    assert response.status_code == 400
    assert "limit" in response.text


def test_a_preferred_example_answers_even_for_a_workflow_that_does_not_exist(clients: dict[str, DialectClient]) -> None:
    response = preferring(clients["b3os"], "example=mixedPage", params={"id": "wf_doesnotexist"})
    assert response.status_code == 200


def test_preferences_of_answers_leave_other_routes_alone(mock_url: str, fixtures: dict[str, Any]) -> None:
    response = httpx.get(f"{mock_url}/b3os/openapi.json", headers={"Prefer": "code=404"})
    assert response.status_code == 200
    assert "preference-applied" not in response.headers


# --- Prism's header ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "prefer",
    [
        pytest.param("code=404", id="plain"),
        pytest.param('code="404"', id="quoted"),
        pytest.param("Code=404", id="name-case"),
        pytest.param("code=404; lenient", id="with-parameter"),
        pytest.param("dynamic=false, code=404", id="unknown-preference-ignored"),
        pytest.param("code = 404 ,", id="spaces"),
    ],
)
def test_prism_style_prefer_headers_are_understood(clients: dict[str, DialectClient], prefer: str) -> None:
    assert preferring(clients["cortex-v2"], prefer).status_code == 404


def test_preferred_answers_conform_when_the_mock_validates_its_responses() -> None:
    settings = Settings(dialects=("aitasker", "invent"), validate_responses=True, clock_speed=0)
    with serving(create_app(settings)) as url:
        fixtures = httpx.get(f"{url}/__mock__/fixtures").json()
        for dialect in settings.dialects:
            client = DialectClient(url, dialect, fixtures[dialect])
            for status, response in documented(dialect).items():
                for example in response["examples"]:
                    answer = preferring(client, f"code={status}, example={example}")
                    assert answer.status_code == status, answer.text
            client.http.close()
