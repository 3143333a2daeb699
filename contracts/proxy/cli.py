"""`workflow-runs-contracts proxy` (`python -m contracts proxy`): judge real traffic against a dialect's contract.

    workflow-runs-contracts proxy --dialect b3os --upstream https://staging.example.com --port 8080

Point a client at http://127.0.0.1:8080 instead of the upstream: every request and answer passes unchanged,
each violation is printed as one line when it is seen, and on Ctrl-C, SIGTERM or `--duration` a summary (and
the reports asked for) follows. Exit status: 1 a violation was seen, 0 none, 2 nothing could be judged (with
--strict also when any exchange went unjudged), or the proxy could not start.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

from contracts.core.errors import ContractError, UsageError
from contracts.core.redaction import DEFAULT_TOKEN_VARIABLE
from contracts.dialects import DIALECTS
from contracts.proxy.forwarding import Settings
from contracts.proxy.listening import bound_socket, reason
from contracts.proxy.service import Proxy
from contracts.proxy.summary import Run, junit_xml, markdown, summary

__all__ = ["main"]

STEP_SUMMARY = "GITHUB_STEP_SUMMARY"


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see --help)")


def parser() -> Parser:
    cli = Parser(
        prog="workflow-runs-contracts proxy",
        description="Forward traffic to an implementation of a dialect unchanged, and judge every exchange against "
        "the dialect's spec and the contract suite's rules (report-only).",
        epilog="Exit status: 1 a violation was seen, 0 none, 2 no exchange could be judged (--strict: or any went "
        "unjudged) or the proxy could not start.",
    )
    cli.add_argument("--dialect", required=True, choices=list(DIALECTS), metavar="NAME", help=", ".join(DIALECTS))
    cli.add_argument(
        "--upstream", required=True, metavar="URL", help="where the API is, e.g. https://staging.example.com"
    )
    cli.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)")
    cli.add_argument("--port", type=int, default=8080, help="the port to listen on (default: 8080)")
    cli.add_argument(
        "--spec", type=Path, metavar="PATH", help="the OpenAPI document to judge by (default: the dialect's)"
    )
    cli.add_argument("--duration", type=float, metavar="SECONDS", help="stop after this many seconds")
    cli.add_argument("--log", type=Path, metavar="FILE", help="write each violation as a JSON line to FILE")
    cli.add_argument("--junit-xml", type=Path, metavar="PATH", help="on stop, write a JUnit report to PATH")
    cli.add_argument(
        "--markdown",
        type=Path,
        metavar="PATH",
        help=f"on stop, append Markdown to PATH (default: ${STEP_SUMMARY} when set)",
    )
    cli.add_argument("--strict", action="store_true", help="exit 2 when any exchange went unjudged")
    cli.add_argument(
        "--max-body",
        type=int,
        default=1024 * 1024,
        metavar="BYTES",
        help="bodies larger than this pass unjudged (default: 1 MiB)",
    )
    cli.add_argument(
        "--queue",
        type=int,
        default=1000,
        metavar="N",
        help="exchanges waiting to be judged at most; more pass unjudged (default: 1000)",
    )
    cli.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="wait this long for the upstream to answer (default: 60)",
    )
    cli.add_argument(
        "--insecure", action="store_true", help="do not verify the upstream's TLS certificate (default: verify)"
    )
    cli.add_argument(
        "--token-env",
        default=DEFAULT_TOKEN_VARIABLE,
        metavar="NAME",
        help=f"the variable reproduce commands read the token from (default: {DEFAULT_TOKEN_VARIABLE})",
    )
    return cli


def checked(arguments: argparse.Namespace) -> None:
    parts = urlsplit(arguments.upstream)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"--upstream must be an http:// or https:// URL, not {arguments.upstream!r}")
    if parts.query or parts.fragment:
        raise UsageError("--upstream takes no query or fragment: it is where the spec's paths are served")
    for name in ("max_body", "queue"):
        if getattr(arguments, name) < 1:
            raise UsageError(f"--{name.replace('_', '-')} must be at least 1")
    if arguments.duration is not None and arguments.duration <= 0:
        raise UsageError("--duration must be more than 0 seconds")


def main(argv: Sequence[str] | None = None) -> int:
    try:
        arguments = parser().parse_args(list(sys.argv[2:] if argv is None else argv))
        checked(arguments)
        settings = Settings(
            upstream=arguments.upstream.rstrip("/"),
            max_body=arguments.max_body,
            timeout=arguments.timeout,
            verify_tls=not arguments.insecure,
            token_variable=arguments.token_env,
        )
        log = arguments.log.open("a", encoding="utf-8") if arguments.log else None
    except ContractError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"error: cannot write the log {arguments.log}: {error.strerror or error}", file=sys.stderr)
        return 2
    with contextlib.ExitStack() as stack:
        if log is not None:
            stack.callback(log.close)
        try:
            listening = bound_socket(arguments.host, arguments.port)
        except OSError as error:
            print(f"error: cannot listen on {arguments.host}:{arguments.port}: {reason(error)}", file=sys.stderr)
            return 2
        proxy = Proxy(arguments.dialect, settings, spec=arguments.spec, log=log)
        server = proxy.server(arguments.host, arguments.port)
        if arguments.duration is not None:
            timer = threading.Timer(arguments.duration, lambda: setattr(server, "should_exit", True))
            timer.daemon = True
            timer.start()
        print(
            f"proxy: http://{arguments.host}:{arguments.port} -> {settings.upstream}, judging against the "
            f"{arguments.dialect} contract (Ctrl-C stops and reports)",
            flush=True,
        )
        with contextlib.suppress(KeyboardInterrupt):  # uvicorn re-raises Ctrl-C once it has shut down
            server.run(sockets=[listening])
        run = Run(arguments.dialect, settings.upstream, proxy.stop(), arguments.strict)
        return report(run, proxy, arguments)
    return 2  # unreachable: the block returns


def report(run: Run, proxy: Proxy, arguments: argparse.Namespace) -> int:
    coverage = proxy.coverage()
    print(summary(run, proxy.tally, coverage), flush=True)
    target = arguments.markdown or (Path(os.environ[STEP_SUMMARY]) if os.environ.get(STEP_SUMMARY) else None)
    try:
        if arguments.junit_xml is not None:
            arguments.junit_xml.parent.mkdir(parents=True, exist_ok=True)
            arguments.junit_xml.write_text(junit_xml(run, proxy.tally, coverage), encoding="utf-8")
        if target is not None:
            with target.open("a", encoding="utf-8") as page:
                page.write(markdown(run, proxy.tally, coverage))
    except OSError as error:
        print(f"error: cannot write a report: {error.strerror or error}", file=sys.stderr)
        return 2
    return run.exit_status(proxy.tally)
