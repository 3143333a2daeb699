"""Identifiers: UUIDs, or prefixed letters and digits drawn exactly as `random.choice` draws them."""

from __future__ import annotations

import random
import uuid

import pytest

from mock_server.data.ids import ALPHABET, new_id


@pytest.mark.parametrize("seed", ["workflow-runs-mock:0:b3os", "workflow-runs-mock:7:invent", "another"])
def test_an_opaque_id_is_what_twelve_random_choices_draw_so_a_seed_keeps_its_ids(seed: str) -> None:
    drawn, reference = random.Random(seed), random.Random(seed)
    for _ in range(200):  # enough ids for several draws past the alphabet, which both must draw again
        expected = "".join(reference.choice(ALPHABET) for _ in range(12))
        assert new_id(drawn, "prefixed", "run") == f"run_{expected}"
    assert drawn.getstate() == reference.getstate()


def test_a_uuid_style_id_is_a_version_4_uuid_of_128_random_bits() -> None:
    drawn, reference = random.Random(3), random.Random(3)
    value = new_id(drawn, "uuid", "run")
    assert uuid.UUID(value).version == 4
    assert value == str(uuid.UUID(int=reference.getrandbits(128), version=4))
