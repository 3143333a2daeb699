"""Bearer-token checks: which tokens the mock accepts, which tenant each one sees, compared in constant time and
never logged."""

from __future__ import annotations

import hmac
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from mock_server.problems import MockProblem, Problem, ProblemKind

MAX_TOKEN_LENGTH = 4096
AUTHENTICATED_KEY = "mock_server.authenticated"
"""Set in a request's scope `extensions` by the security handler: the token it accepted. Every layer that acts on
authenticated requests only (the repeated-request memory, latency, `Prefer`, the rate limit) reads the verdict
here, so the security handler's is the only one."""
ACCESS_KEY = "mock_server.access"
"""Set beside `AUTHENTICATED_KEY`: the `Access` of the token accepted, which the handlers scope every read and
write to."""


@dataclass(frozen=True)
class Access:
    """What an accepted token sees: one tenant's data, or (`tenant_id` None) every tenant's."""

    tenant_id: str | None


EVERY_TENANT = Access(None)


def unauthorized(message: str) -> MockProblem:
    return MockProblem(Problem(ProblemKind.UNAUTHORIZED, message))


def bearer_token(header: str | None) -> str | None:
    """The token of a well-formed `Bearer <token>` header (the scheme in any case), or None."""
    scheme, _, token = (header or "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return token


Known = tuple[tuple[bytes, Access], ...]


def known(tokens: Mapping[str, str | None]) -> Known:
    return tuple((token.encode(), Access(tenant_id)) for token, tenant_id in tokens.items())


class TokenRegistry:
    """The tokens a dialect accepts: tokens given to the mock (seeing every tenant, or bound to one) and the
    tokens of the data's tenants, which change with the data (`use_tenant_tokens`)."""

    def __init__(self, tokens: Iterable[str] = (), bound: Mapping[str, str] | None = None) -> None:
        given: dict[str, str | None] = dict.fromkeys(tokens)
        given.update(bound or {})
        self._given = known(given)
        self._tenants: Known = ()

    def use_tenant_tokens(self, tokens: Mapping[str, str]) -> None:
        """Accept `tokens` (token -> tenant id) as the tenants' own, in place of the tenants' tokens before."""
        self._tenants = known(dict(tokens))

    def access(self, token: str) -> Access | None:
        """What `token` sees, or None when it is not accepted; every candidate is compared, so timing tells
        nothing. A token given to the mock wins over a tenant's token of the same value."""
        given = token.encode("utf-8", errors="replace")
        found: Access | None = None
        for candidate, access in (*self._given, *self._tenants):
            if hmac.compare_digest(given, candidate) and found is None:
                found = access
        return found

    def check_authorization(self, header: str | None) -> tuple[str, Access]:
        """The token of a valid `Authorization: Bearer <token>` header and what it sees, or raise a 401
        `MockProblem`."""
        if not header:
            raise unauthorized("Not authenticated: send an Authorization: Bearer <token> header")
        token = bearer_token(header)
        if token is None:
            raise unauthorized("Not authenticated: the Authorization header must be 'Bearer <token>'")
        access = self.access(token)
        if access is None:
            raise unauthorized("Not authenticated: the bearer token is not valid")
        return token, access

    def check_authorizations(self, headers: Sequence[str]) -> tuple[str, Access]:
        """The token of a request's only, valid `Authorization` header and what it sees, or raise a 401
        `MockProblem`.

        Several headers are refused whatever they hold: an ambiguous credential is not a credential, and layers
        that read one of them would judge another request than the one authenticated.
        """
        if len(headers) > 1:
            raise unauthorized(f"Not authenticated: send one Authorization header, not {len(headers)}")
        return self.check_authorization(headers[0] if headers else None)
