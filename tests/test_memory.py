"""The bounded memories: in number, in number and bytes, and of keys seen once, each dropping its oldest first."""

from __future__ import annotations

import weakref

from mock_server.memory import Bounded, SecondSight, Sized


def test_a_value_is_found_for_a_key_of_equal_value() -> None:
    memory: Bounded[tuple[str, int], str] = Bounded(4)
    assert memory.put(("a", 1), "made") == "made"
    assert memory.get(("a", 1)) == "made"  # another tuple, of the same value
    assert memory.get(("a", 2)) is None


def test_past_its_capacity_the_oldest_value_is_forgotten() -> None:
    memory: Bounded[str, int] = Bounded(2)
    for number, key in enumerate("abc"):
        memory.put(key, number)
    assert (len(memory), memory.get("a"), memory.get("b"), memory.get("c")) == (2, None, 1, 2)


def test_past_its_count_the_oldest_values_are_forgotten() -> None:
    memory: Sized[str, bytes] = Sized(2, 1000, len)
    for key in "abc":
        memory.put(key, b"x")
    assert (list(memory), memory.held) == (["b", "c"], 2)


def test_past_its_bytes_the_oldest_values_are_forgotten_but_the_newest_is_kept_whatever_its_size() -> None:
    memory: Sized[str, bytes] = Sized(10, 5, len)
    memory.put("a", b"12")
    memory.put("b", b"34")
    memory.put("c", b"56")
    assert (list(memory), memory.held) == (["b", "c"], 4)
    memory.put("big", b"x" * 50)
    assert (list(memory), memory.held) == (["big"], 50)


def test_putting_a_key_again_replaces_its_value_and_makes_it_the_newest() -> None:
    memory: Sized[str, bytes] = Sized(10, 100, len)
    memory.put("a", b"1")
    memory.put("b", b"2")
    memory.put("a", b"333")
    assert (list(memory), memory.get("a"), memory.held) == (["b", "a"], b"333", 4)


def test_clearing_forgets_every_value_and_its_bytes() -> None:
    memory: Sized[str, bytes] = Sized(10, 100, len)
    memory.put("a", b"1")
    memory.clear()
    assert (len(memory), memory.held, memory.get("a")) == (0, 0, None)


def sightings(asked: SecondSight[str], keys: str) -> list[bool]:
    """For each key in turn, whether it was seen before, noting it when not, as a memory's admission does."""
    seen = []
    for key in keys:
        seen.append(asked.seen_before(key))
        if not seen[-1]:
            asked.note(key)
    return seen


def test_a_key_is_seen_before_on_its_second_sight_only_and_then_forgotten() -> None:
    asked: SecondSight[str] = SecondSight(4)
    assert sightings(asked, "abaa") == [False, False, True, False]
    assert len(asked) == 2  # "b", and "a" noted afresh


def test_a_key_never_noted_is_never_seen_before() -> None:
    asked: SecondSight[str] = SecondSight(4)
    assert [asked.seen_before("a") for _ in range(3)] == [False, False, False]
    assert len(asked) == 0


def test_a_key_coming_again_after_capacity_others_were_noted_is_not_seen_before() -> None:
    asked: SecondSight[str] = SecondSight(2)
    assert sightings(asked, "abcac") == [False, False, False, False, True]


class Key:
    """A key that can be referenced weakly, to see whether a memory keeps it alive."""

    def __hash__(self) -> int:
        return 7


def test_only_a_keys_hash_is_held_so_a_key_of_any_size_costs_the_same() -> None:
    asked: SecondSight[Key] = SecondSight(100)
    key = Key()
    alive = weakref.ref(key)
    asked.note(key)
    del key
    assert alive() is None
    assert asked.seen_before(Key())  # of the same hash
