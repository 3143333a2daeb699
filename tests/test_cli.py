"""`python -m mock_server`: options, one-line errors, and a real process serving what it announces."""

from __future__ import annotations

import gc
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import yaml

from mock_server.banner import exposure
from mock_server.cli import SETTLED_THRESHOLD, collection_paused, parser, settings_from
from mock_server.dialects import DIALECTS as DIALECT_MODULES
from tests.servers import free_port
from workflow_runs_specs import DIALECTS

ROOT = Path(__file__).resolve().parents[1]
PROCESSES: list[subprocess.Popen[str]] = []
"""The servers `running` started, newest last, so a test can signal its own."""


def run_cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mock_server", *arguments], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.slow
def test_help_explains_every_option() -> None:
    help_text = run_cli("--help").stdout
    for option in ("--dialect", "--host", "--port", "--seed", "--token", "--cors-origin", "--validate-responses"):
        assert option in help_text


def test_defaults_serve_every_dialect_on_loopback_with_seed_zero() -> None:
    arguments = parser().parse_args([])
    settings = settings_from(arguments)
    assert (arguments.host, arguments.port) == ("127.0.0.1", 8000)
    assert settings.dialects == tuple(DIALECTS)
    assert settings.seed == 0
    assert settings.cors_origins == ("*",)


def test_options_reach_the_settings() -> None:
    arguments = parser().parse_args(
        ["--dialect", "b3os", "--seed", "9", "--token", "a", "--token", "b", "--cors-origin", "http://x.test"]
    )
    settings = settings_from(arguments)
    assert (settings.dialects, settings.seed, settings.tokens) == (("b3os",), 9, ("a", "b"))
    assert settings.cors_origins == ("http://x.test",)
    assert settings.demo_tokens
    assert not settings_from(parser().parse_args(["--no-demo-tokens", "--token", "a"])).demo_tokens
    assert settings_from(parser().parse_args(["--request-log-capacity", "50000"])).request_log_capacity == 50_000


def test_a_token_bound_to_a_tenant_reaches_the_settings_apart_from_the_tokens_seeing_every_tenant() -> None:
    settings = settings_from(parser().parse_args(["--token", "a", "--token", "b=app_1", "--token", "c=="]))
    assert (settings.tokens, settings.bound_tokens) == (("a", "c=="), (("b", "app_1"),))
    assert not settings_from(parser().parse_args(["--no-demo-tokens", "--token", "b=app_1"])).demo_tokens


@pytest.mark.slow
def test_a_token_bound_to_a_tenant_no_dialect_has_is_one_line_and_exit_2_without_the_token() -> None:
    result = run_cli("--dialect", "b3os", "--token", "secret-value=acct_nobody")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "no served dialect has a tenant acct_nobody" in result.stderr
    assert "secret-value" not in result.stderr


@pytest.mark.parametrize(
    "origin", ["*", "http://localhost:3000", "https://app.example.com", "http://[::1]:8080", "capacitor://localhost"]
)
def test_an_origin_as_a_browser_sends_it_is_accepted(origin: str) -> None:
    assert settings_from(parser().parse_args(["--cors-origin", origin])).cors_origins == (origin,)


