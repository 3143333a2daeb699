"""The server's logging: uvicorn's configuration, with the line per request (`web/console.py`) on stdout, silenced
by `--quiet`, and uvicorn's bare `Invalid HTTP request received.` rewritten to say what it means."""

from __future__ import annotations

import copy
import logging
from typing import Any

from uvicorn.config import LOGGING_CONFIG

from mock_server.web.console import REQUESTS_LOGGER

INVALID_REQUEST = "Invalid HTTP request received."
INVALID_REQUEST_EXPLAINED = (
    "a connection sent bytes that are not an HTTP/1.1 request and was answered 400: usually an https:// address "
    "for this http:// server (or a browser upgrading to HTTPS), or a client speaking HTTP/2 or another protocol"
)


class ExplainInvalidRequests(logging.Filter):
    """Rewrites uvicorn's `Invalid HTTP request received.` into what it means for a user of the mock."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == INVALID_REQUEST:
            record.msg, record.args = INVALID_REQUEST_EXPLAINED, ()
        return True


def logging_config(quiet: bool) -> dict[str, Any]:
    """uvicorn's logging configuration, with the line per request on stdout (warnings only when `quiet`)."""
    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"explain": {"()": ExplainInvalidRequests}}
    config["formatters"]["requests"] = {"format": "%(asctime)s %(message)s", "datefmt": "%H:%M:%S"}
    config["handlers"]["requests"] = {
        "formatter": "requests",
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stdout",
    }
    config["loggers"]["uvicorn.error"] = {**config["loggers"].get("uvicorn.error", {}), "filters": ["explain"]}
    config["loggers"][REQUESTS_LOGGER] = {
        "handlers": ["requests"],
        "level": "WARNING" if quiet else "INFO",
        "propagate": False,
    }
    return config
