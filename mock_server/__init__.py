"""A mock server for five vendors' list-workflow-runs APIs, served from their OpenAPI specs.

from mock_server import Settings, create_app
app = create_app(Settings(dialects=("b3os",), seed=7))   # an ASGI app
"""

import warnings

# Connexion imports starlette.testclient, which warns at import time unless httpx2 is installed; the mock never
# uses that client, so the warning would only clutter every start of the server.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")

from mock_server.app import Settings, create_app  # noqa: E402

__all__ = ["Settings", "create_app"]
