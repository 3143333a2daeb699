"""The proxy forwards transparently: what a client gets through it is what it gets from the upstream, byte for
byte (status, headers but the hop-by-hop ones and Date, bodies), a failing upstream answers 502 with one line,
and a body over the limit passes through whole, counted unjudged."""

from __future__ import annotations

import dataclasses
from typing import Any

import httpx
from starlette.types import Receive, Scope, Send

from tests.dialect_client import masked_request_id
from tests.proxy_support import proxying
from tests.scripted_client import Reply, ScriptedClient
from tests.servers import free_port, serving

DIALECTS = ("aitasker", "b3os", "cortex-v2", "invent")


def test_the_clients_answers_are_byte_identical_with_and_without_the_proxy(
    mock_url: str, fixtures: dict[str, Any]
) -> None:
    for dialect in DIALECTS:
        # Read-only traffic: the writes of one run would change what the other reads.
        direct = ScriptedClient(f"{mock_url}/{dialect}", dialect, fixtures[dialect], writes=False, mistakes=True)
        with proxying(dialect, f"{mock_url}/{dialect}") as running:
            proxied = ScriptedClient(running.url, dialect, fixtures[dialect], writes=False, mistakes=True).run()
        # b3os names each answer with a request id of its own: the two runs' answers are alike but for it.
        assert unnamed(proxied) == unnamed(direct.run()), dialect


def unnamed(replies: list[Reply]) -> list[Reply]:
    return [dataclasses.replace(reply, body=masked_request_id(reply.body)) for reply in replies]


async def echo_headers(scope: Scope, receive: Receive, send: Send) -> None:
    """An upstream that answers the headers it got, and sends two Set-Cookie headers and hop-by-hop ones."""
    if scope["type"] != "http":
        return
    body = "\n".join(f"{name.decode()}: {value.decode()}" for name, value in scope["headers"]).encode()
    headers = [
        (b"Set-Cookie", b"a=1"),
        (b"X-Custom", b"kept"),
        (b"Set-Cookie", b"b=2"),
        (b"Connection", b"keep-alive, X-Private"),
        (b"X-Private", b"hop"),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": 207, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def test_hop_by_hop_headers_stay_behind_and_every_other_header_keeps_its_order_and_repeats() -> None:
    with serving(echo_headers) as upstream, proxying("b3os", upstream) as running:
        answer = httpx.get(
            f"{running.url}/v1/anything?x=1",
            headers=[("X-One", "1"), ("X-One", "2"), ("Connection", "X-Secret"), ("X-Secret", "s"), ("TE", "trailers")],
        )

    assert answer.status_code == 207
    assert answer.headers.get_list("set-cookie") == ["a=1", "b=2"]
    assert answer.headers["x-custom"] == "kept"
    assert "x-private" not in answer.headers
    received = answer.text.splitlines()
    assert [line for line in received if line.startswith("x-one")] == ["x-one: 1", "x-one: 2"]
    assert not any(line.startswith(("x-secret", "te:", "connection")) for line in received)
    assert f"host: {upstream.removeprefix('http://')}" in received


def test_an_upstream_that_does_not_answer_gets_the_client_a_502_with_one_line() -> None:
    upstream = f"http://127.0.0.1:{free_port()}"
    with proxying("b3os", upstream) as running:
        answer = httpx.get(f"{running.url}/v1/workflows/wf_1/runs")
        running.finish()

    assert answer.status_code == 502
    assert answer.text.startswith(f"proxy: the upstream {upstream} failed: ")
    assert answer.text.count("\n") == 1
    assert running.proxy.tally.upstream_failed == 1
    assert running.proxy.tally.judged == 0


def test_a_body_over_the_limit_passes_whole_and_is_counted_unjudged(mock_url: str, fixtures: dict[str, Any]) -> None:
    fixture = fixtures["b3os"]
    path = f"/v1/workflows/{fixture['params']['id']}/runs?limit=50"
    headers = {"Authorization": f"Bearer {fixture['token']}"}
    direct = httpx.get(f"{mock_url}/b3os{path}", headers=headers)
    with proxying("b3os", f"{mock_url}/b3os", max_body=1000) as running:
        answer = httpx.get(f"{running.url}{path}", headers=headers)
        running.finish()

    assert len(direct.content) > 1000
    assert masked_request_id(answer.content) == masked_request_id(direct.content)
    assert running.proxy.tally.too_large == 1
    assert running.proxy.tally.judged == 0


def test_a_credential_of_any_scheme_stays_out_of_the_violation_line(mock_url: str) -> None:
    with proxying("b3os", f"{mock_url}/b3os") as running:
        httpx.get(f"{running.url}/v1/runs/run_1", headers={"Authorization": "Basic c2VjcmV0LXZhbHVl"})
        running.finish()

    console = running.console.getvalue()
    assert "request_as_documented" in console
    assert "c2VjcmV0LXZhbHVl" not in console
    assert '"Authorization: Bearer $CONTRACTS_TOKEN"' in console
