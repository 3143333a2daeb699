"""The proxy's memory stays within its budget, evicting what was used least recently."""

from __future__ import annotations

from contracts.proxy.memory import Recent


def test_the_least_recently_used_entries_go_once_the_budget_is_spent() -> None:
    recent: Recent[str, tuple[str, ...]] = Recent(budget=5, weight=len)
    recent.put("a", ("1", "2"))
    recent.put("b", ("3", "4"))
    assert recent.get("a") == ("1", "2")  # a is now the most recent
    recent.put("c", ("5", "6"))

    assert "b" not in recent
    assert recent.get("a") == ("1", "2")
    assert recent.total == 4


def test_a_million_entries_keep_only_the_budget() -> None:
    recent: Recent[int, int] = Recent(budget=1000)
    for number in range(1_000_000):
        recent.put(number, number)

    assert len(recent) == 1000
    assert recent.get(999_999) == 999_999
