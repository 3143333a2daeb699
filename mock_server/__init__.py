"""A mock server for five vendors' list-workflow-runs APIs, served from their OpenAPI specs.

from mock_server import Settings, create_app
app = create_app(Settings(dialects=("b3os",), seed=7))   # an ASGI app
"""

from mock_server.app import Settings, create_app

__all__ = ["Settings", "create_app"]
