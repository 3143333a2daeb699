"""What the generated data is drawn from: the reference time, a dialect's vocabulary, names and blueprints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from mock_server.data.model import RunState

REFERENCE_TIME = datetime(2026, 11, 20, 12, 0, 0, tzinfo=UTC)
"""The mock's "now": fixed, so responses do not depend on when the server started."""


@dataclass(frozen=True)
class Origin:
    """An origin label of a dialect, and what it implies about a run."""

    label: str
    by_user: bool = False
    """A person started it, so the run names who."""
    from_record: bool = False
    """A record change started it, so the run names the collection and record."""


@dataclass(frozen=True)
class Vocabulary:
    """What a dialect can express, which shapes the data generated for it."""

    name: str
    states: tuple[RunState, ...]
    origins: tuple[Origin, ...]
    id_style: Literal["uuid", "prefixed"]
    tenant_prefix: str


TENANT_NAMES = ("Acme Support", "Northwind Operations", "Globex Research", "Initech Finance")
WORKFLOW_BLUEPRINTS: tuple[tuple[str, str, tuple[tuple[str, str, str | None], ...]], ...] = (
    (
        "ticket-triage",
        "Support ticket triage",
        (
            ("fetch_ticket", "http", None),
            ("classify", "llm", "gpt-4o-mini"),
            ("summarize", "llm", "claude-3-5-haiku"),
            ("route", "code", None),
            ("handoff_note", "note", None),
        ),
    ),
    (
        "invoice-extraction",
        "Invoice data extraction",
        (
            ("download_pdf", "http", None),
            ("extract_fields", "llm", "gpt-4o"),
            ("validate_totals", "code", None),
            ("post_to_ledger", "http", None),
        ),
    ),
    (
        "lead-enrichment",
        "Lead enrichment",
        (
            ("lookup_company", "http", None),
            ("score_lead", "llm", "gpt-4o-mini"),
            ("update_crm", "http", None),
        ),
    ),
    (
        "weekly-digest",
        "Weekly product digest",
        (
            ("collect_changes", "code", None),
            ("draft_digest", "llm", "claude-3-5-sonnet"),
            ("editor_note", "note", None),
            ("send_email", "http", None),
        ),
    ),
)
PEOPLE = ("Maya Chen", "Jonas Weber", "Priya Raman", "Lucas Martin", "Amara Okafor", "Sofia Rossi")
ERRORS = (
    "Step 'classify' timed out after 30 seconds",
    "Upstream API answered 502 Bad Gateway",
    "Model output did not match the expected JSON schema",
    "Rate limit reached on model provider; retries exhausted",
    "Input field 'email' is required",
)
CATEGORIES = ("billing", "bug", "account", "feature-request", "shipping")
