"""The /__mock__ routes: fixtures are open; reset answers only to the admin token and is off without one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mock_server import Settings, create_app
from tests.servers import serving

ADMIN = "admin-secret-token"


@pytest.fixture(scope="module")
def admin_url() -> Iterator[str]:
    with serving(create_app(Settings(dialects=("b3os", "invent"), admin_token=ADMIN))) as url:
        yield url


def reset(url: str, token: str | None = ADMIN, **kwargs: Any) -> httpx.Response:
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    return httpx.post(f"{url}/__mock__/reset", headers=headers, **kwargs)


def test_reset_is_off_without_an_admin_token(mock_url: str, fixtures: dict[str, Any]) -> None:
    response = reset(mock_url, token="anything", json={"seed": 5})
    assert response.status_code == 403
    assert "--admin-token" in response.json()["message"]
    assert httpx.get(f"{mock_url}/__mock__/fixtures").json() == fixtures


@pytest.mark.parametrize("token", [None, "wrong-token", "aitk_test_mockdemo0000000000"])
def test_reset_refuses_anything_but_the_admin_token(admin_url: str, token: str | None) -> None:
    response = reset(admin_url, token=token)
    assert response.status_code == 401
    assert set(response.json()) == {"message"}


def test_fixtures_are_readable_without_any_token(admin_url: str) -> None:
    assert set(httpx.get(f"{admin_url}/__mock__/fixtures").json()) == {"b3os", "invent"}


def test_reset_to_another_seed_replaces_the_data_and_back_restores_it(admin_url: str) -> None:
    before = httpx.get(f"{admin_url}/__mock__/fixtures").json()
    b3os = before["b3os"]
    url = f"{admin_url}/b3os/v1/workflows/{b3os['params']['id']}/runs"
    headers = {"Authorization": f"Bearer {b3os['token']}"}
    original = httpx.get(url, headers=headers).content

    moved = reset(admin_url, json={"seed": 42})
    assert moved.status_code == 200
    assert moved.json()["seed"] == 42
    after = httpx.get(f"{admin_url}/__mock__/fixtures").json()
    assert after != before
    assert httpx.get(url, headers=headers).status_code == 404  # that workflow is not in seed 42's data

    assert reset(admin_url, json={"seed": 0}).json()["fixtures"] == before
    assert httpx.get(url, headers=headers).content == original


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"not json", id="not-json"),
        pytest.param(b'{"seed": "seven"}', id="seed-not-an-integer"),
        pytest.param(b'{"seed": true}', id="seed-boolean"),
        pytest.param(b'{"sede": 7}', id="unknown-field"),
        pytest.param(b"[7]", id="not-an-object"),
        pytest.param(b"{" + b" " * 70_000 + b"}", id="oversized"),
    ],
)
def test_a_bad_reset_body_is_a_400_naming_what_to_send(admin_url: str, body: bytes) -> None:
    response = reset(admin_url, content=body)
    assert response.status_code == 400
    assert response.json()["message"]


def test_reset_only_accepts_post(admin_url: str) -> None:
    response = httpx.get(f"{admin_url}/__mock__/reset", headers={"Authorization": f"Bearer {ADMIN}"})
    assert response.status_code == 405
