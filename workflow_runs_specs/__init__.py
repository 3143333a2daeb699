"""The hand-written OpenAPI documents, one per vendor dialect.

They ship inside the package, so a checkout and an installed wheel find them the same way::

    from specs import DIALECTS, spec_path
    spec_path("b3os")  # -> .../specs/b3os.yaml
"""

from pathlib import Path

__all__ = ["DIALECTS", "SPEC_DIRECTORY", "UnknownDialectError", "spec_path"]

SPEC_DIRECTORY = Path(__file__).resolve().parent

DIALECTS: tuple[str, ...] = ("aitasker", "b3os", "cortex-v1", "cortex-v2", "invent")


class UnknownDialectError(ValueError):
    """Raised for a dialect name that has no spec."""

    def __init__(self, dialect: str) -> None:
        super().__init__(f"unknown dialect {dialect!r}; choose one of: {', '.join(DIALECTS)}")
        self.dialect = dialect


def spec_path(dialect: str) -> Path:
    """Return the path of the OpenAPI document of `dialect`."""
    if dialect not in DIALECTS:
        raise UnknownDialectError(dialect)
    return SPEC_DIRECTORY / f"{dialect}.yaml"
