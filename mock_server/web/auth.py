"""Bearer-token checks: which tokens the mock accepts, compared in constant time and never logged."""

from __future__ import annotations

import hmac
from collections.abc import Iterable, Sequence

from mock_server.problems import MockProblem, Problem, ProblemKind

MAX_TOKEN_LENGTH = 4096
AUTHENTICATED_KEY = "mock_server.authenticated"
"""Set in a request's scope `extensions` by the security handler: the token it accepted. Every layer that acts on
authenticated requests only (the repeated-request memory, latency, `Prefer`, the rate limit) reads the verdict
here, so the security handler's is the only one."""


def unauthorized(message: str) -> MockProblem:
    return MockProblem(Problem(ProblemKind.UNAUTHORIZED, message))


def bearer_token(header: str | None) -> str | None:
    """The token of a well-formed `Bearer <token>` header (the scheme in any case), or None."""
    scheme, _, token = (header or "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return token


class TokenRegistry:
    """The set of tokens a dialect accepts."""

    def __init__(self, tokens: Iterable[str]) -> None:
        self._tokens = tuple(token.encode() for token in dict.fromkeys(tokens))
        if not self._tokens:
            raise ValueError("at least one token is required")

    def accepts(self, token: str) -> bool:
        """Whether `token` is configured; every candidate is compared, so timing tells nothing."""
        given = token.encode("utf-8", errors="replace")
        matched = False
        for known in self._tokens:
            matched |= hmac.compare_digest(given, known)
        return matched

    def check_authorization(self, header: str | None) -> str:
        """The token of a valid `Authorization: Bearer <token>` header, or raise a 401 `MockProblem`."""
        if not header:
            raise unauthorized("Not authenticated: send an Authorization: Bearer <token> header")
        token = bearer_token(header)
        if token is None:
            raise unauthorized("Not authenticated: the Authorization header must be 'Bearer <token>'")
        if not self.accepts(token):
            raise unauthorized("Not authenticated: the bearer token is not valid")
        return token

    def check_authorizations(self, headers: Sequence[str]) -> str:
        """The token of a request's only, valid `Authorization` header, or raise a 401 `MockProblem`.

        Several headers are refused whatever they hold: an ambiguous credential is not a credential, and layers
        that read one of them would judge another request than the one authenticated.
        """
        if len(headers) > 1:
            raise unauthorized(f"Not authenticated: send one Authorization header, not {len(headers)}")
        return self.check_authorization(headers[0] if headers else None)
