"""A request's header read from the ASGI scope: the first of that name, or None."""

from __future__ import annotations

from mock_server.web.request_headers import first_header


def test_the_first_header_of_the_name_is_read() -> None:
    scope = {"headers": [(b"accept", b"*/*"), (b"prefer", b"code=404"), (b"prefer", b"code=500")]}
    assert first_header(scope, b"prefer") == b"code=404"


def test_a_request_without_the_header_reads_none() -> None:
    assert first_header({"headers": [(b"accept", b"*/*")]}, b"origin") is None
    assert first_header({"headers": []}, b"origin") is None
