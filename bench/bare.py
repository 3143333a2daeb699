"""The ceiling the mock is measured against: a bare Starlette route sending the bytes the mock sent, nothing more.

    python -m bench.bare --port N --snapshot FILE

FILE is what `save_all` wrote: the answer the mock gave to each request (path and query) of a load, which the
route looks up and sends. It is served by uvicorn with the settings the mock's CLI uses, so the two differ only
by what the mock does per request.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

# Set per response by the server or by Starlette itself; copying them would send them twice.
PER_RESPONSE_HEADERS = frozenset({"date", "server", "content-length"})


@dataclass(frozen=True)
class Snapshot:
    path: str
    status: int
    headers: dict[str, str]
    body: str

    @classmethod
    def of(cls, response: httpx.Response) -> Snapshot:
        headers = {name: value for name, value in response.headers.items() if name not in PER_RESPONSE_HEADERS}
        target = response.url.raw_path.decode("ascii")
        return cls(target, response.status_code, headers, response.text)

    @classmethod
    def from_head(cls, target: str, status: int, head: bytes, body: bytes) -> Snapshot:
        """From a raw HTTP/1.1 answer: its head (status line and header lines) and body."""
        headers = {}
        for line in head.decode("latin-1").split("\r\n")[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() not in PER_RESPONSE_HEADERS:
                headers[name.strip().lower()] = value.strip()
        return cls(target, status, headers, body.decode())


def save_all(snapshots: list[Snapshot], file: Path) -> None:
    file.write_text(json.dumps([asdict(snapshot) for snapshot in snapshots]), encoding="utf-8")


def load_all(file: Path) -> list[Snapshot]:
    return [Snapshot(**fields) for fields in json.loads(file.read_text(encoding="utf-8"))]


def bare_app(snapshots: list[Snapshot]) -> Starlette:
    """Each request (path and query) answered with the snapshot of it, as bytes ready to send."""
    answers = {snapshot.path: (snapshot.body.encode(), snapshot.status, snapshot.headers) for snapshot in snapshots}

    async def endpoint(request: Request) -> Response:
        query = request.scope["query_string"]
        body, status, headers = answers[request.url.path + ("?" + query.decode() if query else "")]
        return Response(body, status, headers=headers)

    return Starlette(routes=[Route("/{path:path}", endpoint, methods=["GET"])])


def main() -> None:
    cli = argparse.ArgumentParser(prog="python -m bench.bare", description=__doc__.splitlines()[0])
    cli.add_argument("--port", type=int, required=True)
    cli.add_argument("--snapshot", type=Path, required=True)
    arguments = cli.parse_args()
    app = bare_app(load_all(arguments.snapshot))
    uvicorn.run(app, host="127.0.0.1", port=arguments.port, log_level="warning", server_header=False)


if __name__ == "__main__":
    main()
