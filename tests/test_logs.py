"""The server's logging configuration: the line per request at INFO on stdout, or silenced, and uvicorn's bare
warning about bytes that are not HTTP rewritten to say what it means."""

from __future__ import annotations

import logging

import pytest

from mock_server.logs import INVALID_REQUEST, INVALID_REQUEST_EXPLAINED, ExplainInvalidRequests, logging_config
from mock_server.web.console import REQUESTS_LOGGER


@pytest.mark.parametrize(("quiet", "level"), [(False, "INFO"), (True, "WARNING")])
def test_quiet_raises_the_request_lines_to_warnings_only(quiet: bool, level: str) -> None:
    config = logging_config(quiet=quiet)
    assert config["loggers"][REQUESTS_LOGGER]["level"] == level
    assert config["handlers"]["requests"]["stream"] == "ext://sys.stdout"


def test_uvicorns_invalid_request_warning_is_explained_and_others_pass_unchanged() -> None:
    explain = ExplainInvalidRequests()
    invalid = logging.LogRecord("uvicorn.error", logging.WARNING, __file__, 1, INVALID_REQUEST, (), None)
    other = logging.LogRecord("uvicorn.error", logging.WARNING, __file__, 1, "other %s", ("thing",), None)
    assert explain.filter(invalid)
    assert explain.filter(other)
    assert invalid.getMessage() == INVALID_REQUEST_EXPLAINED
    assert other.getMessage() == "other thing"
    assert logging_config(quiet=False)["loggers"]["uvicorn.error"]["filters"] == ["explain"]