def test_version_prints_the_package_version() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    result = run_cli("--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"python -m mock_server {version}\n", "")


def test_a_busy_port_is_one_line_and_exit_2_before_any_banner() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("--port", str(port))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert f"cannot listen on 127.0.0.1:{port}: the port is already in use" in lines[0]


def spec_text_with_limit_in(location: str) -> str:
    document = yaml.safe_load((ROOT / "specs" / "b3os.yaml").read_text(encoding="utf-8"))
    document["components"]["parameters"]["Limit"]["in"] = location
    return yaml.safe_dump(document, sort_keys=False)


@pytest.mark.parametrize(
    ("broken", "complaint"),
    [
        (spec_text_with_limit_in("body"), "is not a valid OpenAPI 3.0 document at /components/parameters/Limit: "),
        ("openapi: [3.0.3\n", "is not YAML or JSON"),
    ],
    ids=["not OpenAPI", "not YAML"],
)
def test_a_spec_of_the_checkout_that_is_not_valid_is_one_line_and_exit_1(
    tmp_path: Path, broken: str, complaint: str
) -> None:
    for dialect in DIALECTS:
        (tmp_path / f"{dialect}.yaml").write_bytes((ROOT / "specs" / f"{dialect}.yaml").read_bytes())
    (tmp_path / "b3os.yaml").write_text(broken, encoding="utf-8")
    script = (
        "import sys, workflow_runs_specs; from pathlib import Path;"
        f"workflow_runs_specs.SPEC_DIRECTORY = Path({str(tmp_path)!r});"
        f"from mock_server.cli import main; sys.exit(main(['--dialect', 'b3os', '--port', '{free_port()}']))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 1
    assert done.stdout == ""
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("python -m mock_server: error: ")
    assert complaint in line
    assert str(tmp_path / "b3os.yaml") in line


def test_while_the_app_is_built_nothing_is_collected_then_what_was_built_is_frozen_and_collection_is_rarer() -> None:
    frozen, threshold = gc.get_freeze_count(), gc.get_threshold()
    try:
        with collection_paused():
            assert not gc.isenabled()
            built: list[list[int]] = [[] for _ in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(built)
        assert gc.get_threshold() == SETTLED_THRESHOLD != threshold
    finally:
        gc.unfreeze()  # back into the oldest generation, so the test process collects them again
        gc.set_threshold(*threshold)


def test_a_build_that_fails_freezes_nothing_and_leaves_collection_on() -> None:
    frozen = gc.get_freeze_count()
    with pytest.raises(ValueError, match="no app"), collection_paused():
        raise ValueError("no app")
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_python_m_mock_server_calls_main_with_collection_paused() -> None:
    script = (
        "import gc, runpy; import mock_server.cli as cli;"
        "cli.main = lambda: print(gc.isenabled()) or 0;"
        "runpy.run_module('mock_server', run_name='__main__')"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False"]


def test_a_redis_that_does_not_answer_at_start_is_one_line_and_exit_2_without_its_password() -> None:
    result = run_cli("--port", str(free_port()), "--state", f"redis://user:secret@127.0.0.1:{free_port()}/0")

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "--state: the Redis at 127.0.0.1:" in lines[0]
    assert "does not answer" in lines[0]
    assert "secret" not in result.stderr + result.stdout


@pytest.mark.slow
def test_two_workers_sharing_state_on_redis_accept_writes_and_each_reads_the_others(state: str) -> None:
    with running("--workers", "2", "--dialect", "b3os", "--state", state) as (base, _):
        fixture = httpx.get(f"{base}/__mock__/fixtures").json()["b3os"]
        headers = {"Authorization": f"Bearer {fixture['token']}"}
        statuses = []
        for _ in range(20):
            with httpx.Client(base_url=base, headers=headers) as writing, httpx.Client(base_url=base) as reading:
                made = writing.post(f"/v1/workflows/{fixture['params']['id']}/run", json={})
                assert made.status_code == 200, made.text
                read = reading.get(f"/v1/runs/{made.json()['data']['runId']}", headers=headers)
                statuses.append(read.status_code)
        workers = worker_count(PROCESSES[-1].pid)
    assert workers == 2
    assert statuses == [200] * 20


def test_the_banner_says_where_the_state_is_shared_and_that_writes_are_on(state: str) -> None:
    from mock_server.app import MockApp, Settings
    from mock_server.banner import banner

    shown = banner(MockApp(Settings(dialects=("b3os",), workers=2, state=state)), "127.0.0.1", 8000)

    assert f"  state      shared on {state} with every mock of seed 0 on it" in shown
    assert "writes" not in shown


def test_a_host_that_is_not_this_machine_is_one_line_and_exit_2() -> None:
    result = run_cli("--host", "192.0.2.1")  # TEST-NET-1: never an address of this machine
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "python -m mock_server: error: cannot listen on 192.0.2.1:8000: no interface of this machine has that "
        "address (see --host)"
    ]


def test_make_serve_takes_the_host_and_the_port() -> None:
    def serve_command(*variables: str) -> str:
        done = subprocess.run(
            ["make", "--dry-run", "--always-make", "serve", *variables],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            env={**os.environ, "HOST": "from-the-environment"},
        )
        (command,) = [line for line in done.stdout.splitlines() if "-m mock_server" in line]
        return command

    assert serve_command().endswith("-m mock_server --dialect all --host 127.0.0.1 --port 8000")
    assert serve_command("PORT=9000", "HOST=0.0.0.0").endswith("--host 0.0.0.0 --port 9000")


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [
        pytest.param(["--dialect", "cortex"], "invalid choice: 'cortex'", id="unknown-dialect"),
        pytest.param(["--port", "http"], "invalid int value", id="port-not-a-number"),
        pytest.param(["--port", "70000"], "--port must be between 1 and 65535", id="port-out-of-range"),
        pytest.param(["--seed"], "expected one argument", id="seed-without-value"),
        pytest.param(["--bogus"], "unrecognized arguments: --bogus", id="unknown-option"),
        pytest.param(["--workers", "0"], "--workers must be at least 1", id="no-workers"),
        pytest.param(["--request-log-capacity", "0"], "--request-log-capacity must be at least 1", id="no-request-log"),
        pytest.param(
            ["--workers", "2", "--admin-token", "x"], "--admin-token needs a single worker", id="admin-with-workers"
        ),
        pytest.param(["--cors-origin", "notaurl"], "must be an origin as scheme://host[:port]", id="origin-not-a-url"),
        pytest.param(
            ["--cors-origin", "http://localhost:3000/"], "an origin has no path: use http://localhost:3000", id="path"
        ),
        pytest.param(["--cors-origin", "http://localhost:99999"], "not 'http://localhost:99999'", id="origin-port"),
        pytest.param(
            ["--cors-origin", "HTTP://App.Test"], "browsers send origins in lowercase: use http://app.test", id="case"
        ),
        pytest.param(
            ["--cors-origin", "*", "--cors-origin", "http://a.test"], "* already allows every origin", id="star-and-one"
        ),
        pytest.param(
            ["--no-demo-tokens"],
            "--no-demo-tokens (or demo_tokens: false) needs at least one --token",
            id="no-token-at-all",
        ),
    ],
)
def test_bad_arguments_get_one_plain_line_and_exit_2(arguments: list[str], complaint: str) -> None:
    result = run_cli(*arguments)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert complaint in lines[0]


@pytest.mark.parametrize(
    ("host", "notice"),
    [
        pytest.param("127.0.0.1", "only this machine can call the mock", id="loopback"),
        pytest.param("::1", "only this machine can call the mock", id="ipv6-loopback"),
        pytest.param("0.0.0.0", "warning: bound to all interfaces", id="all-ipv4"),
        pytest.param("::", "warning: bound to all interfaces", id="all-ipv6"),
        pytest.param("192.0.2.10", "machines that reach this address", id="one-interface"),
    ],
)
def test_startup_says_who_can_reach_the_mock(host: str, notice: str) -> None:
    assert notice in exposure(host)


def test_the_admin_token_comes_from_the_environment_when_not_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCK_ADMIN_TOKEN", "from-env")
    assert settings_from(parser().parse_args([])).admin_token == "from-env"
    assert settings_from(parser().parse_args(["--admin-token", "given"])).admin_token == "given"


@contextmanager
def running(*arguments: str, output: list[str] | None = None) -> Iterator[tuple[str, str]]:
    """Start the mock as a process; yield its base URL and its startup banner; what it printed after the banner
    goes to `output`, once it has stopped."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mock_server", "--port", str(port), *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    PROCESSES.append(process)
    assert process.stdout is not None
    banner = []
    try:
        while True:
            line = process.stdout.readline()
            assert line, "the server exited before announcing itself"
            banner.append(line)
            if "fixtures" in line:
                break
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                httpx.get(f"{base}/__mock__/fixtures", timeout=1)
                break
            except httpx.TransportError:
                process.poll()
                assert process.returncode is None, "the server exited"
                time.sleep(0.05)
        yield base, "".join(banner)
    finally:
        process.terminate()
        process.wait(timeout=20)
        if output is not None:
            output.append(process.stdout.read())
        process.stdout.close()


@pytest.mark.slow
def test_the_server_announces_each_dialect_and_its_swagger_ui_and_serves_them() -> None:
    with running("--seed", "3") as (base, banner):
        for dialect in DIALECTS:
            assert f"{base}/{dialect}/ui/" in banner
            assert httpx.get(f"{base}/{dialect}/ui/").status_code == 200
        fixtures = httpx.get(f"{base}/__mock__/fixtures").json()
    assert set(fixtures) == set(DIALECTS)


@pytest.mark.slow
def test_one_dialect_is_served_at_the_root_and_accepts_extra_tokens() -> None:
    with running("--dialect", "cortex-v2", "--token", "ci-token") as (base, banner):
        params = httpx.get(f"{base}/__mock__/fixtures").json()["cortex-v2"]["params"]
        url = f"{base}/apps/{params['app_id']}/workflows/{params['workflow_id']}/runs"
        answer = httpx.get(url, headers={"Authorization": "Bearer ci-token"})
    assert answer.status_code == 200
    assert f"{base}/ui/" in banner


@pytest.mark.slow
def test_without_demo_tokens_only_the_given_tokens_work_and_the_fixtures_list_no_token() -> None:
    with running("--dialect", "b3os", "--no-demo-tokens", "--token", "team-secret-1") as (base, banner):
        fixtures = httpx.get(f"{base}/__mock__/fixtures")
        url = f"{base}/v1/workflows/{fixtures.json()['b3os']['params']['id']}/runs"
        demo = httpx.get(url, headers={"Authorization": f"Bearer {DIALECT_MODULES['b3os']().demo_token}"})
        given = httpx.get(url, headers={"Authorization": "Bearer team-secret-1"})
    listed = fixtures.json()["b3os"]
    assert listed["params"] == listed["tenants"][0]["params"] == {"id": listed["params"]["id"]}
    assert [set(entry) for entry in (listed, *listed["tenants"])] == [{"params", "tenants"}] + [{"params"}] * 3
    assert "team-secret-1" not in fixtures.text
    assert (demo.status_code, demo.json()["code"]) == (401, 401)
    assert given.status_code == 200
    assert "demo tokens off" in banner
    assert "team-secret-1" not in banner


@pytest.mark.slow
def test_no_server_banner_is_sent(mock_process: tuple[str, str]) -> None:
    base, _ = mock_process
    assert "server" not in httpx.get(f"{base}/__mock__/fixtures").headers


@pytest.fixture(scope="module")
def mock_process() -> Iterator[tuple[str, str]]:
    with running("--dialect", "b3os") as started:
        yield started


@pytest.mark.slow
def test_every_worker_answers_identically() -> None:
    with running("--workers", "2", "--dialect", "invent") as (base, _):
        fixture = httpx.get(f"{base}/__mock__/fixtures").json()["invent"]
        url = f"{base}/orgs/{fixture['params']['org_id']}/workflows/runs?take=50"
        headers = {"Authorization": f"Bearer {fixture['token']}"}
        answers = set()
        for _ in range(30):
            with httpx.Client() as fresh_connection:
                answers.add(fresh_connection.get(url, headers=headers).content)
        workers = worker_count(PROCESSES[-1].pid)
    assert workers == 2
    assert len(answers) == 1


def worker_count(parent: int) -> int:
    """How many worker processes (multiprocessing spawns) `parent` has, read from /proc."""
    workers = 0
    for process in Path("/proc").glob("[0-9]*"):
        try:
            status = (process / "status").read_text()
            command = (process / "cmdline").read_bytes()
        except OSError:
            continue
        if f"\nPPid:\t{parent}\n" in status and b"spawn_main" in command:
            workers += 1
    return workers


def unread_bytes(server_port: int, client_port: int) -> int | None:
    """How many bytes the client sent that the server has not read yet (from /proc/net/tcp); None if not found."""
    wanted = (f"0100007F:{server_port:04X}", f"0100007F:{client_port:04X}")
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if (fields[1], fields[2]) == wanted:
            return int(fields[4].split(":")[1], 16)
    return None


@pytest.mark.slow
def test_sigterm_lets_the_request_in_flight_finish() -> None:
    with running("--dialect", "b3os") as (base, _):
        fixture = httpx.get(f"{base}/__mock__/fixtures").json()["b3os"]
        port = int(base.rsplit(":", 1)[1])
        request = (
            f"GET /v1/workflows/{fixture['params']['id']}/runs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Authorization: Bearer {fixture['token']}\r\nPrefer: delay=1500\r\nConnection: close\r\n\r\n"
        )
        with socket.create_connection(("127.0.0.1", port), timeout=30) as client:
            client.sendall(request.encode())
            # The signal goes only once the server has read the request, so it is in flight, not merely sent.
            client_port = client.getsockname()[1]
            for _ in range(1000):
                if unread_bytes(port, client_port) == 0:
                    break
                time.sleep(0.01)
            else:
                pytest.fail("the server never read the request")
            server = PROCESSES[-1]
            server.send_signal(signal.SIGTERM)
            answer = b""
            while chunk := client.recv(65536):
                answer += chunk
            server.wait(timeout=30)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 ")
    assert json.loads(body)["data"]["items"]
    assert server.returncode in (0, -signal.SIGTERM)  # uvicorn re-raises the signal once it has drained


def test_the_banner_says_how_to_share_state_when_several_workers_refuse_writes_and_nothing_with_one() -> None:
    from mock_server.app import MockApp, Settings
    from mock_server.banner import banner

    several = banner(MockApp(Settings(dialects=("b3os",), workers=3)), "127.0.0.1", 8000)
    assert (
        "  writes     off: 3 workers share no state, so writes answer 503 "
        "(share it with --state redis://HOST:PORT/DB, or use --workers 1)"
    ) in several
    assert "writes" not in banner(MockApp(Settings(dialects=("b3os",))), "127.0.0.1", 8000)


def send_raw(base: str, data: bytes) -> bytes:
    """Send `data` as it is on a new connection to the server at `base`; return what it answered."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as connection:
        connection.sendall(data)
        return connection.recv(65536)


@pytest.mark.slow
def test_each_request_is_one_console_line_without_its_token_and_bytes_that_are_not_http_are_explained() -> None:
    output: list[str] = []
    with running("--dialect", "b3os", output=output) as (base, _):
        fixtures = httpx.get(f"{base}/__mock__/fixtures").json()["b3os"]
        url = f"{base}/v1/workflows/{fixtures['params']['id']}/runs?limit=5"
        headers = {"Authorization": f"Bearer {fixtures['token']}", "X-Mock-Sandbox": "team-a"}
        assert httpx.get(url, headers=headers).status_code == 200
        assert send_raw(base, b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03").startswith(b"HTTP/1.1 400")
    printed = output[0]
    path = f"/v1/workflows/{fixtures['params']['id']}/runs"
    assert re.search(rf"^\d\d:\d\d:\d\d GET {path}\?limit=5 200 \d+\.\d ms sandbox=team-a$", printed, re.M), printed
    assert re.search(r"GET /__mock__/fixtures 200 \d+\.\d ms sandbox=default$", printed, re.M), printed
    assert "an https:// address for this http:// server" in printed
    assert "Invalid HTTP request received" not in printed
    assert fixtures["token"] not in printed


@pytest.mark.slow
def test_quiet_prints_no_line_per_request() -> None:
    output: list[str] = []
    with running("--dialect", "b3os", "--quiet", output=output) as (base, _):
        assert httpx.get(f"{base}/__mock__/fixtures").status_code == 200
    assert "/__mock__/fixtures" not in output[0]
