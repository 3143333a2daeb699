"""Each operation of a spec is served by its dialect's handler for it; an operation without one stops the start."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mock_server import Settings, create_app
from mock_server.app import MockApp
from mock_server.dialects import DIALECTS
from mock_server.web.operations import UnhandledOperationError, handled_operations
from tests.dialect_client import but_request_id
from workflow_runs_specs import spec_path
from workflow_runs_specs.reader import Spec

ROOT = Path(__file__).resolve().parent.parent


def with_second_operation(directory: Path) -> Path:
    """A copy of the specs where b3os also documents `GET /v1/workflows/{id}/runs/{run_id}` (getWorkflowRun)."""
    for dialect in DIALECTS:
        shutil.copy(spec_path(dialect), directory / f"{dialect}.yaml")
    document = yaml.safe_load(spec_path("b3os").read_text(encoding="utf-8"))
    listing = document["paths"]["/v1/workflows/{id}/runs"]["get"]
    run_id = {"name": "run_id", "in": "path", "required": True, "schema": {"type": "string"}}
    one_run = {**listing, "operationId": "getWorkflowRun", "parameters": [*listing["parameters"][:1], run_id]}
    document["paths"]["/v1/workflows/{id}/runs/{run_id}"] = {"get": one_run}
    (directory / "b3os.yaml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return directory


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_operation_of_each_spec_has_a_handler_in_its_dialect(dialect: str) -> None:
    operations = handled_operations(dialect, Spec.of_dialect(dialect), DIALECTS[dialect]().handlers())
    assert set(operations) == set(DIALECTS[dialect]().handlers())


def test_an_operation_the_mock_does_not_implement_stops_the_start_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("workflow_runs_specs.SPEC_DIRECTORY", with_second_operation(tmp_path))
    with pytest.raises(UnhandledOperationError) as refused:
        create_app(Settings(dialects=("b3os",)))
    message = str(refused.value)
    assert message == (
        "b3os: the spec's operation getWorkflowRun (GET /v1/workflows/{id}/runs/{run_id}) has no handler in the mock"
    )


def test_an_operation_without_an_operation_id_stops_the_start_naming_its_path() -> None:
    document = yaml.safe_load(spec_path("b3os").read_text(encoding="utf-8"))
    del document["paths"]["/v1/workflows/{id}/runs"]["get"]["operationId"]
    with pytest.raises(UnhandledOperationError, match=r"^b3os: the spec's operation GET /v1/workflows/\{id\}/runs "):
        handled_operations("b3os", Spec(document), DIALECTS["b3os"]().handlers())


def test_the_command_refuses_to_start_in_one_line_when_a_spec_operation_has_no_handler(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    specs = with_second_operation(tmp_path / "specs")
    script = (
        "import sys, workflow_runs_specs; from pathlib import Path;"
        f"workflow_runs_specs.SPEC_DIRECTORY = Path({str(specs)!r});"
        "from mock_server.cli import main; sys.exit(main(['--dialect', 'b3os', '--port', '1']))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "python -m mock_server: error: b3os: the spec's operation getWorkflowRun "
        "(GET /v1/workflows/{id}/runs/{run_id}) has no handler in the mock"
    ]


def test_with_several_workers_every_write_answers_the_documented_503_in_the_dialects_shape_and_reads_go_on() -> None:
    from starlette.testclient import TestClient

    with TestClient(create_app(Settings(dialects=("b3os",), workers=2, clock_speed=0))) as client:
        token = {"Authorization": f"Bearer {DIALECTS['b3os']().demo_token}"}
        workflow = client.get("/__mock__/fixtures").json()["b3os"]["params"]["id"]
        refused = client.post(f"/v1/workflows/{workflow}/run", json={}, headers=token)
        assert refused.status_code == 503
        assert refused.json()["code"] == 503
        assert "--state redis://HOST:PORT/DB" in refused.json()["message"]
        documented = Spec.of_dialect("b3os").document["components"]["responses"]["WritesOff"]
        example = documented["content"]["application/json"]["examples"]["writesOff"]["value"]
        assert {**refused.json(), "requestId": None} == {**example, "requestId": None}
        assert client.post(f"/v1/workflows/{workflow}/run", json={}).status_code == 401
        listed = client.get(f"/v1/workflows/{workflow}/runs", headers=token)
        assert listed.status_code == 200


def test_a_read_asked_for_again_is_kept_per_path_and_query_string_while_the_data_is_unchanged() -> None:
    from starlette.testclient import TestClient

    mock = MockApp(Settings(dialects=("b3os",), clock_speed=0))
    replies = mock.mounts["b3os"].replies
    token = {"Authorization": f"Bearer {DIALECTS['b3os']().demo_token}", "Prefer": "delay=0"}  # past the memory
    with TestClient(mock.app) as client:
        workflow = client.get("/__mock__/fixtures").json()["b3os"]["params"]["id"]
        first = client.get(f"/v1/workflows/{workflow}/runs?limit=3", headers=token)
        assert len(replies) == 0
        again = [client.get(f"/v1/workflows/{workflow}/runs?limit=3", headers=token) for _ in range(2)]
        assert len(replies) == 1
        other = [client.get(f"/v1/workflows/{workflow}/runs?limit=3&offset=1", headers=token) for _ in range(2)]
        assert len(replies) == 2
    firsts, others = (
        [but_request_id(answer.json()) for answer in (first, *again)],
        [but_request_id(o.json()) for o in other],
    )
    assert firsts[0] == firsts[1] == firsts[2] != others[0] == others[1]
