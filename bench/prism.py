"""Stoplight Prism, installed by `make bench` into bench/.node, mocking a dialect's spec with its defaults."""

from __future__ import annotations

from pathlib import Path

from bench.processes import shown
from workflow_runs_specs import spec_path

BINARY = Path(__file__).resolve().parent / ".node" / "node_modules" / ".bin" / "prism"


def available() -> bool:
    return BINARY.is_file()


def argv(dialect: str, port: int) -> list[str]:
    # Static examples and info-level logging are Prism's defaults, i.e. what a team adopting it would run.
    return [str(BINARY), "mock", shown(spec_path(dialect)), "-p", str(port)]
