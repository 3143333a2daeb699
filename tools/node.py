"""Where the npm tools of package.json are, and how to run one of them quietly."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "node_modules" / ".bin"
SPECS = ROOT / "specs"

# Redocly would otherwise send usage data and print update notices; nothing here should reach the network.
QUIET = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true", "NO_UPDATE_NOTIFIER": "1"}


def tool(name: str) -> str:
    """The path of an installed npm tool; `make` installs them with `npm ci` before calling us."""
    path = BIN / name
    if not path.exists():
        raise SystemExit(f"{name} is not installed in {BIN}: run `npm ci` (make does it on first use)")
    return str(path)


def run(args: list[str], *, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a tool to the end, its output captured; `env` adds to (or overrides) this process's environment."""
    environment = {**os.environ, **QUIET, **(env or {})}
    return subprocess.run(args, cwd=cwd, env=environment, capture_output=True, text=True, check=False)
