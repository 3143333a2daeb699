"""Why a contract run could not be done; every one of them ends the command line with exit status 2.

    ContractError             the run could not be done; its message is the one line shown to the user
     ├── UsageError           the arguments are wrong: a malformed value, an unknown dialect or --param name
     ├── SpecError            the spec cannot be read, is not valid OpenAPI, or does not describe the dialect
     ├── UnreachableError     the server under test did not answer at all
     ├── PreflightError       the first request showed the run cannot judge: a refused token, parameters that
     │                        reach nothing, an answer that is not the dialect's list
     ├── UndecidedError       under --strict, a check that applies had nothing to judge
     ├── RunAbortedError      the run started but could not finish (the server stopped answering mid-run)
     └── DependencyError      an installed library is not the release the suite was written for

A check that fails is not an error: it is an `Outcome` with status `FAILED` (exit status 1).
"""

from __future__ import annotations

__all__ = [
    "ContractError",
    "DependencyError",
    "PreflightError",
    "RunAbortedError",
    "SpecError",
    "UndecidedError",
    "UnreachableError",
    "UsageError",
]


class ContractError(Exception):
    """The run could not be done; `str(error)` says why in one line."""


class UsageError(ContractError):
    """The arguments are wrong."""


class SpecError(ContractError):
    """The spec cannot be used for this dialect."""


class UnreachableError(ContractError):
    """The server under test did not answer."""


class RunAbortedError(ContractError):
    """The run started but could not finish."""


class PreflightError(ContractError):
    """The request before any check showed that no check could judge the server: the message says what to fix."""


class UndecidedError(ContractError):
    """Under --strict, checks that apply had nothing to judge (or, in any run, no check judged anything)."""


class DependencyError(ContractError):
    """An installed library is not the release the suite was written for; the message says what to install."""
