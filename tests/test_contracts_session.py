"""A run's parts opened together: one context, one writer and budget shared with the schema phase."""

from __future__ import annotations

from importlib import metadata

import pytest

from contracts.core.errors import DependencyError
from contracts.session import Session
from contracts.target.inputs import Options, Target

TARGET = Target("b3os", "http://127.0.0.1:9", "b3sk_test", {"id": "wf_1"})


def test_every_part_reads_through_one_context_and_the_phase_writes_through_the_runs_writer() -> None:
    session = Session.open(TARGET, Options(allow_writes=True, max_writes=10), rules=("newest_first",), runs_kept=4)
    try:
        assert session.lists.context is session.context
        assert session.writer.context is session.context
        assert session.phase.writer is session.writer
        assert session.phase.rules == ("newest_first",)
        assert (session.writer.budget.limit, session.writer.budget.reserved) == (10, 4)
    finally:
        session.close()


def test_the_runs_kept_for_the_write_checks_never_exceed_max_writes() -> None:
    session = Session.open(TARGET, Options(allow_writes=True, max_writes=2), runs_kept=4)
    session.close()

    assert session.writer.budget.reserved == 2


def test_a_run_on_another_schemathesis_release_stops_before_anything_is_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metadata, "version", lambda name: "4.99.0")

    with pytest.raises(DependencyError, match=r"^Schemathesis 4\.99\.0 is installed"):
        Session.open(TARGET, Options())
