"""The side by side of the proxy and Prism's proxy on the scripted traffic: the proxy's column, Prism left out."""

from __future__ import annotations

import pytest

from bench import prism
from tests.faulty.proxy_compare import main


def test_a_small_comparison_counts_the_faults_the_proxy_caught(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prism, "available", lambda: False)

    assert main(["--dialect", "b3os", "--fault", "oldest_first", "--fault", "wrong_type"]) == 0

    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines() if line.strip()}
    assert lines["b3os:"].startswith("b3os: without a fault, the proxy reports nothing")
    assert lines["oldest_first"].split()[1:3] == ["proxy", "caught"]
    assert lines["wrong_type"].split()[1:3] == ["proxy", "caught"]
    assert lines["2"] == "2 faults: the proxy caught 2 (2 under their own rule), Prism's proxy n/a"
