"""Keeping the token out of output: commands name its variable and work in a shell; other text masks it."""

from __future__ import annotations

import subprocess

import httpx
import pytest

from contracts.core.redaction import MASK, Secret
from contracts.http.client import Exchange

TOKEN = "b3sk_live_it's$a\"secret`"


def arguments_seen_by_the_shell(line: str, environment: dict[str, str]) -> list[str]:
    shown = subprocess.run(
        ["bash", "-c", f"printf '%s\\n' {line}"], env=environment, capture_output=True, text=True, check=True
    )
    return shown.stdout.splitlines()


def test_a_command_names_the_variable_and_the_shell_puts_the_token_back() -> None:
    secret = Secret(TOKEN, "B3OS_TOKEN")

    line = secret.command(["-H", f"Authorization: Bearer {TOKEN}", "-H", f"X-Echo: {TOKEN}suffix", "http://x/?a=1&b"])

    assert "secret" not in line
    assert '"Authorization: Bearer $B3OS_TOKEN"' in line
    assert '"X-Echo: ${B3OS_TOKEN}suffix"' in line
    assert arguments_seen_by_the_shell(line, {"B3OS_TOKEN": TOKEN}) == [
        "-H",
        f"Authorization: Bearer {TOKEN}",
        "-H",
        f"X-Echo: {TOKEN}suffix",
        "http://x/?a=1&b",
    ]


def test_a_command_written_by_someone_else_is_requoted_to_read_the_variable() -> None:
    secret = Secret("b3sk_live_abcdefgh", "CONTRACTS_TOKEN")
    line = "curl -X GET -H 'Authorization: Bearer b3sk_live_abcdefgh' \\\n  'http://x/runs?limit=1'"

    requoted = secret.shell_line(line)

    assert requoted == "curl -X GET -H \"Authorization: Bearer $CONTRACTS_TOKEN\" 'http://x/runs?limit=1'"


@pytest.mark.parametrize(
    ("token", "text", "masked"),
    [
        pytest.param("b3sk_live_abcdefgh", "x b3sk_live_abcdefghij", f"x {MASK}ij", id="long-token-everywhere"),
        pytest.param("t", "http://t/ Bearer t", f"http://{MASK}/ Bearer {MASK}", id="short-token-standing-alone"),
        pytest.param(None, "Bearer anything", "Bearer anything", id="no-token"),
    ],
)
def test_text_has_the_token_masked(token: str | None, text: str, masked: str) -> None:
    assert Secret(token).redact(text) == masked


def test_the_token_is_not_in_the_repr_of_a_secret_or_an_exchange() -> None:
    secret = Secret("b3sk_live_abcdefgh", "B3OS_TOKEN")
    headers = {"Authorization": "Bearer b3sk_live_abcdefgh"}
    exchange = Exchange("http://x", headers, 200, httpx.Headers(), b"[]", secret)

    assert "abcdefgh" not in repr(secret) + repr(exchange)
