"""The dialects the mock serves, by name: one module per vendor behind `Dialect`.

Each entry makes a new instance: an app makes its own, so what one dialect instance remembers (its renderings)
belongs to that app alone.
"""

from collections.abc import Callable, Mapping

from mock_server.dialects.aitasker import Aitasker
from mock_server.dialects.b3os import B3os
from mock_server.dialects.base import Dialect
from mock_server.dialects.cortex import cortex_v1, cortex_v2
from mock_server.dialects.invent import Invent

__all__ = ["DIALECTS", "Dialect"]

DIALECTS: Mapping[str, Callable[[], Dialect]] = {
    "aitasker": Aitasker,
    "b3os": B3os,
    "cortex-v1": cortex_v1,
    "cortex-v2": cortex_v2,
    "invent": Invent,
}
