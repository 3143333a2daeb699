"""What the mock prints when it starts: where each dialect, its Swagger UI and the admin routes are served, and
who can reach them."""

from __future__ import annotations

from mock_server import config, sharing
from mock_server.app import MockApp


def exposure(host: str) -> str:
    """What binding `host` means for who can reach the mock."""
    if host in ("0.0.0.0", "::", ""):
        return f"warning: bound to all interfaces ({host or '*'}): anyone who can reach this machine can call the mock"
    if host in ("127.0.0.1", "::1", "localhost"):
        return f"bound to {host}: only this machine can call the mock (use --host to expose it)"
    return f"bound to {host}: machines that reach this address can call the mock"


def banner(mock: MockApp, host: str, port: int) -> str:
    base = f"http://{host}:{port}"
    lines = [f"workflow-runs mock (seed {mock.settings.seed}) listening on {base}", f"  {exposure(host)}"]
    lines.append(f"  home       {base}/  (what is here: dialects, Swagger UI, demo tokens, admin routes)")
    for name, mount in mock.mounts.items():
        lines.append(f"  {name:<10} {base}{mount.prefix or '/'}  Swagger UI: {base}{mount.prefix}/ui/")
    if behaviour := config.describe(mock.settings.latency_ms, mock.settings.error_rates, mock.settings.rate_limits):
        lines.append(f"  behaviour  {behaviour}")
    listed = "demo tokens and path parameters" if mock.settings.demo_tokens else "path parameters; demo tokens off"
    lines.append(f"  fixtures   {base}/__mock__/fixtures  ({listed})")
    lines.extend(sharing.banner_lines(mock.settings.workers, mock.settings.state, mock.settings.seed))
    admin = "on (admin token set)" if mock.settings.admin_token else "off (no admin token)"
    lines.append(
        f"  admin      {base}/__mock__  (lists the routes: reset, clock, scenario, runs, requests, sandboxes)  {admin}"
    )
    return "\n".join(lines)
