"""`python -m mock_server`: serve one dialect at `/` or all of them under `/<dialect>`."""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import os
import socket
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

import uvicorn

from mock_server import config
from mock_server.app import MockApp, Settings
from mock_server.banner import banner
from mock_server.data.shared_log import StateUnavailable
from mock_server.dialects import DIALECTS
from mock_server.logs import logging_config
from mock_server.scenarios.scenario import ScenarioError
from mock_server.specification import SpecificationError
from mock_server.web.operations import UnhandledOperationError
from mock_server.web.request_log import DEFAULT_REQUEST_LOG_CAPACITY
from workflow_runs_specs.reader import SpecReadError

ALL = "all"
SETTLED_THRESHOLD = (10_000, 10, 10)
"""The collector's thresholds once the app is built (see `collection_paused`)."""
ADMIN_TOKEN_VARIABLE = "MOCK_ADMIN_TOKEN"
SETTINGS_VARIABLE = "WORKFLOW_RUNS_MOCK_SETTINGS"
GRACE_SECONDS = 30
STARTUP_FAILURE = 3
"""The exit status when the server could not start after the banner (uvicorn's own)."""


def program_name() -> str:
    """`workflow-runs-mock` when run as the console script, `python -m mock_server` otherwise."""
    name = Path(sys.argv[0]).name
    return "python -m mock_server" if name in ("", "__main__.py", "-c") else name


def package_version() -> str:
    from importlib import metadata  # only for --version: importing it is about 12 ms of every start

    try:
        return metadata.version("workflow-runs-mock")
    except metadata.PackageNotFoundError:
        return "(unknown: the package is not installed)"


class VersionAction(argparse.Action):
    """`--version`: prints the installed package's version, looked up only when asked for, and exits."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> NoReturn:
        print(f"{parser.prog} {package_version()}")
        parser.exit()


class OneLineErrorParser(argparse.ArgumentParser):
    """Reports a usage error as one plain line and exit status 2, without the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def parser() -> argparse.ArgumentParser:
    cli = OneLineErrorParser(
        prog=program_name(),
        description="Serve realistic, deterministic mocks of the vendors' list-workflow-runs APIs from their specs.",
    )
    cli.add_argument("--version", action=VersionAction, help="show the version and exit")
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
        type=config.option(config.token),
        metavar="TOKEN[=TENANT_ID]",
        help="a bearer token every dialect accepts besides its tenants' tokens: seeing every tenant, or with "
        "=TENANT_ID only that tenant (repeatable)",
    )
    cli.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        type=config.option(config.origin),
        metavar="ORIGIN",
        help="an origin allowed to call the mock from a browser, as scheme://host[:port], or * for any "
        "(repeatable; default: any origin)",
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
        help="worker processes; the data is a function of the seed, so every worker answers reads alike, but "
        "without --state they share no state, so with more than one every write answers 503 (default: 1)",
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
        "--request-log-capacity",
        type=int,
        default=DEFAULT_REQUEST_LOG_CAPACITY,
        metavar="N",
        help=f"the latest requests GET /__mock__/requests keeps (default: {DEFAULT_REQUEST_LOG_CAPACITY:,})",
    )
    cli.add_argument("--quiet", action="store_true", help="print no line per request (warnings and errors only)")
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
        tokens=tuple(token for token, tenant_id in arguments.token if tenant_id is None),
        bound_tokens=tuple((token, tenant_id) for token, tenant_id in arguments.token if tenant_id is not None),
        cors_origins=tuple(arguments.cors_origin) or ("*",),
        validate_responses=arguments.validate_responses,
        admin_token=arguments.admin_token,
        clock_speed=arguments.clock_speed,
        scenario=arguments.scenario,
        workers=arguments.workers,
        request_log_capacity=arguments.request_log_capacity,
        **config.settings_fields(arguments),
    )


def app_from_environment() -> Any:
    """The app a worker process serves, from the settings its parent left in the environment."""
    with collection_paused():
        return MockApp(Settings.from_json(os.environ[SETTINGS_VARIABLE])).app


