"""Where the hand-written OpenAPI documents are, one per vendor dialect; `reader` reads them.

The only package both `mock_server` and `contracts` import. A checkout keeps the documents in its top-level
`specs/` folder; an installed wheel has them as `workflow_runs_specs/documents/`. Both are found the same way::

    from workflow_runs_specs import DIALECTS, spec_path
    spec_path("b3os")  # -> .../specs/b3os.yaml
"""

from pathlib import Path

__all__ = ["DIALECTS", "SPEC_DIRECTORY", "UnknownDialectError", "spec_path"]

_PACKAGE = Path(__file__).resolve().parent
# Installed (pyproject.toml maps specs/ to workflow_runs_specs.documents), or a checkout, editable installs too.
SPEC_DIRECTORY = _PACKAGE / "documents" if (_PACKAGE / "documents").is_dir() else _PACKAGE.parent / "specs"

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
