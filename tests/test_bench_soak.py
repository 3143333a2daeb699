"""The soak run of bench/ in its CI version: ten seconds of mixed load on a real server process, judged by its
verdict. Nothing here depends on how fast the machine is: only on every answer being right."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.soak import CI_DURATION, MEMORY_GROWTH_LIMIT, SoakOptions, run
from bench.soak_mix import VALID, probes_of
from workflow_runs_specs import DIALECTS

# Every dialect's path parameters in one: each dialect takes the names its path has.
PARAMS = {"workspace_id": "w", "workflow_id": "f", "id": "f", "app_id": "a", "org_id": "o"}
FIXTURE = {"token": "t0k3n", "params": PARAMS}


@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_mix_has_valid_and_every_kind_of_invalid_request_on_every_dialect(dialect: str) -> None:
    kinds = Counter(probe.kind for probe in probes_of(dialect, FIXTURE))
    assert kinds[VALID] >= 1
    assert {"missing token", "unknown token"} <= kinds.keys()
    assert {"unknown workflow", "unknown org"} & kinds.keys()
    if dialect != "aitasker":  # its endpoint has no query parameter to page, filter or get wrong
        assert kinds[VALID] >= 5
        assert {"bad enum", "out of bounds"} <= kinds.keys()


@pytest.mark.slow
def test_ten_seconds_of_mixed_load_get_every_answer_right_without_5xx_drops_or_memory_growth() -> None:
    verdict = run(SoakOptions(duration=CI_DURATION))
    tally = verdict.tally
    examples = "\n".join(tally.examples)
    assert verdict.server_alive, verdict.server_log
    assert tally.served[VALID] > 0
    assert tally.served["invalid"] > 0
    assert tally.server_errors == 0, examples
    assert tally.dropped == 0, examples
    assert tally.wrong == 0, examples
    assert verdict.memory.growth < MEMORY_GROWTH_LIMIT, verdict.memory
    assert verdict.passed
