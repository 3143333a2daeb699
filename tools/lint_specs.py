"""`make lint-specs`: Spectral (spectral:oas), Redocly (recommended) and the project's own lint on every spec.

Any error or warning from any of the three fails it; the rulesets switched off are in .spectral.yaml and
redocly.yaml, each with its reason. Prints one line per problem, and one line when all is clean.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tools.node import ROOT, SPECS, run, tool


def spec_files() -> list[Path]:
    return sorted(SPECS.glob("*.yaml"))


def spectral_problems(specs: list[Path]) -> list[str]:
    done = run(
        [tool("spectral"), "lint", "--ruleset", ".spectral.yaml", "--format", "json", "--quiet", *map(str, specs)]
    )
    try:
        results: list[dict[str, Any]] = json.loads(done.stdout or "[]")
    except json.JSONDecodeError:
        return [f"spectral: could not run: {(done.stderr or done.stdout).strip()}"]
    severity = {0: "error", 1: "warning", 2: "info", 3: "hint"}
    return [
        f"spectral: {Path(result['source']).relative_to(ROOT)}:{result['range']['start']['line'] + 1}: "
        f"{severity.get(result['severity'], '?')} {result['code']}: {result['message']}"
        for result in results
    ]


def redocly_reports(text: str) -> Iterator[dict[str, Any]]:
    """Redocly prints one JSON report per file, one after the other."""
    decoder = json.JSONDecoder()
    position = 0
    text = text.strip()
    while position < len(text):
        report, position = decoder.raw_decode(text, position)
        yield report
        while position < len(text) and text[position].isspace():
            position += 1


def redocly_problems(specs: list[Path]) -> list[str]:
    problems = []
    for spec in specs:
        done = run(
            [tool("redocly"), "lint", "--config", "redocly.yaml", "--format", "json", str(spec.relative_to(ROOT))]
        )
        try:
            reports = list(redocly_reports(done.stdout))
        except json.JSONDecodeError:
            return [f"redocly: could not run: {(done.stderr or done.stdout).strip()[-500:]}"]
        for report in reports:
            for problem in report["problems"]:
                where = problem["location"][0]["pointer"] if problem.get("location") else ""
                problems.append(
                    f"redocly: {spec.relative_to(ROOT)}{where}: {problem['severity']} {problem['ruleId']}: "
                    f"{problem['message']}"
                )
        if done.returncode != 0 and not problems:
            problems.append(f"redocly: {spec.relative_to(ROOT)}: exit {done.returncode}: {done.stderr.strip()[-500:]}")
    return problems


def own_problems() -> list[str]:
    done = run([sys.executable, "-m", "spec_review", "lint"])
    if done.returncode == 0:
        return []
    return [f"lint-specs: {line}" for line in (done.stdout + done.stderr).splitlines() if line.strip()]


def main() -> int:
    specs = spec_files()
    problems = [*spectral_problems(specs), *redocly_problems(specs), *own_problems()]
    for problem in problems:
        print(problem)
    if problems:
        print(f"lint-specs: {len(problems)} problems in {len(specs)} specs", file=sys.stderr)
        return 1
    print(f"lint-specs: {len(specs)} specs clean with Spectral, Redocly and the project's lint")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
