"""Sending a failing read-only request once more, so that a report can say when its failure may be intermittent.

An answer a finding is about may have come once and not again: a flaky server, a load balancer's bad node. The
findings a report shows (the first of each failed check) whose request was read-only are sent again, once each,
as they were sent; the status the repeat got is kept on the finding (`Finding.replayed`) and the report says the
failure may be intermittent where it differs. A write is never sent again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from contracts.client import Client
from contracts.errors import ContractError
from contracts.operations import SAFE_METHODS
from contracts.outcomes import SHOWN_FINDINGS, Finding, Outcome, Request

__all__ = ["replayed"]


def replayed(outcomes: Sequence[Outcome], client: Client) -> list[Outcome]:
    """`outcomes`, each shown finding of a read-only request with the status it got when sent again."""
    statuses: dict[tuple[str, str, tuple[tuple[str, str], ...]], int | None] = {}

    def again(item: Finding) -> Finding:
        request = item.request
        if request is None or item.status is None or request.method.upper() not in SAFE_METHODS:
            return item
        key = (request.method, request.url, tuple(sorted(request.headers.items())))
        if key not in statuses:
            statuses[key] = status_of(request, client)
        return dataclasses.replace(item, replayed=statuses[key])

    def with_replays(outcome: Outcome) -> Outcome:
        shown, hidden = outcome.findings[:SHOWN_FINDINGS], outcome.findings[SHOWN_FINDINGS:]
        return dataclasses.replace(outcome, findings=(*map(again, shown), *hidden))

    return [with_replays(outcome) if outcome.failed else outcome for outcome in outcomes]


def status_of(request: Request, client: Client) -> int | None:
    try:
        return client.read(request).status
    except ContractError:  # no answer, or rate limited to the end: nothing to compare with
        return None
