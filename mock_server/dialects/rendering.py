"""Rendering a record once: a dialect's rendering of a run depends only on the run, not on the page it is on.

The data's records are frozen and a store's runs keep their identity while its data is unchanged, so a run
rendered for one page is the same JSON on every other page, filter and request. `rendered_once` remembers a
renderer's result by the identity of its arguments (a bounded number, the oldest dropped first); the result is
shared between replies, so a handler must never change a rendered record in place. `encoded_once` remembers
the encoded bytes of a rendering the same way, and `encoded_items` builds a page of a selection of runs from
them: a `Page`, the runs as `orjson.Fragment`s, which orjson copies as they are, so the reply's bytes are those
`orjson.dumps` makes of the plain page; the page also holds the runs' bytes, which the mock's own encoder
(`web/replies.encode`) joins into the body at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, TypeVar, cast

import orjson

from mock_server.memory import ByIdentity, Sized

F = TypeVar("F", bound=Callable[..., Any])

CAPACITY = 8192
"""Renderings kept per renderer: every run of a large scenario, a few hundred kilobytes of dicts at most."""
SELECTIONS = 64
"""Selections whose runs' bytes are kept in page order (`encoded_items`); each holds a reference per run."""


def rendered_once(render: F, capacity: int = CAPACITY) -> F:
    """`render`, remembering its result for the same dialect and the very same argument objects."""
    memory: ByIdentity[Any] = ByIdentity(capacity)

    @wraps(render)
    def remembered(self: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs:  # renderers are called positionally; anything else is rendered afresh
            return render(self, *args, **kwargs)
        given = (self, *args)
        found = memory.get(given)
        return found if found is not None else memory.put(given, render(self, *args))

    return cast(F, remembered)


def encoded_once(render: Callable[..., Any], capacity: int = CAPACITY) -> Callable[..., bytes]:
    """`render`'s result as JSON bytes, encoded once for the same dialect and the very same argument objects."""

    def encode(self: Any, *args: Any) -> bytes:
        return orjson.dumps(render(self, *args))

    return cast(Callable[..., bytes], rendered_once(wraps(render)(encode), capacity))


HOLE = orjson.Fragment(b"\x00")
"""A place left in a document: orjson escapes control characters, so it never writes this byte of its own."""


def around_hole(document: Any) -> tuple[bytes, bytes] | None:
    """The bytes `orjson.dumps` makes of `document` before and after the one `HOLE` in it (None if not one)."""
    around = orjson.dumps(document).split(b"\x00")
    return (around[0], around[1]) if len(around) == 2 else None


class Page(list):  # type: ignore[type-arg]  # of orjson.Fragment; a list, so orjson writes it as an array
    """A page of encoded runs: to orjson, the array of their fragments; `parts`, the runs' bytes in order."""

    __slots__ = ("parts",)
    parts: list[bytes]

    def joined(self, head: bytes = b"", tail: bytes = b"") -> bytes:
        """`head`, the page as a JSON array, and `tail`, as one bytes object: the bytes `orjson.dumps` makes of
        the page between them, made by one join (orjson grows its buffer as it copies, which costs as much again)."""
        if not self.parts:
            return head + b"[]" + tail
        pieces = list(self.parts)
        pieces[0] = head + b"[" + pieces[0]
        pieces[-1] += b"]" + tail
        return b",".join(pieces)


class Shared(Sized[bytes, bytes]):
    """Encoded runs by value: `shared(encoded)` is the one bytes object of that value among the runs the lists
    encoded (`encoded` itself if none is known), at most `count` of them and `size` bytes, the oldest dropped
    first.

    Whoever remembers runs' bytes for long (`web/response_items`, the items judged) can keep the very objects the
    pages are joined from, rather than a copy of each: one copy in memory, and the one just read for a page.
    """

    def __init__(self, count: int = 16384, size: int = 32 * 1024 * 1024) -> None:
        super().__init__(count, size, len)

    def __call__(self, encoded: bytes) -> bytes:
        found = self.get(encoded)
        return found if found is not None else self.put(encoded, encoded)


shared = Shared()


# Per selection and what its encoding depends on: each run's fragment and bytes in the selection's order, and
# which are set.
_selections: ByIdentity[tuple[list[orjson.Fragment | None], list[bytes | None], bytearray]] = ByIdentity(SELECTIONS)


def encoded_items(
    runs: Sequence[Any], start: int, stop: int, encode: Callable[[Any], bytes], *depends_on: object
) -> Page:
    """`encode(run)` for each run of `runs[start:stop]`, as a `Page`.

    `runs` is a selection a store keeps (the same object for every page of it); `encode` must depend only on the
    run and on `depends_on` (the dialect, flags), which are part of the key by identity. Each run of a selection
    is looked up once, so a page costs two slices whatever its size, and its bytes are copied once, when the
    reply is encoded.
    """
    given = (runs, *depends_on)
    found = _selections.get(given)
    if found is None:
        count = len(runs)
        found = _selections.put(given, ([None] * count, [None] * count, bytearray(count)))
    fragments, parts, done = found
    stop = min(stop, len(runs))
    if start < stop and done.find(0, start, stop) != -1:
        for index in range(start, stop):
            if not done[index]:
                encoded = parts[index] = shared(encode(runs[index]))
                fragments[index] = orjson.Fragment(encoded)
                done[index] = 1
    page = Page(fragments[start:stop])  # list's own constructor: a Python one costs more than the slices
    page.parts = cast(list[bytes], parts[start:stop])
    return page
