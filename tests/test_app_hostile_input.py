"""Hostile and malformed input, sent as raw bytes to a real server on loopback, dialect by dialect.

Every answer must be a documented status (a 4xx the spec lists, a correct 2xx, or 405 with `Allow`) in the
dialect's own shape, must not leak a stack trace or an internal path, and the server must keep serving.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from typing import Any

import pytest

from tests.spec_support import list_operation, response_schema, schema_errors
from workflow_runs_specs import DIALECTS

LEAKS = ("Traceback", 'File "', "site-packages", "/work/", ".py", "Exception")


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def send_raw(base_url: str, request: bytes) -> Answer:
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=15) as connection:
        connection.sendall(request)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return Answer(int(status_line.split()[1]), headers, body)


def request(target: str, *, method: str = "GET", headers: dict[str, str] | None = None, body: bytes = b"") -> bytes:
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


# (id, method, target template, extra headers, body, use the token). `{list}` is the demo list path.
CASES: list[tuple[str, str, str, dict[str, str], bytes, bool]] = [
    ("baseline", "GET", "{list}", {}, b"", True),
    ("empty-query", "GET", "{list}?", {}, b"", True),
    ("only-separators", "GET", "{list}?&&&", {}, b"", True),
    ("empty-parameter-name", "GET", "{list}?=value", {}, b"", True),
    ("lone-percent", "GET", "{list}?%", {}, b"", True),
    ("bad-percent-escape", "GET", "{list}?%ZZ=1", {}, b"", True),
    ("non-utf8-name", "GET", "{list}?%FF%FE=1", {}, b"", True),
    ("non-utf8-value", "GET", "{list}?status=%C3%28", {}, b"", True),
    ("nul-in-value", "GET", "{list}?status=%00", {}, b"", True),
    ("crlf-in-value", "GET", "{list}?status=%0D%0AX-Injected:%201", {}, b"", True),
    ("control-characters", "GET", "{list}?status=%01%02%1B%7F", {}, b"", True),
    ("unicode-value", "GET", "{list}?status=%C3%BCn%C3%AFc%C3%B8de", {}, b"", True),
    ("repeated-parameter", "GET", "{list}?{paging}=5&{paging}=6", {}, b"", True),
    ("many-parameters", "GET", "{list}?" + "&".join(f"p{i}=1" for i in range(500)), {}, b"", True),
    ("oversized-query", "GET", "{list}?q=" + "A" * 20_000, {}, b"", True),
    ("word-for-number", "GET", "{list}?{paging}=abc", {}, b"", True),
    ("exponent-number", "GET", "{list}?{paging}=1e3", {}, b"", True),
    ("hex-number", "GET", "{list}?{paging}=0x10", {}, b"", True),
    ("signed-number", "GET", "{list}?{paging}=%2B5", {}, b"", True),
    ("spaced-number", "GET", "{list}?{paging}=%205", {}, b"", True),
    ("negative-number", "GET", "{list}?{paging}=-1", {}, b"", True),
    ("huge-number", "GET", "{list}?{paging}=" + "9" * 30, {}, b"", True),
    ("enormous-number", "GET", "{list}?{paging}=" + "9" * 5000, {}, b"", True),
    ("dot-dot-segments", "GET", "{prefix}/../../__mock__/fixtures/../{list_tail}", {}, b"", True),
    ("dot-dot-as-id", "GET", "{list_with_dotdot}", {}, b"", True),
    ("encoded-dot-dot", "GET", "{list_with_encoded_dotdot}", {}, b"", True),
    ("encoded-slash-in-id", "GET", "{list_with_encoded_slash}", {}, b"", True),
    ("nul-in-path", "GET", "{list_with_nul}", {}, b"", True),
    ("double-slashes", "GET", "{prefix}//{list_tail}", {}, b"", True),
    ("trailing-slash", "GET", "{list}/", {}, b"", True),
    ("very-long-token", "GET", "{list}", {"Authorization": "Bearer " + "x" * 20_000}, b"", False),
    ("token-with-non-ascii", "GET", "{list}", {"Authorization": "Bearer t\xe9st"}, b"", False),
    ("basic-credentials", "GET", "{list}", {"Authorization": "Basic dXNlcjpwYXNz"}, b"", False),
    ("bearer-without-token", "GET", "{list}", {"Authorization": "Bearer "}, b"", False),
    ("delete-method", "DELETE", "{list}", {}, b"", True),
    ("put-with-json", "PUT", "{list}", {"Content-Type": "application/json"}, b'{"a":1}', True),
    ("post-with-xml", "POST", "{list}", {"Content-Type": "application/xml"}, b"<a/>", True),
    ("patch-method", "PATCH", "{list}", {}, b"", True),
    ("webdav-method", "PROPFIND", "{list}", {}, b"", True),
    ("get-with-form-body", "GET", "{list}", {"Content-Type": "application/x-www-form-urlencoded"}, b"a=1", True),
    ("accept-xml", "GET", "{list}", {"Accept": "application/xml"}, b"", True),
    ("head", "HEAD", "{list}", {}, b"", True),
    ("options-without-origin", "OPTIONS", "{list}", {}, b"", True),
    ("malformed-prefer", "GET", "{list}", {"Prefer": "delay=-1"}, b"", True),
    ("many-headers", "GET", "{list}", {f"X-Header-{i}": "v" for i in range(100)}, b"", True),
]
PAGING = {"aitasker": "page", "b3os": "limit", "cortex-v1": "take", "cortex-v2": "take", "invent": "take"}


def targets(dialect: str, params: dict[str, str]) -> dict[str, str]:
    template, _ = list_operation(dialect)
    first = next(iter(params))
    prefix = f"/{dialect}"
    return {
        "prefix": prefix,
        "list": prefix + template.format(**params),
        "list_tail": template.format(**params).lstrip("/"),
        "list_with_dotdot": prefix + template.format(**{**params, first: ".."}),
        "list_with_encoded_dotdot": prefix + template.format(**{**params, first: "%2e%2e"}),
        "list_with_encoded_slash": prefix + template.format(**{**params, first: "a%2F..%2Fb"}),
        "list_with_nul": prefix + template.format(**{**params, first: "a%00b"}),
        "paging": PAGING[dialect],
    }


def error_schema_of(dialect: str, status: int) -> dict[str, Any]:
    """The schema an answer with `status` must match: its own, or for 405 the shape of the dialect's 401."""
    _, operation = list_operation(dialect)
    documented = str(status) if str(status) in operation["responses"] else "401"
    return response_schema(dialect, documented)


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
@pytest.mark.parametrize("dialect", DIALECTS)
def test_hostile_input_gets_a_documented_answer_in_the_dialect_shape(
    mock_url: str, fixtures: dict[str, Any], dialect: str, case: tuple[str, str, str, dict[str, str], bytes, bool]
) -> None:
    name, method, target, headers, body, with_token = case
    fixture = fixtures[dialect]
    if with_token:
        headers = {"Authorization": f"Bearer {fixture['token']}", **headers}
    answer = send_raw(
        mock_url,
        request(target.format(**targets(dialect, fixture["params"])), method=method, headers=headers, body=body),
    )

    _, operation = list_operation(dialect)
    documented = {int(code) for code in operation["responses"]}
    assert answer.status in documented | {405}, (name, answer.status, answer.body[:300])
    if answer.status == 405:
        assert "GET" in answer.headers["allow"]
    if method != "HEAD" and answer.body:
        assert answer.headers["content-type"].startswith("application/json")
        errors = schema_errors(dialect, error_schema_of(dialect, answer.status), _json(answer.body))
        assert not errors, (name, errors)
    text = answer.body.decode("utf-8", errors="replace")
    assert not [leak for leak in LEAKS if leak in text], (name, text[:300])
    assert "x-injected" not in answer.headers

    still_serving = send_raw(
        mock_url,
        request(targets(dialect, fixture["params"])["list"], headers={"Authorization": f"Bearer {fixture['token']}"}),
    )
    assert still_serving.status == 200


def _json(body: bytes) -> Any:
    import json

    return json.loads(body)
