"""The soak run's load: the single requests that set what every answer must be, then the connections repeating
them and tallying every fault."""

from __future__ import annotations

import itertools
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from bench.http1 import Answer, Connection, DroppedError, get_request
from bench.processes import HOST
from bench.soak_mix import VALID, Probe
from bench.spec import violations

EXAMPLES = 10
REQUEST_ID = re.compile(rb'"requestId":"req_[0-9a-f]{16}"')
"""b3os' request id, every answer's own: the one part of a body that differs between two answers to a request."""


def but_request_id(answer: Answer) -> Answer:
    return Answer(answer.status, answer.head, REQUEST_ID.sub(b'"requestId":"req_"', answer.body, count=1))


@dataclass
class Tally:
    served: Counter[str] = field(default_factory=Counter)
    """Answers received, by probe kind."""
    server_errors: int = 0
    dropped: int = 0
    wrong: int = 0
    examples: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(self.served.values())

    def note(self, example: str) -> None:
        if len(self.examples) < EXAMPLES and example not in self.examples:
            self.examples.append(example)


@dataclass(frozen=True)
class Step:
    probe: Probe
    request: bytes
    expected: Answer


@dataclass
class Plan:
    """The steps taken in turn by every connection, until the deadline or the request budget is reached."""

    steps: list[Step]
    deadline: float
    max_requests: int
    turn: Iterator[int] = field(default_factory=itertools.count)

    def next_step(self, tally: Tally) -> Step | None:
        if time.monotonic() >= self.deadline or tally.requests + tally.dropped >= self.max_requests:
            return None
        return self.steps[next(self.turn) % len(self.steps)]


def describe(probe: Probe, expected: Answer, got: Answer) -> str:
    what = f"{probe.dialect} {probe.kind} GET {probe.target}"
    if got.status != expected.status:
        return f"{what}: expected {expected.status}, got {got.status}: {got.body[:200]!r}"
    if got.head != expected.head:
        before, after = set(expected.head.split(b"\r\n")), set(got.head.split(b"\r\n"))
        return f"{what}: headers differ from the single request's: {sorted(before - after)} -> {sorted(after - before)}"
    return f"{what}: body differs from the single request's: {got.body[:200]!r}"


async def baseline(connection: Connection, probes: list[Probe], port: int, tally: Tally) -> list[Step]:
    """Each probe once, alone: the answer the load must reproduce, checked for its status and against the spec."""
    steps = []
    for probe in probes:
        request = get_request(HOST, port, probe.target, probe.headers)
        try:
            answer = await connection.exchange(request)
        except DroppedError as error:
            tally.dropped += 1
            tally.note(f"{probe.dialect} GET {probe.target}: dropped on its single request: {error}")
            continue
        if answer.status != probe.expected:
            tally.wrong += 1
            tally.note(f"{probe.dialect} {probe.kind} GET {probe.target}: {answer.status}, not {probe.expected}")
        for message in violations(probe.dialect, answer.status, answer.body)[:1]:
            tally.wrong += 1
            tally.note(f"{probe.dialect} {probe.kind} GET {probe.target}: does not match its spec: {message}")
        steps.append(Step(probe, request, answer))
    return steps


async def load(connection: Connection, plan: Plan, tally: Tally) -> None:
    try:
        while (step := plan.next_step(tally)) is not None:
            try:
                answer = await connection.exchange(step.request)
            except DroppedError as error:
                tally.dropped += 1
                tally.note(f"{step.probe.dialect} GET {step.probe.target}: dropped: {error}")
                continue
            tally.served[VALID if step.probe.kind == VALID else "invalid"] += 1
            if answer.status >= 500:
                tally.server_errors += 1
                tally.note(describe(step.probe, step.expected, answer))
            elif but_request_id(answer) != but_request_id(step.expected):
                tally.wrong += 1
                tally.note(describe(step.probe, step.expected, answer))
    finally:
        await connection.close()
