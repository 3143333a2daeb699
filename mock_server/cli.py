"""`python -m mock_server`: serve one dialect at `/` or all of them under `/<dialect>`."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import NoReturn

import uvicorn

from mock_server.app import MockApp, Settings
from mock_server.dialects import DIALECTS

ALL = "all"


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
        "--validate-responses",
        action="store_true",
        help="also validate every response against the spec (slower; a mismatch answers 500)",
    )
    return cli


def settings_from(arguments: argparse.Namespace) -> Settings:
    dialects = tuple(DIALECTS) if arguments.dialect == ALL else (arguments.dialect,)
    return Settings(
        dialects=dialects,
        seed=arguments.seed,
        tokens=tuple(arguments.token),
        cors_origins=tuple(arguments.cors_origin) or ("*",),
        validate_responses=arguments.validate_responses,
    )


def banner(mock: MockApp, host: str, port: int) -> str:
    base = f"http://{host}:{port}"
    lines = [f"workflow-runs mock (seed {mock.settings.seed}) listening on {base}"]
    for name, mount in mock.mounts.items():
        lines.append(f"  {name:<10} {base}{mount.prefix or '/'}  Swagger UI: {base}{mount.prefix}/ui/")
    lines.append(f"  fixtures   {base}/__mock__/fixtures  (demo tokens and path parameters)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    cli = parser()
    arguments = cli.parse_args(argv)
    if not 0 < arguments.port < 65536:
        cli.error(f"--port must be between 1 and 65535, not {arguments.port}")
    mock = MockApp(settings_from(arguments))
    print(banner(mock, arguments.host, arguments.port), flush=True)
    uvicorn.run(mock.app, host=arguments.host, port=arguments.port, log_level="warning", server_header=False)
    return 0
