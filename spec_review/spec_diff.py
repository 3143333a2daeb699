"""The change report between two specs: `workflow-runs-review diff OLD NEW`, in text, Markdown or JSON.

    workflow-runs-review diff cortex-v1 cortex-v2              # dialect names or spec files
    workflow-runs-review diff old.yaml new.yaml --format markdown --fail-on either

What changed and whom it breaks is judged by `spec_review.spec_changes`; this module reports it.

Exit status: 0 no change breaks whom `--fail-on` names (clients by default), 1 one does, 2 the diff could not be
done (one line on stderr says why).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict

from spec_review.command_line import OneLineParser, spec_argument
from spec_review.errors import ReviewError
from spec_review.spec_changes import Change, diff_specs
from workflow_runs_specs import DIALECTS

__all__ = ["main", "render_json", "render_markdown", "render_text", "summary"]


def by_operation(changes: Iterable[Change]) -> Iterator[tuple[str, list[Change]]]:
    grouped: dict[str, list[Change]] = {}
    for change in changes:
        grouped.setdefault(change.operation, []).append(change)
    yield from grouped.items()


def summary(changes: Sequence[Change]) -> str:
    clients = sum(change.breaks_clients for change in changes)
    servers = sum(change.breaks_servers for change in changes)
    counted = f"{len(changes)} change{'' if len(changes) == 1 else 's'}"
    text = f"{counted}: {clients} breaking for clients, {servers} breaking for servers"
    for word in ("added", "removed"):
        operations = [change.operation for change in changes if whole_operation(change) == word]
        if operations:
            text += f"; {len(operations)} operation{'' if len(operations) == 1 else 's'} {word}"
    return text


def whole_operation(change: Change) -> str | None:
    """`added` or `removed` when the change is an operation added or removed as a whole, else None."""
    return change.change if change.subject == "operation" else None


def verdict_words(change: Change) -> str:
    whom = [name for name, breaks in (("clients", change.breaks_clients), ("servers", change.breaks_servers)) if breaks]
    return f"breaks {' and '.join(whom)}" if whom else "not breaking"


def render_text(changes: Sequence[Change], old_label: str, new_label: str) -> str:
    lines = [f"{old_label} -> {new_label}: {summary(changes)}"]
    for operation, found in by_operation(changes):
        lines.append(operation)
        lines.extend(f"  {change.subject}: {change.change} -- {verdict_words(change)}" for change in found)
    return "\n".join(lines) + "\n"


def render_markdown(changes: Sequence[Change], old_label: str, new_label: str) -> str:
    lines = [
        f"# Changes from `{old_label}` to `{new_label}`",
        "",
        f"{summary(changes)}.",
        "",
        "A change *breaks clients* when a client written against the old spec can meet a request the new one "
        "rejects or a response it never expected; it *breaks servers* when a server implementing the old spec "
        "rejects a request the new one allows or sends a response the new one forbids.",
    ]
    for operation, found in by_operation(changes):
        whole = {whole_operation(change) for change in found} - {None}
        lines += [
            "",
            f"## `{operation}`" + "".join(f" ({word} operation)" for word in sorted(map(str, whole))),
            "",
            "| what | change | breaks clients | breaks servers |",
            "|---|---|---|---|",
        ]
        lines.extend(
            f"| `{change.subject}` | {escape_cell(change.change)} | {yes_no(change.breaks_clients)} "
            f"| {yes_no(change.breaks_servers)} |"
            for change in found
        )
    return "\n".join(lines) + "\n"


def yes_no(breaks: bool) -> str:
    return "**yes**" if breaks else "no"


def escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("->", "→")


def render_json(changes: Sequence[Change]) -> str:
    return json.dumps([asdict(change) for change in changes], indent=2) + "\n"


FAIL_ON: dict[str, Callable[[Change], bool]] = {
    "clients": lambda change: change.breaks_clients,
    "servers": lambda change: change.breaks_servers,
    "either": lambda change: change.breaking,
    "nothing": lambda change: False,
}


def parser() -> OneLineParser:
    cli = OneLineParser(
        prog="workflow-runs-review diff",
        description="Report what changed between two OpenAPI specs, each change marked breaking or not for "
        "clients and for servers.",
        epilog="Exit status: 0 no change breaks whom --fail-on names, 1 one does, 2 the diff could not be done.",
    )
    cli.add_argument("old", help=f"the old spec: a file, or a dialect name ({', '.join(DIALECTS)})")
    cli.add_argument("new", help="the new spec: a file, or a dialect name")
    cli.add_argument("--format", choices=("text", "markdown", "json"), default="text", help="default: text")
    cli.add_argument(
        "--fail-on",
        choices=tuple(FAIL_ON),
        default="clients",
        help="exit 1 when a change breaks these (default: clients)",
    )
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    try:
        arguments = parser().parse_args(argv)
        changes = diff_specs(spec_argument(arguments.old), spec_argument(arguments.new))
    except ReviewError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if arguments.format == "json":
        sys.stdout.write(render_json(changes))
    elif arguments.format == "markdown":
        sys.stdout.write(render_markdown(changes, arguments.old, arguments.new))
    else:
        sys.stdout.write(render_text(changes, arguments.old, arguments.new))
    return 1 if any(FAIL_ON[arguments.fail_on](change) for change in changes) else 0


if __name__ == "__main__":
    sys.exit(main())
