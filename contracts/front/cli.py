"""`python -m contracts` / `workflow-runs-contracts`: check a live server against a dialect's contract.

Exit status: 0 the server conforms (every check that could judge passed, and with --strict every check that
applies judged and the run exercised what --require-coverage asks), 1 a check failed, 2 the run could not be done
or could not judge (one line on stderr says why). Every run ends with its coverage of the spec, which the JUnit,
JSON (--json-report) and Markdown (--markdown, $GITHUB_STEP_SUMMARY) reports carry too.
The token comes from --token, --token-env NAME or $CONTRACTS_TOKEN, and is never printed.

Three subcommands work on the specs themselves, for API reviewers; they hand over, by module name, to the review
tools' own command (`workflow-runs-review diff|lint|docs`, package `spec_review`), which the checker never imports:

    python -m contracts diff OLD NEW      what changed between two specs, breaking or not (exit 1 if breaking)
    python -m contracts lint-specs        rules beyond validity over the five specs (or the files given)
    python -m contracts docs [--check]    regenerate docs/ (or fail when it is stale)
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import NoReturn

from contracts.core.errors import ContractError, UndecidedError, UsageError
from contracts.core.redaction import DEFAULT_TOKEN_VARIABLE, Secret
from contracts.coverage.coverage import REQUIREMENTS, requirements
from contracts.dialects import DIALECTS
from contracts.front.json_report import write_json_report
from contracts.front.junit import unwritable, write_junit
from contracts.front.markdown import markdown
from contracts.front.report import ConsoleObserver, render_summary
from contracts.running.runner import Report, run_contract
from contracts.target.inputs import DEFAULT_MAX_EXAMPLES, DEFAULT_MAX_WAIT, DEFAULT_MAX_WRITES, Options, Target

__all__ = ["main"]

STEP_SUMMARY = "GITHUB_STEP_SUMMARY"


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse would print the whole usage; the contract of this command is one line on stderr.
        raise UsageError(f"{message} (see --help)")


def program_name() -> str:
    """`workflow-runs-contracts` when run as the console script, `python -m contracts` otherwise."""
    name = Path(sys.argv[0]).name
    return "python -m contracts" if name in ("", "__main__.py", "-c") else name


def package_version() -> str:
    try:
        return metadata.version("workflow-runs-mock")
    except metadata.PackageNotFoundError:
        return "(unknown: the package is not installed)"


def parser() -> Parser:
    cli = Parser(
        prog=program_name(),
        description="Check a live implementation of a vendor's list-workflow-runs API against its contract: "
        "the spec's schemas (with Schemathesis) and what the spec says beyond them (paging, ordering, filters, "
        "ownership, timeline, not found, auth).",
        epilog="Exit status: 0 conforms, 1 a check failed, 2 the run could not be done or (with --strict) a check "
        "that applies had nothing to judge, or the run exercised less than --require-coverage asks. "
        "Subcommands for the specs: diff OLD NEW, lint-specs, docs (see each one's --help).",
    )
    cli.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    cli.add_argument("--dialect", required=True, help=f"the API's dialect: {', '.join(DIALECTS)}")
    cli.add_argument(
        "--base-url", required=True, help="where the spec's paths are served, e.g. https://staging.example.com"
    )
    cli.add_argument(
        "--token",
        help="a valid API token, sent as 'Authorization: Bearer <token>' (--token-env keeps it off the command line)",
    )
    cli.add_argument(
        "--token-env",
        metavar="NAME",
        help=f"read the token from the environment variable NAME (default: ${DEFAULT_TOKEN_VARIABLE}, when set)",
    )
    cli.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="pin a path parameter to a resource that exists on the server (its tenant, its workflow); repeatable",
    )
    cli.add_argument(
        "--sandbox",
        metavar="NAME",
        help="run in this sandbox of a workflow-runs mock: 'X-Mock-Sandbox: NAME' is sent with every request, so "
        "runs in parallel on one mock never see each other's writes",
    )
    cli.add_argument(
        "--max-examples",
        type=int,
        default=DEFAULT_MAX_EXAMPLES,
        help=f"examples Hypothesis generates per phase (default: {DEFAULT_MAX_EXAMPLES})",
    )
    cli.add_argument("--seed", type=int, default=0, help="the same seed sends the same requests (default: 0)")
    cli.add_argument("--junit-xml", type=Path, metavar="PATH", help="also write a JUnit XML report to PATH")
    cli.add_argument(
        "--json-report",
        type=Path,
        metavar="PATH",
        help="also write the whole report as JSON to PATH: checks, findings with curls, writes, coverage",
    )
    cli.add_argument(
        "--markdown",
        type=Path,
        metavar="PATH",
        help=f"also append the report as Markdown to PATH (default: ${STEP_SUMMARY} when set)",
    )
    cli.add_argument("--spec", type=Path, metavar="PATH", help="the OpenAPI document to use (default: the dialect's)")
    cli.add_argument(
        "--continue-on-failure", action="store_true", help="run every check even after one failed (default: stop)"
    )
    cli.add_argument(
        "--allow-writes",
        action="store_true",
        help="also send the spec's write operations: they create and cancel runs on the target (default: read-only)",
    )
    cli.add_argument(
        "--max-writes",
        type=int,
        help=f"with --allow-writes, create at most this many runs, the write checks' and the schema phase's together "
        f"(default: {DEFAULT_MAX_WRITES})",
    )
    cli.add_argument(
        "--max-wait",
        type=float,
        default=DEFAULT_MAX_WAIT,
        metavar="SECONDS",
        help=f"wait at most this long each time the server answers 429 (rate limited); a longer Retry-After is a "
        f"finding (default: {DEFAULT_MAX_WAIT:g})",
    )
    cli.add_argument(
        "--strict",
        action="store_true",
        help="exit 2 when a check that applies had no data to judge (default: report it, and exit 0 if nothing failed)",
    )
    cli.add_argument(
        "--require-coverage",
        action="append",
        default=[],
        metavar="WHAT",
        help=f"with --strict, exit 2 unless the run exercised every operation of the spec, saw every documented "
        f"status or followed every link: {', '.join(REQUIREMENTS)} (repeatable, or a comma list; a read-only run "
        "counts only the safe operations)",
    )
    return cli


VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def token_from(arguments: argparse.Namespace) -> tuple[str | None, str, bool]:
    """The token, the variable reproduction commands name, and whether the token came from that variable."""
    if arguments.token is not None and arguments.token_env is not None:
        raise UsageError("give --token or --token-env, not both")
    if arguments.token is not None:
        if not arguments.token:
            raise UsageError("--token is empty")
        return arguments.token, DEFAULT_TOKEN_VARIABLE, False
    if arguments.token_env is not None:
        name = arguments.token_env
        if not VARIABLE_NAME.fullmatch(name):
            raise UsageError(f"--token-env must name an environment variable, not {name!r}")
        if not os.environ.get(name):
            raise UsageError(f"--token-env {name}: the environment variable {name} is not set or is empty")
        return os.environ[name], name, True
    default = os.environ.get(DEFAULT_TOKEN_VARIABLE) or None
    return default, DEFAULT_TOKEN_VARIABLE, default is not None


def pinned(assignments: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for assignment in assignments:
        name, separator, value = assignment.partition("=")
        if not separator or not name or not value:
            raise UsageError(f"--param must be NAME=VALUE, not {assignment!r}")
        if name in params:
            raise UsageError(f"--param {name} is given twice")
        params[name] = value
    return params


SUBCOMMANDS = {
    "diff": "spec_review.spec_diff",
    "lint-specs": "spec_review.spec_lint",
    "docs": "spec_review.docs_site",
    "proxy": "contracts.proxy.cli",
}


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    if given and given[0] in SUBCOMMANDS:
        command: Callable[[Sequence[str]], int] = importlib.import_module(SUBCOMMANDS[given[0]]).main
        return command(given[1:])
    secret = Secret()
    try:
        arguments = parser().parse_args(given)
        token, variable, from_environment = token_from(arguments)
        secret = Secret(token, variable)
        target = Target(
            dialect=arguments.dialect,
            base_url=arguments.base_url,
            token=token,
            params=pinned(arguments.param),
            spec=arguments.spec,
            token_variable=variable,
            token_from_environment=from_environment,
            sandbox=arguments.sandbox,
        )
        if arguments.max_writes is not None and not arguments.allow_writes:
            raise UsageError("--max-writes limits the runs --allow-writes creates: give --allow-writes too")
        options = Options(
            max_examples=arguments.max_examples,
            seed=arguments.seed,
            continue_on_failure=arguments.continue_on_failure,
            strict=arguments.strict,
            allow_writes=arguments.allow_writes,
            max_writes=DEFAULT_MAX_WRITES if arguments.max_writes is None else arguments.max_writes,
            max_wait=arguments.max_wait,
            require_coverage=requirements(arguments.require_coverage),
        )
        outputs = report_paths(arguments)
        observer = ConsoleObserver()
        observer.started(target, options)
        report = run_contract(target, options, observer)
        print(render_summary(report), flush=True)
        write_reports(report, outputs)
        if report.undecided is not None:
            raise UndecidedError(f"could not judge: {report.undecided}")
    except ContractError as error:
        print(secret.redact(f"error: {error}"), file=sys.stderr)
        return 2
    except OSError as error:
        print(f"error: cannot write a report: {error.strerror or error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted before a verdict", file=sys.stderr)
        return 2
    return 0 if report.conforms else 1


def report_paths(arguments: argparse.Namespace) -> dict[str, Path]:
    """Where each report goes (by its option), each checked writable before the run sends anything."""
    paths: dict[str, Path] = {
        option: path
        for option, path in (
            ("--junit-xml", arguments.junit_xml),
            ("--json-report", arguments.json_report),
            ("--markdown", arguments.markdown),
        )
        if path is not None
    }
    if "--markdown" not in paths and os.environ.get(STEP_SUMMARY):
        paths[f"${STEP_SUMMARY}"] = Path(os.environ[STEP_SUMMARY])
    for option, path in paths.items():
        if (reason := unwritable(path)) is not None:
            raise UsageError(f"{option} {path}: {reason}")
    return paths


def write_reports(report: Report, paths: dict[str, Path]) -> None:
    for option, path in paths.items():
        if option == "--junit-xml":
            write_junit(report, path)
        elif option == "--json-report":
            write_json_report(report, path)
        else:  # Markdown is appended, as a CI job's summary page collects every step's
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as page:
                page.write(markdown(report))
