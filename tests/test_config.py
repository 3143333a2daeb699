"""The behaviour options (latency, error rate, rate limit, demo tokens): values, config file, command line."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from mock_server.app import Settings
from mock_server.cli import parser, settings_from
from mock_server.config import ConfigError, describe, for_dialect, load, token
from tests.test_cli import run_cli, running


def config_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "mock.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_config_file_sets_every_behaviour_option(tmp_path: Path) -> None:
    path = config_file(tmp_path, "latency: 100-400\nerror_rate: {all: 0.05, b3os: 0.2}\nrate_limit: {aitasker: 300}\n")
    assert load(path) == {
        "latency_ms": (100, 400),
        "error_rates": (("all", 0.05), ("b3os", 0.2)),
        "rate_limits": (("aitasker", 300),),
    }


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        pytest.param("latency: 200", {"latency_ms": (200, 200)}, id="fixed-latency"),
        pytest.param("error_rate: 0.1", {"error_rates": (("all", 0.1),)}, id="one-rate-for-all"),
        pytest.param("rate_limit: 0", {"rate_limits": (("all", 0),)}, id="no-limit"),
        pytest.param("", {}, id="empty-file"),
        pytest.param("demo_tokens: false", {"demo_tokens": False}, id="demo-tokens-off"),
        pytest.param("sandbox_idle: 600", {"sandbox_idle_seconds": 600}, id="sandbox-idle"),
        pytest.param("max_sandboxes: 50", {"max_sandboxes": 50}, id="max-sandboxes"),
    ],
)
def test_a_config_file_takes_the_short_forms(tmp_path: Path, text: str, fields: dict[str, object]) -> None:
    assert load(config_file(tmp_path, text)) == fields


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        pytest.param("latency: fast", "latency: must be milliseconds", id="latency-not-a-number"),
        pytest.param("latency: 400-100", "latency: must be milliseconds", id="latency-range-reversed"),
        pytest.param("latency: -5", "latency: must be milliseconds", id="latency-negative"),
        pytest.param("error_rate: 1.5", "error_rate: must be a fraction of requests from 0 to 1", id="rate-above-1"),
        pytest.param("error_rate: {b3os: high}", "error_rate.b3os: must be a fraction", id="rate-of-a-dialect"),
        pytest.param("error_rate: {cortex: 0.1}", "error_rate: unknown dialect 'cortex'", id="unknown-dialect"),
        pytest.param("rate_limit: 2.5", "rate_limit: must be a whole number", id="limit-not-whole"),
        pytest.param("rate_limit: true", "rate_limit: must be a whole number", id="limit-boolean"),
        pytest.param("demo_tokens: 0", "demo_tokens: must be true or false, not 0", id="demo-tokens-not-boolean"),
        pytest.param("max_sandboxes: 0", "max_sandboxes: must be a whole number of at least 1", id="no-sandboxes"),
        pytest.param("sandbox_idle: soon", "sandbox_idle: must be a whole number", id="idle-not-a-number"),
        pytest.param("latancy: 5", "unknown key 'latancy'; the keys are latency, error_rate, rate_limit", id="typo"),
        pytest.param("- latency", "must be a mapping of settings", id="not-a-mapping"),
        pytest.param("latency: [1", "not valid YAML at line 1, column 12", id="not-yaml"),
    ],
)
def test_a_bad_config_file_is_one_line_naming_the_file_and_key(tmp_path: Path, text: str, complaint: str) -> None:
    path = config_file(tmp_path, text)
    with pytest.raises(ConfigError) as raised:
        load(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ")
    assert complaint in message
    assert "\n" not in message


def test_a_missing_config_file_is_named() -> None:
    with pytest.raises(ConfigError, match=r"--config: cannot read /nowhere/mock\.yaml"):
        load("/nowhere/mock.yaml")


def test_the_command_line_sets_the_behaviour_options() -> None:
    arguments = ["--latency", "50-75", "--error-rate", "0.1", "--error-rate", "invent=0.3", "--rate-limit", "b3os=10"]
    settings = settings_from(parser().parse_args(arguments))
    assert settings.latency_ms == (50, 75)
    assert settings.error_rates == (("all", 0.1), ("invent", 0.3))
    assert settings.rate_limits == (("b3os", 10),)


def test_the_command_line_sets_the_sandboxes_idle_time_and_number_over_the_file(tmp_path: Path) -> None:
    path = config_file(tmp_path, "sandbox_idle: 60\nmax_sandboxes: 5\n")
    settings = settings_from(parser().parse_args(["--config", path, "--max-sandboxes", "7"]))
    assert (settings.sandbox_idle_seconds, settings.max_sandboxes) == (60, 7)
    settings = settings_from(parser().parse_args(["--sandbox-idle", "30"]))
    assert (settings.sandbox_idle_seconds, settings.max_sandboxes) == (30, Settings().max_sandboxes)


def test_the_state_address_comes_from_the_command_line_else_the_file_else_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = config_file(tmp_path, "state: redis://file:6379/1\n")
    monkeypatch.setenv("WORKFLOW_RUNS_MOCK_STATE", "redis://environment:6379/2")
    assert settings_from(parser().parse_args(["--config", path, "--state", "redis://line:6379/0"])).state == (
        "redis://line:6379/0"
    )
    assert settings_from(parser().parse_args(["--config", path])).state == "redis://file:6379/1"
    assert settings_from(parser().parse_args([])).state == "redis://environment:6379/2"
    monkeypatch.delenv("WORKFLOW_RUNS_MOCK_STATE")
    assert settings_from(parser().parse_args([])).state is None


def test_a_state_address_in_the_environment_that_is_not_redis_is_refused_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WORKFLOW_RUNS_MOCK_STATE", "http://x:secret@host/0")
    with pytest.raises(ConfigError, match=r"^\$WORKFLOW_RUNS_MOCK_STATE: must be a Redis address") as raised:
        settings_from(parser().parse_args([]))
    assert "secret" not in str(raised.value)


def test_an_option_on_the_command_line_replaces_that_key_of_the_file(tmp_path: Path) -> None:
    path = config_file(tmp_path, "latency: 100\nerror_rate: {b3os: 0.5}\nrate_limit: 60\n")
    settings = settings_from(parser().parse_args(["--config", path, "--error-rate", "invent=0.2"]))
    assert (settings.latency_ms, settings.rate_limits) == ((100, 100), (("all", 60),))
    assert settings.error_rates == (("invent", 0.2),)


def test_the_command_line_turns_the_demo_tokens_back_on_or_off_whatever_the_file_says(tmp_path: Path) -> None:
    off, on = config_file(tmp_path, "demo_tokens: false\n"), str(tmp_path / "on.yaml")
    Path(on).write_text("demo_tokens: true\n", encoding="utf-8")
    assert not settings_from(parser().parse_args(["--config", off, "--token", "t"])).demo_tokens
    assert settings_from(parser().parse_args(["--config", off, "--demo-tokens"])).demo_tokens
    assert not settings_from(parser().parse_args(["--config", on, "--no-demo-tokens", "--token", "t"])).demo_tokens


def test_by_default_nothing_misbehaves() -> None:
    settings = settings_from(parser().parse_args([]))
    assert (settings.latency_ms, settings.error_rates, settings.rate_limits) == ((0, 0), (), ())
    assert settings == Settings()


def test_a_dialect_gets_its_own_value_else_the_one_for_all() -> None:
    table = (("all", 0.1), ("b3os", 0.5))
    assert (for_dialect(table, "b3os", 0.0), for_dialect(table, "invent", 0.0), for_dialect((), "b3os", 0.0)) == (
        0.5,
        0.1,
        0.0,
    )


def test_the_options_survive_the_trip_to_worker_processes() -> None:
    settings = Settings(latency_ms=(1, 9), error_rates=(("all", 0.1), ("b3os", 0.2)), rate_limits=(("aitasker", 3),))
    assert Settings.from_json(settings.to_json()) == settings


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [
        pytest.param(["--latency", "soon"], "argument --latency: must be milliseconds", id="latency"),
        pytest.param(["--error-rate", "b3os=2"], "argument --error-rate: must be a fraction", id="rate"),
        pytest.param(["--error-rate", "cortex=0.1"], "unknown dialect 'cortex'", id="dialect"),
        pytest.param(["--rate-limit", "many"], "argument --rate-limit: must be a whole number", id="limit"),
        pytest.param(["--config", "/nowhere.yaml"], "--config: cannot read /nowhere.yaml", id="missing-file"),
        pytest.param(["--max-sandboxes", "0"], "argument --max-sandboxes: must be a whole number", id="sandboxes"),
        pytest.param(["--rate-limit", "5", "--workers", "2"], "--rate-limit needs a single worker", id="workers"),
        pytest.param(["--state", "localhost:6379"], "argument --state: must be a Redis address", id="state"),
        pytest.param(
            ["--config", "NO_DEMO"],
            "--no-demo-tokens (or demo_tokens: false) needs at least one --token",
            id="demo-tokens-off",
        ),
    ],
)
def test_bad_behaviour_options_get_one_plain_line_and_exit_2(
    tmp_path: Path, arguments: list[str], complaint: str
) -> None:
    no_demo = config_file(tmp_path, "demo_tokens: false\n")
    result = run_cli(*(no_demo if argument == "NO_DEMO" else argument for argument in arguments))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert complaint in lines[0]


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("tok", ("tok", None)),
        ("tok=ws_1", ("tok", "ws_1")),
        ("abc==", ("abc==", None)),
        ("a=b=c", ("a=b", "c")),
    ],
)
def test_a_token_may_be_bound_to_a_tenant_and_its_own_padding_binds_it_to_none(
    text: str, parsed: tuple[str, str | None]
) -> None:
    assert token(text) == parsed


@pytest.mark.parametrize("text", ["", "=ws_1", "secret value", "secret\tvalue=ws_1"])
def test_what_cannot_be_a_bearer_token_is_refused_without_echoing_it(text: str) -> None:
    with pytest.raises(ConfigError) as refused:
        token(text)
    assert "secret" not in str(refused.value)


def test_the_banner_says_what_misbehaves() -> None:
    line = describe((100, 400), (("all", 0.05), ("b3os", 0.2)), (("aitasker", 300),))
    assert line == "latency 100-400 ms; error rate all 0.05, b3os 0.2; rate limit aitasker 300/min per key"
    assert describe((0, 0), (("all", 0.0),), ()) == ""


@pytest.mark.slow
def test_a_server_started_with_a_config_file_behaves_as_it_says(tmp_path: Path) -> None:
    path = config_file(tmp_path, "error_rate: {b3os: 1}\nrate_limit: {invent: 1}\n")
    with running("--config", path) as (base, banner):
        fixtures = httpx.get(f"{base}/__mock__/fixtures").json()
        b3os, invent = fixtures["b3os"], fixtures["invent"]
        failing = httpx.get(f"{base}/b3os/v1/workflows/{b3os['params']['id']}/runs", headers=auth(b3os["token"]))
        invent_url = f"{base}/invent/orgs/{invent['params']['org_id']}/workflows/runs"
        limited = [httpx.get(invent_url, headers=auth(invent["token"])).status_code for _ in range(2)]
    assert "error rate b3os 1; rate limit invent 1/min per key" in banner
    assert failing.status_code in (429, 500)
    assert limited == [200, 429]


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
