"""Bearer-token checks."""

from __future__ import annotations

import pytest

from mock_server.problems import MockProblem, ProblemKind
from mock_server.web.auth import EVERY_TENANT, Access, TokenRegistry, bearer_token

REGISTRY = TokenRegistry(["aitk_test_alpha", "second-token"])


@pytest.mark.parametrize("header", ["Bearer aitk_test_alpha", "bearer second-token", "Bearer  aitk_test_alpha "])
def test_configured_tokens_are_accepted_and_see_every_tenant(header: str) -> None:
    token, access = REGISTRY.check_authorization(header)
    assert token in {"aitk_test_alpha", "second-token"}
    assert access == EVERY_TENANT


def test_a_bound_token_sees_its_tenant_and_a_tenants_token_its_own_until_the_tenants_change() -> None:
    registry = TokenRegistry(["free"], {"bound": "ws_1"})
    registry.use_tenant_tokens({"tenant-a": "ws_a", "tenant-b": "ws_b"})
    assert [registry.access(token) for token in ("free", "bound", "tenant-a", "tenant-b", "nope")] == [
        EVERY_TENANT,
        Access("ws_1"),
        Access("ws_a"),
        Access("ws_b"),
        None,
    ]
    registry.use_tenant_tokens({"tenant-c": "ws_c"})
    assert registry.access("tenant-a") is None
    assert registry.check_authorization("Bearer tenant-c") == ("tenant-c", Access("ws_c"))


def test_a_token_given_to_the_mock_wins_over_a_tenants_token_of_the_same_value() -> None:
    registry = TokenRegistry(["shared"])
    registry.use_tenant_tokens({"shared": "ws_a"})
    assert registry.access("shared") == EVERY_TENANT


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


def test_a_registry_without_tokens_accepts_none() -> None:
    with pytest.raises(MockProblem):
        TokenRegistry([]).check_authorization("Bearer anything")


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
    assert REGISTRY.check_authorizations(["bearer second-token"]) == ("second-token", EVERY_TENANT)
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
