"""The pytest plugin at its public path: `-p contracts.pytest_plugin`, or `from contracts.pytest_plugin import
contract_test_cases`. It lives in `contracts.front.pytest_plugin`; this module only names it here.
"""

from contracts.front.pytest_plugin import (
    OPEN_SESSIONS,
    ContractCase,
    close_sessions,
    contract_test_cases,
    pytest_sessionfinish,
)

__all__ = ["OPEN_SESSIONS", "ContractCase", "close_sessions", "contract_test_cases", "pytest_sessionfinish"]
