"""What is here: the landing page at `/` and at each dialect's root, and the list of admin routes at `/__mock__`.

Each page is HTML for a browser and JSON for a client that asks for JSON (`Accept: application/json`). They are
answered before Connexion's routing, which would redirect a dialect's root (`/b3os`) to a `/b3os/` nothing
serves. What they show is read afresh on each request, as a reset or a scenario changes the tenants and tokens.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Mapping
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from mock_server.web.replies import JSON, encode
from mock_server.web.request_headers import first_header
from mock_server.web.state import Mount

DOCS = "docs/index.html"
"""The reference pages in a checkout (generated from the specs; `make docs`)."""

AdminRoute = dict[str, Any]
"""An admin route as listed: method, path, whether it needs the admin token, and what it does."""


def wants_json(scope: Scope) -> bool:
    accept = (first_header(scope, b"accept") or b"").decode("latin-1").lower()
    return "json" in accept and "text/html" not in accept


def base_url(scope: Scope) -> str:
    host = (first_header(scope, b"host") or b"127.0.0.1").decode("latin-1")
    return f"{scope.get('scheme', 'http')}://{host}"


class Landing:
    """Answers GET and HEAD of `/`, each dialect's root and `/__mock__`; passes every other request on."""

    def __init__(
        self,
        app: ASGIApp,
        mounts: Mapping[str, Mount],
        list_paths: Mapping[str, str],
        admin_routes: Callable[[], list[AdminRoute]],
    ) -> None:
        self.app = app
        self.mounts = mounts
        self.list_paths = list_paths
        self.admin_routes = admin_routes
        self.pages: dict[str, Callable[[str], dict[str, Any]]] = {"/__mock__": self.admin, "/": self.index}
        for name, mount in mounts.items():
            if mount.prefix:
                self.pages[mount.prefix] = functools.partial(self.dialect, name)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        page = self.pages.get(scope["path"]) if scope["type"] == "http" else None
        if page is None or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        model = page(base_url(scope))
        if wants_json(scope) or scope["path"] == "/__mock__":
            body, media_type = encode(model), JSON
        else:
            body, media_type = render(model).encode("utf-8"), "text/html; charset=utf-8"
        headers = [(b"content-type", media_type.encode()), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})

    # --- the models (the JSON answers; the HTML renders them) ----------------------------------------------
    def dialect(self, name: str, base: str) -> dict[str, Any]:
        mount = self.mounts[name]
        fixture = mount.fixture
        root = f"{base}{mount.prefix}"
        list_path = self.list_paths[name].format(**fixture["params"])
        token = fixture.get("token")
        curl = f"curl -H 'Authorization: Bearer {token or '$TOKEN'}' '{root}{list_path}'"
        return {
            "dialect": name,
            "url": root,
            "swagger_ui": f"{root}/ui/",
            "openapi": f"{root}/openapi.json",
            "token": token,
            "params": fixture["params"],
            "list": curl,
            "tenants": fixture["tenants"],
        }

    def index(self, base: str) -> dict[str, Any]:
        return {
            "title": "workflow-runs mock",
            "dialects": [self.dialect(name, base) for name in self.mounts],
            "fixtures": f"{base}/__mock__/fixtures",
            "admin": self.admin()["routes"],
            "docs": DOCS,
        }

    def admin(self, base: str = "") -> dict[str, Any]:
        """The admin routes, by path (`base`, which every page is given, is not needed)."""
        return {"routes": self.admin_routes()}


def render(model: dict[str, Any]) -> str:
    """The HTML page of a model of `Landing`: the index of every dialect, or one dialect's page."""
    if "dialects" not in model:
        title = f"workflow-runs mock: {model['dialect']}"
        back = "<p><a href='/'>Every dialect and the admin routes</a></p>"
        return PAGE.format(title=esc(title), body=f"<h1>{esc(title)}</h1>{render_dialect(model)}{back}")
    rows = "".join(
        f"<tr><td><a href='{esc(d['url'])}'>{esc(d['dialect'])}</a></td>"
        f"<td><a href='{esc(d['swagger_ui'])}'>Swagger UI</a> · <a href='{esc(d['openapi'])}'>spec</a></td>"
        f"<td>{shown_token(d['token'])}</td><td>{shown_params(d['params'])}</td></tr>"
        for d in model["dialects"]
    )
    admin = "".join(
        f"<tr><td><code>{esc(r['method'])} {esc(r['path'])}</code></td>"
        f"<td>{'admin token' if r['admin_token'] else 'open'}</td><td>{esc(r['description'])}</td></tr>"
        for r in model["admin"]
    )
    body = (
        f"<h1>{esc(model['title'])}</h1>"
        "<p>Each vendor's workflow-runs API, served from its spec with realistic, deterministic data. In a "
        "dialect's Swagger UI, <em>Authorize</em> with its demo token, then <em>Try it out</em>. Each token "
        "sees its own tenant; every tenant's token and parameters: "
        f"<a href='{esc(model['fixtures'])}'>{esc(model['fixtures'])}</a>. This page as JSON: "
        "<code>Accept: application/json</code>.</p>"
        "<h2>Dialects</h2><table><tr><th>dialect</th><th>try it</th><th>demo token</th>"
        f"<th>path parameters</th></tr>{rows}</table>"
        "<h2>Admin routes</h2><p>Those marked <em>admin token</em> answer only to <code>--admin-token</code> "
        "and are off without one.</p><table><tr><th>route</th><th>needs</th><th>what it does</th></tr>"
        f"{admin}</table>"
        f"<h2>Docs</h2><p>Reference pages of every dialect, generated from the specs: <code>{esc(model['docs'])}"
        "</code> in the repository (<code>make docs</code>), and the README.</p>"
    )
    return PAGE.format(title=esc(model["title"]), body=body)


def render_dialect(dialect: dict[str, Any]) -> str:
    return (
        f"<ul><li><a href='{esc(dialect['swagger_ui'])}'>Swagger UI</a>: <em>Authorize</em> with the demo token, "
        f"then <em>Try it out</em>; <a href='{esc(dialect['openapi'])}'>the spec</a></li>"
        f"<li>demo token: {shown_token(dialect['token'])}</li>"
        f"<li>path parameters: {shown_params(dialect['params'])}</li></ul>"
        f"<p>The demo workflow's runs:</p><pre>{esc(dialect['list'])}</pre>"
    )


def shown_token(token: str | None) -> str:
    return f"<code>{esc(token)}</code>" if token else "off: a token given with <code>--token</code>"


def shown_params(params: dict[str, str]) -> str:
    return "<br>".join(f"<code>{esc(name)}={esc(value)}</code>" for name, value in params.items())


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }}
code, pre {{ font-family: ui-monospace, monospace; font-size: 0.9em; }}
pre {{ background: #f3f3f3; padding: 0.6rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }}
table {{ border-collapse: collapse; }}
td, th {{ border-top: 1px solid #ddd; padding: 0.3rem 0.6rem; text-align: left; }}
a {{ color: #0645ad; }} section {{ border-top: 2px solid #eee; margin-top: 1rem; }}
</style></head>
<body>
{body}
</body></html>
"""
