"""The dialects the mock serves, by name: one module per vendor behind `Dialect`."""

from mock_server.dialects.aitasker import AITASKER
from mock_server.dialects.b3os import B3OS
from mock_server.dialects.base import Dialect
from mock_server.dialects.cortex import CORTEX_V1, CORTEX_V2
from mock_server.dialects.invent import INVENT

__all__ = ["DIALECTS", "Dialect"]

DIALECTS: dict[str, Dialect] = {dialect.name: dialect for dialect in (AITASKER, B3OS, CORTEX_V1, CORTEX_V2, INVENT)}