def main(argv: Sequence[str] | None = None) -> int:
    cli = parser()
    arguments = cli.parse_args(argv)
    if not 0 < arguments.port < 65536:
        cli.error(f"--port must be between 1 and 65535, not {arguments.port}")
    if arguments.clock_speed < 0:
        cli.error(f"--clock-speed cannot be negative, not {arguments.clock_speed}")
    if arguments.workers < 1:
        cli.error(f"--workers must be at least 1, not {arguments.workers}")
    if arguments.request_log_capacity < 1:
        cli.error(f"--request-log-capacity must be at least 1, not {arguments.request_log_capacity}")
    if arguments.workers > 1 and arguments.admin_token:
        cli.error("--admin-token needs a single worker: an admin call would change one worker's data only")
    if config.ANY_ORIGIN in arguments.cors_origin and len(arguments.cors_origin) > 1:
        cli.error("--cors-origin * already allows every origin; give it alone, or list the origins without it")
    try:
        settings = settings_from(arguments)
    except config.ConfigError as error:
        cli.error(str(error))
    if not settings.demo_tokens and not (settings.tokens or settings.bound_tokens):
        cli.error(
            "--no-demo-tokens (or demo_tokens: false) needs at least one --token: no request could be authenticated"
        )
    if arguments.workers > 1 and any(limit for _, limit in settings.rate_limits):
        cli.error("--rate-limit needs a single worker: each worker would count the requests it gets on its own")
    try:
        listening = bound_socket(arguments.host, arguments.port)
    except OSError as error:
        # Before the banner (and the second it takes to build the app): say why in one line.
        where = f"{arguments.host}:{arguments.port}"
        print(f"{cli.prog}: error: cannot listen on {where}: {reason(error)}", file=sys.stderr)
        return 2
    try:
        with collection_paused():
            mock = MockApp(settings)
    except ScenarioError as error:
        cli.error(f"--scenario: {error}")
    except config.ConfigError as error:
        cli.error(str(error))
    except StateUnavailable as error:
        cli.error(str(error))
    except (UnhandledOperationError, SpecificationError, SpecReadError) as error:  # the specs, not the options: not 2
        cli.exit(1, f"{cli.prog}: error: {error}\n")
    print(banner(mock, arguments.host, arguments.port), flush=True)
    # Graceful shutdown is uvicorn's: on SIGTERM it stops accepting and lets in-flight requests finish.
    options: dict[str, Any] = {"host": arguments.host, "port": arguments.port, "log_level": "warning"}
    options.update(log_config=logging_config(quiet=arguments.quiet), access_log=False)
    options.update(server_header=False, timeout_graceful_shutdown=GRACE_SECONDS)
    if arguments.workers == 1:
        server = uvicorn.Server(uvicorn.Config(mock.app, **options))
        with contextlib.suppress(KeyboardInterrupt):  # uvicorn re-raises Ctrl-C once it has shut down
            server.run(sockets=[listening])
        if not server.started:
            return STARTUP_FAILURE
    else:
        # uvicorn binds the workers' socket itself; the check above has just seen the port free.
        listening.close()
        os.environ[SETTINGS_VARIABLE] = settings.to_json()
        uvicorn.run(f"{__name__}:app_from_environment", factory=True, workers=arguments.workers, **options)
    return 0


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """No garbage collection while the app is built; once it is, what was built is frozen out of collections, and
    collections start after 10,000 new objects rather than 700.

    Imports and the build make some 120,000 objects that live as long as the server: the collections they
    triggered cost about an eighth of the CPU time of a start (0.41 s -> 0.35 s, `python -m mock_server`'s
    imports and build for every dialect, median of 5), and every later full collection would walk them again.
    What startup leaves as cyclic garbage stays allocated (0.6 MB more resident memory, measured).
    `python -m mock_server` pauses collection from its first import on (`__main__.py`).

    A request leaves almost no cycles behind, and with the default threshold the collector's passes took about a
    tenth of the server's time on never-seen requests (profiled), so young collections are made rarer too.
    """
    gc.disable()
    try:
        yield
        gc.freeze()
        gc.set_threshold(*SETTLED_THRESHOLD)
    finally:
        gc.enable()


def bound_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to `host:port` as uvicorn binds one, or the `OSError` saying why it cannot be."""
    listening = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except OSError:
        listening.close()
        raise
    return listening


def reason(error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return "the port is already in use (is another server running? choose another with --port)"
    if error.errno == errno.EADDRNOTAVAIL:
        return "no interface of this machine has that address (see --host)"
    if isinstance(error, socket.gaierror):
        return "no such host (see --host)"
    return error.strerror or str(error)
