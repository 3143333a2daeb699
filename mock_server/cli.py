"""`python -m mock_server`: serve one dialect at `/` or all of them under `/<dialect>`."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from typing import Any, NoReturn

import uvicorn

from mock_server import config
from mock_server.app import MockApp, Settings
from mock_server.dialects import DIALECTS
from mock_server.scenarios.scenario import ScenarioError
from mock_server.web.operations import UnhandledOperationError

ALL = "all"
ADMIN_TOKEN_VARIABLE = "MOCK_ADMIN_TOKEN"
SETTINGS_VARIABLE = "WORKFLOW_RUNS_MOCK_SETTINGS"
GRACE_SECONDS = 30


class OneLineErrorParser(argparse.ArgumentParser):
    """Reports a usage error as one plain line and exit status 2, without the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def parser() -> argparse.ArgumentParser:
    cli = OneLineErrorParser(
        prog="python -m mock_server",
        description="Serve realistic, deterministic mocks of the vendors' list-workflow-runs APIs from their specs.",
    )
    cli.add_argument(
        "--dialect",
        default=ALL,
        choices=(ALL, *DIALECTS),
        help="the dialect to serve at /, or 'all' to serve each under /<dialect> (default: all)",
    )
    cli.add_argument("--host", default="127.0.0.1", help="interface to bind (default: 127.0.0.1, loopback only)")
    cli.add_argument("--port", type=int, default=8000, help="TCP port to listen on (default: 8000)")
    cli.add_argument(
        "--seed", type=int, default=0, help="seed of the generated data; the same seed gives the same data (default: 0)"
    )
    cli.add_argument(
        "--token",
        action="append",
        default=[],
        metavar="TOKEN",
        help="a bearer token to accept besides each dialect's demo token (repeatable)",
    )
    cli.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="an origin allowed to call the mock from a browser (repeatable; default: any origin)",
    )
    cli.add_argument(
        "--admin-token",
        default=os.environ.get(ADMIN_TOKEN_VARIABLE) or None,
        metavar="TOKEN",
        help=f"the bearer token of the state-changing /__mock__ routes, which are off without one "
        f"(default: ${ADMIN_TOKEN_VARIABLE})",
    )
    cli.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes; the data is a function of the seed, so every worker answers alike (default: 1)",
    )
    cli.add_argument(
        "--clock-speed",
        type=float,
        default=1.0,
        metavar="FACTOR",
        help="how fast pending and running runs move through their lifecycle: 1 is real time, 60 a minute a "
        "second, 0 freezes the data (default: 1)",
    )
    cli.add_argument(
        "--scenario",
        metavar="FILE",
        help="a scenario file (YAML): tenants, workflows and runs to add to, or to replace, the generated data",
    )
    cli.add_argument(
        "--validate-responses",
        action="store_true",
        help="also validate every response against the spec (slower; a mismatch answers 500)",
    )
    config.add_options(cli)
    return cli


def settings_from(arguments: argparse.Namespace) -> Settings:
    dialects = tuple(DIALECTS) if arguments.dialect == ALL else (arguments.dialect,)
    return Settings(
        dialects=dialects,
        seed=arguments.seed,
        tokens=tuple(arguments.token),
        cors_origins=tuple(arguments.cors_origin) or ("*",),
        validate_responses=arguments.validate_responses,
        admin_token=arguments.admin_token,
        clock_speed=arguments.clock_speed,
        scenario=arguments.scenario,
        **config.settings_fields(arguments),
    )


def app_from_environment() -> Any:
    """The app a worker process serves, from the settings its parent left in the environment."""
    return MockApp(Settings.from_json(os.environ[SETTINGS_VARIABLE])).app


def exposure(host: str) -> str:
    """What binding `host` means for who can reach the mock."""
    if host in ("0.0.0.0", "::", ""):
        return f"warning: bound to all interfaces ({host or '*'}): anyone who can reach this machine can call the mock"
    if host in ("127.0.0.1", "::1", "localhost"):
        return f"bound to {host}: only this machine can call the mock (use --host to expose it)"
    return f"bound to {host}: machines that reach this address can call the mock"


def banner(mock: MockApp, host: str, port: int) -> str:
    base = f"http://{host}:{port}"
    lines = [f"workflow-runs mock (seed {mock.settings.seed}) listening on {base}", f"  {exposure(host)}"]
    for name, mount in mock.mounts.items():
        lines.append(f"  {name:<10} {base}{mount.prefix or '/'}  Swagger UI: {base}{mount.prefix}/ui/")
    if behaviour := config.describe(mock.settings.latency_ms, mock.settings.error_rates, mock.settings.rate_limits):
        lines.append(f"  behaviour  {behaviour}")
    lines.append(f"  fixtures   {base}/__mock__/fixtures  (demo tokens and path parameters)")
    admin = "on (admin token set)" if mock.settings.admin_token else "off (no admin token)"
    lines.append(f"  admin      {base}/__mock__/{{reset,clock,scenario,runs,requests}}  {admin}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    cli = parser()
    arguments = cli.parse_args(argv)
    if not 0 < arguments.port < 65536:
        cli.error(f"--port must be between 1 and 65535, not {arguments.port}")
    if arguments.clock_speed < 0:
        cli.error(f"--clock-speed cannot be negative, not {arguments.clock_speed}")
    if arguments.workers < 1:
        cli.error(f"--workers must be at least 1, not {arguments.workers}")
    if arguments.workers > 1 and arguments.admin_token:
        cli.error("--admin-token needs a single worker: an admin call would change one worker's data only")
    try:
        settings = settings_from(arguments)
    except config.ConfigError as error:
        cli.error(str(error))
    if arguments.workers > 1 and any(limit for _, limit in settings.rate_limits):
        cli.error("--rate-limit needs a single worker: each worker would count the requests it gets on its own")
    try:
        mock = MockApp(settings)
    except ScenarioError as error:
        cli.error(f"--scenario: {error}")
    except UnhandledOperationError as error:  # a spec ahead of the mock: not the user's mistake, so not exit 2
        cli.exit(1, f"{cli.prog}: error: {error}\n")
    print(banner(mock, arguments.host, arguments.port), flush=True)
    # Graceful shutdown is uvicorn's: on SIGTERM it stops accepting and lets in-flight requests finish.
    options: dict[str, Any] = {"host": arguments.host, "port": arguments.port, "log_level": "warning"}
    options.update(server_header=False, timeout_graceful_shutdown=GRACE_SECONDS)
    if arguments.workers == 1:
        uvicorn.run(mock.app, **options)
    else:
        os.environ[SETTINGS_VARIABLE] = settings.to_json()
        uvicorn.run(f"{__name__}:app_from_environment", factory=True, workers=arguments.workers, **options)
    return 0
