"""The in-process bench: CPU time per never-seen request of each read operation, only for answers that are 200s."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from bench import in_process


@pytest.mark.slow
def test_every_read_operation_of_a_dialect_gets_a_time_per_request() -> None:
    timings = in_process.measure("cortex-v1", rounds=2, limit=50)
    assert set(timings) == {"list", "get"}
    assert all(micros > 0 for micros in timings.values())


@pytest.mark.slow
def test_the_collector_is_left_as_it_was_found() -> None:
    threshold = gc.get_threshold()
    in_process.measure("b3os", rounds=1, limit=5)
    assert gc.get_threshold() == threshold
    assert gc.get_freeze_count() == 0


@pytest.mark.slow
def test_a_load_the_mock_refuses_is_never_timed() -> None:
    with pytest.raises(RuntimeError, match=r"cortex-v1 list: the mock answered \[401\], not 200"):
        in_process.measure("cortex-v1", rounds=1, token="not-the-token", limit=5)


def test_the_scope_is_a_get_of_the_path_and_query_with_the_given_headers() -> None:
    scope = in_process.scope_of("/runs/7?limit=3&offset=1", [(b"authorization", b"Bearer t")])
    assert (scope["method"], scope["path"], scope["raw_path"], scope["query_string"]) == (
        "GET",
        "/runs/7",
        b"/runs/7",
        b"limit=3&offset=1",
    )
    assert (b"authorization", b"Bearer t") in scope["headers"]


def test_fewer_than_one_round_is_refused_in_one_line() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "bench.in_process", "--rounds", "0"], capture_output=True, text=True, check=False
    )
    assert finished.returncode == 2
    assert finished.stderr.strip().splitlines()[-1].endswith("--rounds must be at least 1")
