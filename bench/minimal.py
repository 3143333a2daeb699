"""The floors of a start: one route, served by uvicorn through bare Starlette or through Connexion, nothing else.

    python -m bench.minimal [--connexion] --port N

`make bench` times both beside the mock's start and Prism's: no server on uvicorn and Starlette can be ready sooner
than the first, and none that routes and validates with Connexion sooner than the second, whatever they serve.
"""

from __future__ import annotations

import sys
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

USAGE = "usage: python -m bench.minimal [--connexion] --port N"

# One operation, as small as OpenAPI 3.0.3 allows, answered by `empty_list`.
ONE_OPERATION = {
    "openapi": "3.0.3",
    "info": {"title": "one route", "version": "1"},
    "paths": {
        "/{path}": {
            "get": {
                "operationId": "bench.minimal.empty_list",
                "parameters": [{"name": "path", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "an empty list"}},
            }
        }
    },
}


async def empty(request: Request) -> Response:
    return Response(b"[]", media_type="application/json")


async def empty_list(path: str) -> list[Any]:
    return []


def bare_app() -> Starlette:
    return Starlette(routes=[Route("/{path:path}", empty, methods=["GET"])])


def connexion_app() -> Any:
    from connexion import AsyncApp  # only this floor pays for importing it

    app = AsyncApp(__name__)
    app.add_api(ONE_OPERATION)
    return app


def main(argv: list[str]) -> None:
    with_connexion = argv[:1] == ["--connexion"]
    rest = argv[1:] if with_connexion else argv
    if len(rest) != 2 or rest[0] != "--port" or not rest[1].isdigit():
        raise SystemExit(USAGE)
    app = connexion_app() if with_connexion else bare_app()
    uvicorn.run(app, host="127.0.0.1", port=int(rest[1]), log_level="warning", server_header=False)


if __name__ == "__main__":
    main(sys.argv[1:])
