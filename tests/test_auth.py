"""Bearer-token checks."""

from __future__ import annotations

import pytest

from mock_server.problems import MockProblem, ProblemKind
from mock_server.web.auth import TokenRegistry, bearer_token

REGISTRY = TokenRegistry(["aitk_test_alpha", "second-token"])


@pytest.mark.parametrize("header", ["Bearer aitk_test_alpha", "bearer second-token", "Bearer  aitk_test_alpha "])
def test_configured_tokens_are_accepted(header: str) -> None:
    assert REGISTRY.check_authorization(header) in {"aitk_test_alpha", "second-token"}


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(None, id="missing"),
        pytest.param("", id="empty"),
        pytest.param("Bearer", id="scheme-only"),
        pytest.param("Basic YWxhZGRpbjpvcGVuc2VzYW1l", id="basic-scheme"),
        pytest.param("aitk_test_alpha", id="token-without-scheme"),
        pytest.param("Bearer aitk_test_alph", id="prefix-of-a-token"),
        pytest.param("Bearer aitk_test_alphaX", id="token-with-extra-character"),
        pytest.param("Bearer a b", id="two-tokens"),
        pytest.param("Bearer " + "x" * 10_000, id="very-long"),
    ],
)
def test_anything_else_is_unauthorized(header: str | None) -> None:
    with pytest.raises(MockProblem) as raised:
        REGISTRY.check_authorization(header)
    assert raised.value.problem.kind is ProblemKind.UNAUTHORIZED


def test_the_token_is_never_echoed_in_the_message() -> None:
    with pytest.raises(MockProblem) as raised:
        REGISTRY.check_authorization("Bearer secret-value-123")
    assert "secret-value-123" not in raised.value.problem.message


def test_a_registry_needs_a_token() -> None:
    with pytest.raises(ValueError, match="at least one token"):
        TokenRegistry([])


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param(["Bearer aitk_test_alpha", "Bearer nope"], id="valid-first"),
        pytest.param(["Bearer nope", "Bearer aitk_test_alpha"], id="valid-last"),
        pytest.param(["Bearer aitk_test_alpha", "Bearer aitk_test_alpha"], id="the-same-valid-twice"),
    ],
)
def test_more_than_one_authorization_header_is_unauthorized_in_any_order(headers: list[str]) -> None:
    with pytest.raises(MockProblem) as raised:
        REGISTRY.check_authorizations(headers)
    assert raised.value.problem.kind is ProblemKind.UNAUTHORIZED
    assert "one Authorization header" in raised.value.problem.message


def test_one_header_is_judged_alone_and_no_header_is_unauthorized() -> None:
    assert REGISTRY.check_authorizations(["bearer second-token"]) == "second-token"
    with pytest.raises(MockProblem):
        REGISTRY.check_authorizations([])


@pytest.mark.parametrize(
    ("header", "token"),
    [
        ("Bearer abc", "abc"),
        ("BEARER abc", "abc"),
        (" bearer  abc ", "abc"),
        ("Basic abc", None),
        ("Bearer a b", None),
        ("Bearer", None),
        (None, None),
    ],
)
def test_bearer_token_reads_a_well_formed_header_whatever_its_scheme_case(
    header: str | None, token: str | None
) -> None:
    assert bearer_token(header) == token
