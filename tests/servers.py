"""Run an ASGI app on a real loopback socket in a background thread, for tests that need a live server."""

from mock_server.testing import free_port, serving

__all__ = ["free_port", "serving"]
