"""Side by side on the traffic of the scripted client: the faults the validating proxy reports, under their own
rule or another, and the faults Prism's proxy (`prism proxy`, its defaults) flags in its `sl-violations` header.

    python -m tests.faulty.proxy_compare [--dialect NAME ...] [--fault NAME ...]   (make bench-faults)

One mock with every fault mounted, reset before each run. Prism catches a fault when it flags a response
violation (operation and message) that the same traffic to the mock without a fault did not get.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import httpx

from bench import prism
from contracts.proxy.rules import CLIENT_RULES
from mock_server import Settings, create_app
from tests.faulty import FAULTS, LAYOUTS, faulty
from tests.proxy_support import proxying
from tests.scripted_client import ScriptedClient
from tests.servers import free_port, serving
from workflow_runs_specs import spec_path

ADMIN = "compare-admin"
DEFAULT_DIALECTS = ("b3os", "cortex-v2")


def reset(url: str) -> None:
    httpx.post(f"{url}/__mock__/reset", json={}, headers={"Authorization": f"Bearer {ADMIN}"}).raise_for_status()


def ours(url: str, fixture: dict[str, Any], dialect: str, base: str) -> set[str]:
    reset(url)
    with proxying(dialect, f"{url}/{base}") as running:
        ScriptedClient(running.url, dialect, fixture, mistakes=True).run()
        running.finish()
    return set(running.proxy.tally.violations) - CLIENT_RULES


@contextmanager
def prism_proxy(dialect: str, upstream: str) -> Iterator[str]:
    port = free_port()
    command = [str(prism.BINARY), "proxy", str(spec_path(dialect)), upstream, "-h", "127.0.0.1", "-p", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ))
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                httpx.get(url, timeout=1)
                break
            except httpx.TransportError:
                process.poll()
                if process.returncode is not None:
                    raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}") from None
                subprocess.run(["sleep", "0.1"], check=True)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def theirs(url: str, fixture: dict[str, Any], dialect: str, base: str) -> frozenset[tuple[str, str]]:
    """The (request, message) pairs of the response violations Prism flagged."""
    reset(url)
    with prism_proxy(dialect, f"{url}/{base}") as proxy:
        client = ScriptedClient(proxy, dialect, fixture, mistakes=True)
        client.run()
    found = set()
    for reply in client.replies:
        header = dict(reply.headers).get("sl-violations")
        for item in json.loads(header) if header else []:
            if item.get("location", [""])[0] == "response":
                found.add((reply.request.split("?")[0].rsplit("/", 1)[0], str(item.get("message"))))
    return frozenset(found)


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m tests.faulty.proxy_compare", description=__doc__.split("\n\n")[0])
    cli.add_argument("--dialect", action="append", choices=list(LAYOUTS), help="only these dialects (repeatable)")
    cli.add_argument("--fault", action="append", help="only these faults (repeatable)")
    arguments = cli.parse_args(argv)
    with_prism = prism.available()
    if not with_prism:
        print("Prism not found in bench/.node (make bench-faults installs it with npm): its column is skipped")
    totals = {"faults": 0, "ours": 0, "own rule": 0, "prism": 0}
    with serving(faulty(create_app(Settings(seed=0, clock_speed=0, admin_token=ADMIN)))) as url:
        fixtures = httpx.get(f"{url}/__mock__/fixtures").json()
        for dialect in arguments.dialect or DEFAULT_DIALECTS:
            fixture = fixtures[dialect]
            alarm = ours(url, fixture, dialect, dialect)
            baseline = theirs(url, fixture, dialect, dialect) if with_prism else frozenset()
            print(f"{dialect}: without a fault, the proxy reports {sorted(alarm) or 'nothing'}; Prism {len(baseline)}")
            for fault in FAULTS:
                if not fault.applies(LAYOUTS[dialect]) or (arguments.fault and fault.name not in arguments.fault):
                    continue
                base = f"{fault.name}/{dialect}"
                rules = ours(url, fixture, dialect, base)
                flagged = bool(theirs(url, fixture, dialect, base) - baseline) if with_prism else False
                own = fault.rule(LAYOUTS[dialect]) in rules
                totals["faults"] += 1
                totals["ours"] += bool(rules)
                totals["own rule"] += own
                totals["prism"] += flagged
                mine = "caught" if own else (f"caught as {', '.join(sorted(rules))}" if rules else "-")
                print(f"  {fault.name:<36} proxy {mine[:60]:<60} prism {'caught' if flagged else '-'}", flush=True)
    print(
        f"\n{totals['faults']} faults: the proxy caught {totals['ours']} ({totals['own rule']} under their own "
        f"rule), Prism's proxy {totals['prism'] if with_prism else 'n/a'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
