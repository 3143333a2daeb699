"""Running the mock inside a test process, and a client for its controls.

    from mock_server import Settings
    from mock_server.testing import running_mock

    with running_mock(Settings(dialects=("b3os",), clock_speed=0)) as mock:
        mock.add_run("b3os", status="running")
        answer = mock.get("b3os", {"limit": 5})
        mock.advance(600)
        assert mock.requests("b3os")[-1]["query"] == "limit=5"

The pytest plugin (`mock_server.pytest_plugin`) wraps this as the `workflow_runs_mock` fixture.
"""

from __future__ import annotations

import dataclasses
import secrets
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn
import yaml

from mock_server.app import MockApp, Settings
from workflow_runs_specs.reader import Spec


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(app: Any, *, startup_timeout: float = 20.0) -> Iterator[str]:
    """Serve an ASGI app on 127.0.0.1 at a free port in a background thread; yield its base URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="error", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


class MockClient:
    """The base URL of a running mock, its demo fixtures, and its admin controls."""

    def __init__(self, base_url: str, settings: Settings) -> None:
        self.base_url = base_url
        self.settings = settings
        self.http = httpx.Client(base_url=base_url, timeout=30)
        self.templates = {dialect: Spec.of_dialect(dialect).list_runs().path for dialect in settings.dialects}

    def url(self, dialect: str) -> str:
        """Where `dialect` is served (what a frontend's API base URL should be)."""
        return self.base_url + (f"/{dialect}" if self.settings.mounted else "")

    @property
    def fixtures(self) -> dict[str, Any]:
        answer: dict[str, Any] = self.checked(self.http.get("/__mock__/fixtures"))
        return answer

    def get(self, dialect: str, query: Mapping[str, Any] | None = None, **params: str) -> httpx.Response:
        """List the runs of `dialect`'s demo data (or of `params`) with its demo token."""
        fixture = self.fixtures[dialect]
        path = self.templates[dialect].format(**{**fixture["params"], **params})
        token = fixture["token"] if "token" in fixture else self.settings.tokens[0]  # demo tokens off
        headers = {"Authorization": f"Bearer {token}"}
        return httpx.get(self.url(dialect) + path, params=dict(query or {}), headers=headers, timeout=30)

    # --- admin controls ----------------------------------------------------------------------------------
    def reset(self, seed: int | None = None) -> dict[str, Any]:
        return self.admin("POST", "reset", {} if seed is None else {"seed": seed})

    def advance(self, seconds: float) -> dict[str, Any]:
        return self.admin("POST", "clock", {"advance": seconds})

    def set_speed(self, speed: float) -> dict[str, Any]:
        return self.admin("POST", "clock", {"speed": speed})

    def load_scenario(self, scenario: Mapping[str, Any] | str | Path) -> dict[str, Any]:
        """Load a scenario: a mapping, YAML text, or the path of a YAML file."""
        if isinstance(scenario, Path):
            text = scenario.read_text(encoding="utf-8")
        elif isinstance(scenario, str):
            text = scenario
        else:
            text = yaml.safe_dump(dict(scenario))
        return self.checked(self.http.post("/__mock__/scenario", content=text.encode(), headers=self.admin_headers))

    def add_run(self, dialect: str, status: str, **fields: str) -> dict[str, Any]:
        return self.admin("POST", "runs", {"dialect": dialect, "status": status, **fields})

    def requests(self, dialect: str | None = None) -> list[dict[str, Any]]:
        params = {} if dialect is None else {"dialect": dialect}
        answer = self.checked(self.http.get("/__mock__/requests", params=params, headers=self.admin_headers))
        entries: list[dict[str, Any]] = answer["requests"]
        return entries

    def clear_requests(self) -> None:
        self.http.delete("/__mock__/requests", headers=self.admin_headers).raise_for_status()

    @property
    def admin_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.settings.admin_token}"}

    def admin(self, method: str, route: str, body: Mapping[str, Any]) -> dict[str, Any]:
        response = self.http.request(method, f"/__mock__/{route}", json=dict(body), headers=self.admin_headers)
        return self.checked(response)

    @staticmethod
    def checked(response: httpx.Response) -> dict[str, Any]:
        if response.is_error:
            raise AssertionError(f"{response.request.method} {response.request.url.path}: {response.text}")
        body: dict[str, Any] = response.json()
        return body


@contextmanager
def running_mock(settings: Settings | None = None) -> Iterator[MockClient]:
    """Start the mock in this process (clock frozen and an admin token set unless `settings` say otherwise)."""
    settings = settings or Settings(clock_speed=0)
    if settings.admin_token is None:
        settings = dataclasses.replace(settings, admin_token=secrets.token_urlsafe(16))
    with serving(MockApp(settings).app) as base_url:
        client = MockClient(base_url, settings)
        try:
            yield client
        finally:
            client.http.close()
