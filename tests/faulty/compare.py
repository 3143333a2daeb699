"""Side by side on the faulty servers: the faults this suite catches under their own rule, and the faults vanilla
Schemathesis (`schemathesis run`, every check, every phase including the stateful one) reports anything about.

    python -m tests.faulty.compare [--dialect NAME ...] [--fault NAME ...] [--max-examples N]  (make bench-faults)

One mock with every fault mounted (`tests.faulty`), on a frozen clock. Per fault and dialect, the suite runs
with `--allow-writes` and stops at its first failure; it catches the fault when it fails (the table says when
the first failure is another rule than the fault's, as when the schema phase sees it first).
Schemathesis runs on the dialect's spec with the demo path parameters pinned and the token as a header. It
raises alarms on the mock without a fault too (schema-valid write bodies the spec's prose refuses, and links
whose target the pinned parameters override), so each of its failures is read from its JUnit report as an
(operation, failure code) pair, and it catches a fault when it reports a pair it did not report in any of three
runs without one.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree

import httpx

from contracts import Options, Target, run_contract
from contracts.core.errors import ContractError
from mock_server import Settings, create_app
from tests.faulty import FAULTS, LAYOUTS, Fault, faulty
from tests.servers import serving
from workflow_runs_specs import spec_path

DEFAULT_DIALECTS = ("b3os", "cortex-v2")
DEFAULT_EXAMPLES = 10
BASELINE_RUNS = 3


def ours(url: str, fixture: dict[str, object], dialect: str, fault: Fault | None, examples: int) -> str | None:
    """The rule the suite's first failure broke (None when nothing failed), or why the run ended early."""
    base = f"{url}/{fault.name}/{dialect}" if fault else f"{url}/{dialect}"
    params = fixture["params"]
    assert isinstance(params, dict)
    target = Target(dialect, base, str(fixture["token"]), params)
    try:
        report = run_contract(target, Options(max_examples=examples, allow_writes=True))
    except ContractError as error:  # the preflight, or a run that could not finish: itself a verdict
        return f"ended: {str(error).splitlines()[0][:60]}"
    return report.failures[0].rule.name if report.failures else None


def vanilla(
    url: str, fixture: dict[str, object], dialect: str, fault: Fault | None, examples: int
) -> frozenset[tuple[str, str]]:
    """The (operation, failure code) pairs `schemathesis run` reported."""
    params = fixture["params"]
    assert isinstance(params, dict)
    base = f"{url}/{fault.name}/{dialect}" if fault else f"{url}/{dialect}"
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch) / "schemathesis.toml"
        pinned = "\n".join(f'"path.{name}" = "{value}"' for name, value in params.items())
        config.write_text(f"[parameters]\n{pinned}\n", encoding="utf-8")
        command = [
            sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "run", str(spec_path(dialect)),
            "--url", base, "-H", f"Authorization: Bearer {fixture['token']}", "--checks", "all",
            "--phases", "examples,coverage,fuzzing,stateful", "-n", str(examples), "--seed", "0",
            "--no-color", "--report", "junit", "--report-junit-path", f"{scratch}/junit.xml",
        ]  # fmt: skip
        subprocess.run(command, capture_output=True, text=True, check=False, cwd=scratch, timeout=600)
        report = ElementTree.parse(f"{scratch}/junit.xml").getroot()
    return frozenset(
        (str(case.get("name")), str(failure.get("message")))
        for case in report.iter("testcase")
        for failure in case.findall("failure")
    )


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m tests.faulty.compare", description=__doc__.split("\n\n")[0])
    cli.add_argument("--dialect", action="append", choices=list(LAYOUTS), help="only these dialects (repeatable)")
    cli.add_argument("--fault", action="append", help="only these faults (repeatable)")
    cli.add_argument("--max-examples", type=int, default=DEFAULT_EXAMPLES, help="per phase, for both tools")
    arguments = cli.parse_args(argv)
    dialects = arguments.dialect or list(DEFAULT_DIALECTS)
    examples = arguments.max_examples
    totals = {"faults": 0, "ours": 0, "own rule": 0, "vanilla": 0}
    with serving(faulty(create_app(Settings(seed=0, clock_speed=0)))) as url:
        fixtures = httpx.get(f"{url}/__mock__/fixtures").json()
        for dialect in dialects:
            fixture = fixtures[dialect]
            alarm = ours(url, fixture, dialect, None, examples)
            # Its stateful phase does not fail alike on every run of one server: the baseline is a few runs' union.
            runs = [vanilla(url, fixture, dialect, None, examples) for _ in range(BASELINE_RUNS)]
            baseline = frozenset().union(*runs)
            shown = ", ".join(f"{code} on {operation}" for operation, code in sorted(baseline)) or "none"
            print(f"{dialect}: without a fault, this suite {alarm or 'conforms'}; vanilla reports {shown}")
            for fault in FAULTS:
                if not fault.applies(LAYOUTS[dialect]) or (arguments.fault and fault.name not in arguments.fault):
                    continue
                verdict = ours(url, fixture, dialect, fault, examples) if alarm is None else None
                theirs = vanilla(url, fixture, dialect, fault, examples) - baseline
                own = verdict == fault.rule(LAYOUTS[dialect])
                totals["faults"] += 1
                totals["ours"] += verdict is not None
                totals["own rule"] += own
                totals["vanilla"] += bool(theirs)
                mine = "caught" if own else (f"caught as {verdict}" if verdict else "-")
                print(f"  {fault.name:<36} this suite {mine:<44} vanilla {'caught' if theirs else '-'}")
    print(
        f"\n{totals['faults']} faults ({', '.join(dialects)}; --max-examples {examples}): this suite caught "
        f"{totals['ours']} ({totals['own rule']} under their own rule), vanilla Schemathesis {totals['vanilla']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
