"""Sharing the mock with other processes (`--state redis://HOST:PORT/DB`): the address, where it may come from, and
what the start banner says about it."""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Callable

STATE_VARIABLE = "WORKFLOW_RUNS_MOCK_STATE"
"""The environment variable naming the `--state` address when neither the command line nor the config file does."""


def state_address(value: object) -> str:
    """Where the data is shared: a Redis address, redis://HOST:PORT/DB."""
    if isinstance(value, str) and re.fullmatch(r"redis://[^/\s]+(/\d+)?", value):
        return value
    shown_value = without_password(value) if isinstance(value, str) else value
    raise ValueError(f"must be a Redis address as redis://HOST:PORT/DB, not {shown_value!r}")


def add_option(cli: argparse.ArgumentParser, address: Callable[[str], str]) -> None:
    """`--state`, its value read by `address`."""
    cli.add_argument(
        "--state",
        type=address,
        metavar="redis://HOST:PORT/DB",
        help="share the data, its clock and its resets with every mock process started on this Redis with the same "
        f"seed, so several workers or hosts serve as one mock (default: ${STATE_VARIABLE}, else this process only)",
    )


def from_environment() -> str | None:
    """The address the environment names (not checked yet), or None."""
    return os.environ.get(STATE_VARIABLE) or None


def without_password(address: str) -> str:
    """A Redis address as it may be shown: any user and password left out."""
    return re.sub(r"//[^/@]*@", "//", address)


def banner_lines(workers: int, state: str | None, seed: int) -> list[str]:
    """The start banner's lines on what the mock shares with other processes (none when it is alone)."""
    if state is not None:
        return [f"  state      shared on {without_password(state)} with every mock of seed {seed} on it"]
    if workers > 1:
        return [
            f"  writes     off: {workers} workers share no state, so writes answer 503 "
            "(share it with --state redis://HOST:PORT/DB, or use --workers 1)"
        ]
    return []
