"""The proxy's listening socket, bound before anything else starts, so a port it cannot have is one line."""

from __future__ import annotations

import errno
import socket

__all__ = ["bound_socket", "reason"]


def bound_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to `host:port` as uvicorn binds one, or the `OSError` saying why it cannot be."""
    listening = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except OSError:
        listening.close()
        raise
    return listening


def reason(error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return "the port is already in use (choose another with --port)"
    if error.errno == errno.EADDRNOTAVAIL:
        return "no interface of this machine has that address (see --host)"
    if isinstance(error, socket.gaierror):
        return "no such host (see --host)"
    return error.strerror or str(error)
