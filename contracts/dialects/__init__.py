"""The dialects the contract suite knows, by name: one description per vendor (see `base.Dialect`)."""

from contracts.dialects.aitasker import AITASKER
from contracts.dialects.b3os import B3OS
from contracts.dialects.base import Dialect
from contracts.dialects.cortex import CORTEX_V1, CORTEX_V2
from contracts.dialects.invent import INVENT

__all__ = ["DIALECTS", "Dialect"]

DIALECTS: dict[str, Dialect] = {dialect.name: dialect for dialect in (AITASKER, B3OS, CORTEX_V1, CORTEX_V2, INVENT)}
