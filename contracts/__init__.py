"""The contract suite: check any live implementation of a dialect's list-workflow-runs API against its spec.

It never imports the mock: it speaks HTTP to a base URL and judges the answers, with Schemathesis' checks on
the spec's schemas and with semantic checks for what schemas cannot say (paging, ordering, filters, ownership,
timeline, not found, auth). From the command line::

    python -m contracts --dialect b3os --base-url https://staging.example.com --token-env B3OS_TOKEN \\
        --param id=wf_3kT9pQ2vX7mN --strict --junit-xml reports/b3os.xml

From Python::

    from contracts import Options, Target, run_contract
    report = run_contract(Target("b3os", base_url, token, {"id": "wf_3kT9pQ2vX7mN"}), Options(seed=1))
    report.conforms, [outcome.rule.name for outcome in report.failures]

From pytest, one test per check: see `contracts.pytest_plugin`.

The modules of a contract run, each importing only modules listed before it: `errors`, `outcomes`,
`json_path`, `redaction`, `waiting`, `client`, `paging`, `dialects`, `motion`, `spec`, `target`, `listing`,
`stillness`, `schema_phase`, `session`, `checks`, `preflight`, `replay`, `runner`, then its front ends `report`,
`junit`, `cli` and `pytest_plugin`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from contracts.errors import ContractError
    from contracts.outcomes import Finding, Outcome, Rule, Status
    from contracts.runner import Report, run_contract
    from contracts.target import Options, Target

__all__ = ["ContractError", "Finding", "Options", "Outcome", "Report", "Rule", "Status", "Target", "run_contract"]

# Imported on first use, so that importing one light module (the pytest plugin) does not load Schemathesis.
HOMES = {
    "ContractError": "contracts.errors",
    "Finding": "contracts.outcomes",
    "Outcome": "contracts.outcomes",
    "Rule": "contracts.outcomes",
    "Status": "contracts.outcomes",
    "Report": "contracts.runner",
    "run_contract": "contracts.runner",
    "Options": "contracts.target",
    "Target": "contracts.target",
}


def __getattr__(name: str) -> Any:
    if name in HOMES:
        return getattr(import_module(HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
