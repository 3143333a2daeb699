"""Identifiers drawn from a random source: UUIDs, or a prefix and twelve letters and digits.

Each letter is drawn as `random.choice` draws it (6 random bits, drawn again while past the alphabet), so a seed
gives the ids it always gave, without `choice`'s two Python calls a letter: those were a third of the CPU time
of generating the data (cProfile of `live_store` for every dialect).
"""

from __future__ import annotations

import random
import string
import uuid

ALPHABET = string.ascii_letters + string.digits
LENGTH = 12
BITS = len(ALPHABET).bit_length()


def new_id(rng: random.Random, style: str, prefix: str) -> str:
    """A version 4 UUID when `style` is `uuid`, else `<prefix>_` and twelve of `ALPHABET`."""
    if style == "uuid":
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))
    draw = rng.getrandbits
    letters: list[str] = []
    while len(letters) < LENGTH:
        index = draw(BITS)
        if index < len(ALPHABET):
            letters.append(ALPHABET[index])
    return f"{prefix}_{''.join(letters)}"
