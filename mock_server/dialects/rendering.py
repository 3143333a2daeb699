"""Rendering a record once: a dialect's rendering of a run depends only on the run, not on the page it is on.

The data's records are frozen values, so a run rendered for one page is the same JSON on every other page, filter,
request and version of the data that holds an equal run. Each dialect instance (one per app) keeps its renderings
in its `Renderings`: `rendered_once` remembers a renderer's result by the values of its arguments (a bounded
number per renderer, the oldest dropped first); the result is shared between replies, so a handler must never
change a rendered record in place. `encoded_once` remembers the encoded bytes of a rendering the same way, and
`encoded_items` builds a page of a view's selection of runs from them: a `Page`, the runs as `orjson.Fragment`s,
which orjson copies as they are, so the reply's bytes are those `orjson.dumps` makes of the plain page; the page
also holds the runs' bytes, which the mock's own encoder (`web/replies.encode`) joins into the body at once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any, Protocol, TypeVar, cast

import orjson

from mock_server.data.view import Selection
from mock_server.memory import Bounded, Sized

F = TypeVar("F", bound=Callable[..., Any])

CAPACITY = 8192
"""Renderings kept per renderer: every run of a large scenario, a few hundred kilobytes of dicts at most."""


class Renderings(dict[str, Bounded[tuple[Hashable, ...], Any]]):
    """The renderings of one dialect instance: per renderer, its results by the values of their arguments."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        super().__init__()
        self.capacity = capacity

    def __missing__(self, renderer: str) -> Bounded[tuple[Hashable, ...], Any]:
        memory = self[renderer] = Bounded(self.capacity)
        return memory


class Rendering(Protocol):
    """What `rendered_once` and `encoded_once` decorate the methods of: a dialect, with its renderings."""

    renderings: Renderings


def rendered_once(render: F) -> F:
    """`render`, remembering its result in its dialect's renderings for arguments of equal values.

    Every argument must be hashable consistently with its equality (runs and workflows hash a few fields of
    theirs, see `mock_server.data.model`)."""
    return remembered_as(render.__qualname__, render)


def encoded_once(render: Callable[..., Any]) -> Callable[..., bytes]:
    """`render`'s result as JSON bytes, encoded once for arguments of equal values (as `rendered_once`)."""

    def encode(self: Any, *args: Any) -> bytes:
        return orjson.dumps(render(self, *args))

    return remembered_as(f"{render.__qualname__} encoded", wraps(render)(encode))


def remembered_as(name: str, render: F) -> F:
    """`render`, remembering its results under `name` in the renderings of the instance it is called on."""

    @wraps(render)
    def remembered(self: Rendering, *args: Any, **kwargs: Any) -> Any:
        if kwargs:  # renderers are called positionally; anything else is rendered afresh
            return render(self, *args, **kwargs)
        memory = self.renderings[name]
        found = memory.get(args)
        return found if found is not None else memory.put(args, render(self, *args))

    return cast(F, remembered)


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


Encodings = tuple[list[orjson.Fragment | None], list[bytes | None], bytearray]
"""What a selection keeps per encoding: each run's fragment and bytes in the selection's order, and which are set."""


def encoded_items(
    runs: Selection[Any], start: int, stop: int, encode: Callable[[Any], bytes], *depends_on: Hashable
) -> Page:
    """`encode(run)` for each run of `runs[start:stop]`, as a `Page`.

    `runs` is a selection a view keeps (the same object for every page of it), which keeps the runs' bytes in its
    order; `encode` must depend only on the run, the view and `depends_on` (the flags), which key them. Each run
    of a selection is looked up once, so a page costs two slices whatever its size, and its bytes are copied once,
    when the reply is encoded.
    """
    found: Encodings | None = runs.memo.get(depends_on)
    if found is None:
        count = len(runs)
        found = ([None] * count, [None] * count, bytearray(count))
        runs.memo[depends_on] = found
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
