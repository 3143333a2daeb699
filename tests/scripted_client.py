"""A scripted client: the traffic a frontend or an e2e suite sends to one dialect's API, for the proxy's tests
and `make bench-faults`. It lists, pages, filters, gets (also with the flags the get shares with the list),
triggers (also through a stale link: a tenant or workflow that is not there), retries or replays a run not
finished, and cancels, as the spec and the suite's dialect description say how, and records every answer so two
runs can be compared byte for byte.

    answers = ScriptedClient("http://127.0.0.1:8000/b3os", "b3os", fixture).run()

`mistakes=True` adds requests the spec refuses, as real traffic has them: no token (a signed-out page), a page
size out of bounds, a filter value in another case, an undeclared query parameter, and (with writes) a trigger body
with a field the spec does not define or that is not an object.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from contracts.checks.refusals import UNKNOWN_FIELD
from contracts.core.json_path import dig
from contracts.dialects import DIALECTS
from contracts.dialects.base import Dialect, Replay
from workflow_runs_specs.reader import Spec

WALK_SIZE = 7
"""Small enough that every demo list takes several pages, and ends on a short one."""
MOST_PAGES = 12
VARYING = frozenset({"date", "connection", "keep-alive", "transfer-encoding"})
"""Headers that differ from one answer to the next (Date), or are hop-by-hop; left out of comparisons."""


@dataclass(frozen=True)
class Reply:
    request: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


def made_up(identifier: str) -> str:
    """An id of the same form that names nothing: its last character changed (to a digit, so a uuid stays one)."""
    return identifier[:-1] + ("0" if identifier[-1] != "0" else "1")


@dataclass
class ScriptedClient:
    base_url: str
    dialect_name: str
    fixture: Mapping[str, Any]
    writes: bool = True
    mistakes: bool = False
    replies: list[Reply] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.dialect: Dialect = DIALECTS[self.dialect_name]
        self.spec = Spec.of_dialect(self.dialect_name)
        self.params: dict[str, str] = dict(self.fixture["params"])
        self.token = str(self.fixture["token"])
        self.http = httpx.Client(timeout=30, trust_env=False)

    def path_of(self, operation_id: str | None, **values: str) -> str:
        operation = self.spec.list_runs() if operation_id is None else self.spec.operation(operation_id)
        path = operation.path
        for name, value in {**self.params, **values}.items():
            path = path.replace("{" + name + "}", quote(value, safe=""))
        return path

    def send(
        self, method: str, path: str, query: Mapping[str, str] | None = None, body: Any = None, *, token: bool = True
    ) -> httpx.Response:
        target = path + (f"?{urlencode(dict(query))}" if query else "")
        headers = {"Authorization": f"Bearer {self.token}"} if token else {}
        answer = self.http.request(method, self.base_url + target, headers=headers, json=body)
        kept = tuple((name, value) for name, value in answer.headers.multi_items() if name not in VARYING)
        self.replies.append(Reply(f"{method} {target}", answer.status_code, kept, answer.content))
        return answer

    def runs(self, answer: httpx.Response) -> list[Mapping[str, Any]]:
        """The runs of a list answer that have an id; none when it is not a list of runs (a faulty server)."""
        try:
            runs = self.dialect.runs_in(answer.json()) if answer.status_code == 200 else []
        except ValueError:  # not JSON, or not the dialect's list (ShapeError)
            return []
        return [run for run in runs if isinstance(run.get("id"), str)]

    def run(self) -> list[Reply]:
        try:
            listed = self.lists()
            self.gets(listed)
            if self.writes and self.dialect.writes is not None:
                self.write_traffic(listed)
            if self.mistakes:
                self.refused()
        finally:
            self.http.close()
        return self.replies

    def lists(self) -> list[Mapping[str, Any]]:
        path, paging = self.path_of(None), self.dialect.paging
        first = self.runs(self.send("GET", path))
        owner = self.dialect.workflow_parameter or self.dialect.tenant_parameter
        if owner is not None:  # a stale link: a workflow (or tenant) that is not there
            self.send("GET", self.path_of(None, **{owner: made_up(self.params[owner])}))
        if paging is None:
            return first
        named = paging.query(0, 1)[paging.position_parameter]
        self.send("GET", path, {paging.position_parameter: named})
        for index in range(MOST_PAGES):
            if len(self.runs(self.send("GET", path, paging.query(index, WALK_SIZE)))) < WALK_SIZE:
                break
        for item in self.dialect.filters:
            documented = self.enum(item.parameter)
            shown = Counter(str(run.get(item.field)) for run in first if str(run.get(item.field)) in documented)
            value = shown.most_common(1)[0][0] if shown else documented[-1]
            for index in range(2):
                self.send("GET", path, {**paging.query(index, WALK_SIZE), item.parameter: value})
            if item.all_value is not None:
                self.send("GET", path, {**paging.query(0, WALK_SIZE), item.parameter: item.all_value})
        return first

    def enum(self, parameter: str) -> list[str]:
        schema = self.spec.resolve(self.spec.list_runs().parameters[parameter]["schema"])
        return [str(value) for value in schema["enum"]]

    def get_path(self, run_id: str, **values: str) -> str | None:
        writes = self.dialect.writes
        if self.dialect.get_run is None or writes is None:
            return None
        return self.path_of(self.dialect.get_run, **{writes.run_parameter: run_id, **values})

    def flags(self) -> dict[str, str]:
        """The query parameters the get shares with the list (cortex's `verbose`), each set to a value that shapes
        the answer: the first of its enum (of its items' enum), or true."""
        if self.dialect.get_run is None:
            return {}
        get, listing = self.spec.operation(self.dialect.get_run), self.spec.list_runs()
        chosen = {}
        for name in sorted(set(get.parameter_names("query")) & set(listing.parameter_names("query"))):
            schema = self.spec.resolve(get.parameters[name]["schema"])
            values = schema.get("enum") or self.spec.resolve(schema.get("items", {})).get("enum")
            if values or schema.get("type") == "boolean":
                chosen[name] = str(values[0]) if values else "true"
        return chosen

    def gets(self, listed: list[Mapping[str, Any]]) -> None:
        if not listed:
            return
        for run in listed[:3]:
            path = self.get_path(str(run["id"]))
            if path is not None:
                self.send("GET", path)
        if flags := self.flags():  # the list and the get of its runs, both asked with the flags
            for run in self.runs(self.send("GET", self.path_of(None), flags))[:3]:
                self.send("GET", self.get_path(str(run["id"])) or "", flags)
        unknown = self.get_path(made_up(str(listed[0]["id"])))
        if unknown is not None:
            self.send("GET", unknown)
        if self.dialect.workflow_parameter and self.dialect.get_names_owner:
            elsewhere = self.get_path(
                str(listed[0]["id"]),
                **{self.dialect.workflow_parameter: made_up(self.params[self.dialect.workflow_parameter])},
            )
            self.send("GET", elsewhere or "")

    def bodies(self, operation_id: str, smallest: Any) -> list[Any]:
        """The named examples of the operation's request body, as a client copying the docs sends them, then the
        smallest body the spec accepts."""
        described = self.spec.operation(operation_id).definition.get("requestBody")
        content = self.spec.resolve(described or {}).get("content", {}).get("application/json", {})
        examples = [self.spec.resolve(example).get("value") for example in content.get("examples", {}).values()]
        return [*(example for example in examples if example is not None), smallest]

    def first_accepted(self, method: str, path: str, operation_id: str, smallest: Any) -> httpx.Response:
        """The operation sent with each body until one is accepted (an example may name what the server lacks)."""
        for body in self.bodies(operation_id, smallest):
            answer = self.send(method, path, body=body)
            if answer.status_code < 300:
                break
        return answer

    def write_traffic(self, listed: list[Mapping[str, Any]]) -> None:
        writes = self.dialect.writes
        assert writes is not None
        finished = [run for run in listed if str(run.get("status")) in self.dialect.timeline.ended]
        if not finished:
            return  # a list without runs (or without finished ones) leaves nothing to write on
        # invent's trigger names a workflow its list does not: the fixtures pin it (`workflow_id`) as the suite does.
        trigger = writes.trigger
        trigger_path = self.path_of(trigger.operation)
        owners = self.spec.operation(trigger.operation).parameter_names("path")
        for owner in (name for name in owners if name in self.params):  # a stale link: an owner that is not there
            self.send(
                "POST", self.path_of(trigger.operation, **{owner: made_up(self.params[owner])}), body=trigger.body
            )
        if self.mistakes:
            self.send("POST", trigger_path, body={**(trigger.body or {}), UNKNOWN_FIELD: "x"})
            self.send("POST", trigger_path, body=[trigger.body or {}])
        triggered = self.first_accepted("POST", trigger_path, trigger.operation, trigger.body)
        created = dig(triggered.json(), trigger.created_id) if triggered.status_code < 300 else None
        created = created if isinstance(created, str) else None
        self.send("GET", self.path_of(None))
        if created and (path := self.get_path(created)):
            self.send("GET", path)
            for again in (kind for kind in (writes.retry, writes.replay) if kind is not None):  # it has not finished
                body = again.body if isinstance(again, Replay) else None
                self.send("POST", self.path_of(again.operation, **{writes.run_parameter: created}), body=body)
            self.send("GET", path)
        if writes.cancel and created:
            cancel = writes.cancel.operation
            tenant = self.dialect.tenant_parameter
            if tenant and tenant in self.params:  # a mistaken link: the run through another tenant
                other = {tenant: made_up(self.params[tenant])}
                self.send("POST", self.path_of(cancel, **{writes.run_parameter: created, **other}))
            self.send("POST", self.path_of(cancel, **{writes.run_parameter: created}))
            if path := self.get_path(created):
                self.send("GET", path)
            self.send("GET", self.path_of(None))
            self.send("POST", self.path_of(cancel, **{writes.run_parameter: str(finished[0]["id"])}))
            self.send("POST", self.path_of(cancel, **{writes.run_parameter: f"{created}0"}))  # names no run
        if writes.retry:
            failed = next((run for run in listed if run.get("status") == "failure"), finished[0])
            self.send("POST", self.path_of(writes.retry.operation, **{writes.run_parameter: str(failed["id"])}))
        if writes.replay:
            replayed = self.path_of(writes.replay.operation, **{writes.run_parameter: str(finished[0]["id"])})
            self.first_accepted("POST", replayed, writes.replay.operation, writes.replay.body)
        if writes.retention:
            run_id = str(finished[0]["id"])
            changed = self.path_of(writes.retention.operation, **{writes.run_parameter: run_id})
            self.first_accepted("PATCH", changed, writes.retention.operation, writes.retention.body)
            if path := self.get_path(run_id):
                self.send("GET", path)
        if writes.ephemeral:
            self.ephemeral_traffic()

    def ephemeral_traffic(self) -> None:
        writes = self.dialect.writes
        assert writes is not None
        assert writes.ephemeral is not None
        ephemeral = writes.ephemeral
        run_id = f"{ephemeral.run_id_prefix}scripted{len(self.replies):08d}"
        body = {**ephemeral.body, ephemeral.run_id_field: run_id}
        answer = self.send("POST", self.path_of(ephemeral.operation), body=body)
        created = dig(answer.json(), ephemeral.created_id) if answer.status_code < 300 else None
        if isinstance(created, str) and (path := self.get_path(created)):
            self.send("GET", path)
        self.send("GET", self.path_of(None))

    def refused(self) -> None:
        """Requests the spec refuses, as real traffic has a few."""
        path, paging = self.path_of(None), self.dialect.paging
        self.send("GET", path, token=False)
        owner = self.dialect.workflow_parameter or self.dialect.tenant_parameter
        if owner is not None:
            self.send("GET", self.path_of(None, **{owner: "not an id"}))
        self.send("GET", path, {"pagesize": "5"})
        if paging is not None:
            self.send("GET", path, {paging.size_parameter: "0"})
        for item in self.dialect.filters[:1]:
            self.send("GET", path, {item.parameter: self.enum(item.parameter)[-1].swapcase()})
