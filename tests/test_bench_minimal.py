"""The floors of a start: one route through bare Starlette or Connexion, and a command line taking only a port."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from bench import minimal


def test_the_bare_route_answers_any_get_with_an_empty_json_list() -> None:
    with TestClient(minimal.bare_app()) as client:
        answer = client.get("/runs?limit=3")
    assert (answer.status_code, answer.headers["content-type"], answer.content) == (200, "application/json", b"[]")


def test_the_connexion_route_answers_a_get_with_an_empty_json_list() -> None:
    with TestClient(minimal.connexion_app()) as client:
        answer = client.get("/runs")
    assert (answer.status_code, answer.json()) == (200, [])


@pytest.mark.parametrize("argv", [[], ["--port"], ["--port", "x"], ["--host", "1"], ["--connexion"]])
def test_anything_but_a_port_is_refused_with_the_usage(argv: list[str]) -> None:
    with pytest.raises(SystemExit, match=re.escape(minimal.USAGE)):
        minimal.main(argv)
