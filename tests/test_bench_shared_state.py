"""The shared-state bench starts its own redis-server and mocks and prints one row per figure it measures."""

from __future__ import annotations

import re

import pytest

from bench.shared_state import main


@pytest.mark.slow
def test_the_bench_prints_reads_and_their_ratio_writes_lag_and_memory_of_idle_sandboxes_in_both_modes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--reads", "50", "--writes", "20", "--lags", "10", "--sandboxes", "5", "--connections", "2"]) == 0

    reads, ratio, writes, lag, *memory = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"never-seen reads, one worker: in memory \d+/s, --state redis \d+/s", reads)
    assert re.match(r"  ratio \d+\.\d\dx \(goal >= 0\.7x\); .*-m mock_server .*--state redis://HOST:PORT/0", ratio)
    assert re.fullmatch(r"writes, --state redis, two workers: \d+/s \(20 b3os triggers\)", writes)
    assert re.fullmatch(r"read-your-writes lag \(write on A, poll B\), 10 writes: median [\d.]+ ms, p99 [\d.]+ ms", lag)
    assert [row.split(":")[0] for row in memory] == [
        "memory, 5 idle sandboxes, in memory",
        "memory, 5 idle sandboxes, --state redis",
    ]


def test_a_count_below_one_is_refused() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--sandboxes", "0"])
    assert exit_info.value.code == 2
