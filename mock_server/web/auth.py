"""Bearer-token checks: which tokens the mock accepts, compared in constant time and never logged."""

from __future__ import annotations

import hmac
from collections.abc import Iterable

from mock_server.problems import MockProblem, Problem, ProblemKind

MAX_TOKEN_LENGTH = 4096


def unauthorized(message: str) -> MockProblem:
    return MockProblem(Problem(ProblemKind.UNAUTHORIZED, message))


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
        scheme, _, token = header.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token or " " in token or len(token) > MAX_TOKEN_LENGTH:
            raise unauthorized("Not authenticated: the Authorization header must be 'Bearer <token>'")
        if not self.accepts(token):
            raise unauthorized("Not authenticated: the bearer token is not valid")
        return token
