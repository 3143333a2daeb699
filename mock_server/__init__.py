"""A mock server for five vendors' list-workflow-runs APIs, served from their OpenAPI specs.

from mock_server import Settings, create_app
app = create_app(Settings(dialects=("b3os",), seed=7))   # an ASGI app

`Settings` and `create_app` are imported on first use, so importing a light module of the package (the pytest
plugin) does not load Connexion.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

# Connexion imports starlette.testclient, which warns at import time unless httpx2 is installed; the mock never
# uses that client, so the warning would only clutter every start of the server.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")

if TYPE_CHECKING:
    from mock_server.app import Settings, create_app

__all__ = ["Settings", "create_app"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from mock_server import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
