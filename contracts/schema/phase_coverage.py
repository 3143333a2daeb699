"""What the schema phase exercised: each answered case counted for its operation and status, with the checks that
judged it, and each step of the stateful phase that applied a link's values counted as that link followed (as
Schemathesis counts links covered).

    record_scenario(recorder, exercised)     # for each finished scenario
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from schemathesis.engine.recorder import ScenarioRecorder

from contracts.coverage.coverage import LinkKey
from contracts.coverage.record import Exercised

__all__ = ["record_scenario"]

TRANSITION = re.compile(r" -> \[(?P<status>[^\]]+)\] (?P<name>.+) -> ")
"""The middle of a transition's id: `SOURCE -> [STATUS] NAME -> TARGET` (Schemathesis' `format_transition`)."""


def record_scenario(recorder: ScenarioRecorder, exercised: Exercised) -> None:
    reached: dict[str, str] = {}
    for case_id, interaction in recorder.interactions.items():
        if interaction.response is None:
            continue
        checks = tuple(sorted({check.name for check in recorder.checks.get(case_id, [])}))
        sent = interaction.request
        name = exercised.exchange(sent.method, urlsplit(sent.uri).path, interaction.response.status_code, checks)
        if name is not None:
            reached[case_id] = name
    for case_id, node in recorder.cases.items():
        transition = node.transition
        if transition is None or not node.is_transition_applied or case_id not in reached:
            continue
        source = reached.get(node.parent_id or "")
        found = TRANSITION.search(transition.id)
        if source is not None and found is not None:
            exercised.follow(LinkKey(source, found["status"], found["name"], reached[case_id]))
