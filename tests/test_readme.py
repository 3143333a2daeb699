"""The README stays true: its demo tokens, ids and curl commands are what the mock serves with seed 0."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from contracts.docs_site import REVIEW_COMMANDS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def curl_commands() -> list[list[str]]:
    """The curl commands of the demo block (the one the README says answers 200)."""
    block = README.split("With `make serve` running", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    joined = block.replace("\\\n", " ")
    return [shlex.split(line.strip())[1:] for line in joined.splitlines() if line.strip().startswith("curl ")]


def test_every_demo_token_and_id_in_the_readme_is_served(fixtures: dict[str, dict[str, object]]) -> None:
    for dialect, fixture in fixtures.items():
        rows = [line for line in README.splitlines() if line.startswith(f"| `{dialect}` | `{fixture['token']}` |")]
        assert len(rows) == 1, f"no demo row for {dialect} with its token"
        (row,) = rows
        params = fixture["params"]
        assert isinstance(params, dict)
        assert all(f"{name}={value}" in row for name, value in params.items())


def runs_in(body: object) -> list[object]:
    """The runs of a list answer: the body itself, or b3os' `data.items`."""
    if isinstance(body, dict):
        body = body["data"]["items"]
    assert isinstance(body, list)
    return body


def test_every_curl_in_the_readme_answers_200_with_runs(mock_url: str) -> None:
    commands = curl_commands()
    assert len(commands) >= 5
    for arguments in commands:
        url = next(argument for argument in arguments if argument.startswith("http://"))
        header = arguments[arguments.index("-H") + 1]
        name, _, value = header.partition(": ")
        parts = urlsplit(url)
        response = httpx.get(f"{mock_url}{parts.path}?{parts.query}", headers={name: value})
        assert response.status_code == 200, url
        assert runs_in(response.json()), f"{url} lists no runs"
        assert re.fullmatch(r"/[a-z0-9-]+/.*", parts.path)


def test_the_readme_names_the_review_commands_as_the_docs_index_does() -> None:
    for command, what in REVIEW_COMMANDS:
        assert f"- `{command}`: {what}\n" in README
