"""The bench's never-seen requests: distinct, valid, and answered 200 by the mock serving the bench's scenario."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from bench import queries
from mock_server.app import Settings, create_app
from mock_server.dialects import DIALECTS

SAMPLE = 40


@pytest.mark.slow
@pytest.mark.parametrize("dialect", list(DIALECTS))
def test_never_seen_requests_are_distinct_more_than_the_caches_hold_and_all_answered_200(
    dialect: str, tmp_path: Path
) -> None:
    scenario = queries.demo_scenario(tmp_path, dialect)
    app = create_app(Settings(dialects=(dialect,), scenario=str(scenario)))
    with TestClient(app) as client:
        fixture = client.get("/__mock__/fixtures").json()[dialect]
        headers = {"Authorization": f"Bearer {fixture['token']}"}
        for operation in queries.read_operations(dialect):
            paths = queries.never_seen_paths(operation, fixture["params"], dialect)
            if not operation.query_parameters and operation.name == "list":
                assert paths == []  # a list without a query has nothing to vary
                continue
            assert len(set(paths)) == len(paths) > 2048
            for path in paths[:: len(paths) // SAMPLE]:
                answer = client.get(path, headers=headers)
                assert answer.status_code == 200, (path, answer.text[:200])


def test_the_wrk_script_cycles_through_every_path(tmp_path: Path) -> None:
    script = queries.wrk_script(["/a?x=1", "/b"], tmp_path / "s.lua").read_text()
    assert '"/a?x=1",\n"/b"' in script
    assert "i = i % #paths + 1" in script
