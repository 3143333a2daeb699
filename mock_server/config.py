"""The server's behaviour options (latency, error rate, rate limit, demo tokens): command-line options and a YAML
file.

Both take the same values; an option given on the command line replaces that key of the file. A file is
checked as it is loaded, and each mistake is one line naming the file and the key::

    latency: 100-400        # milliseconds on every answer: a fixed 200, or a range drawn from the seed
    error_rate:             # the fraction of requests answered 500 or 429; one number for every dialect, or
      all: 0.05             #   per dialect, `all` for the rest
      b3os: 0.2
    rate_limit:             # requests a minute per key (0: no limit), one number or per dialect
      aitasker: 300
    demo_tokens: false      # accept only the tokens given with --token (default: true)
    sandbox_idle: 3600      # seconds after which a sandbox (X-Mock-Sandbox) no request named is dropped
    max_sandboxes: 1000     # sandboxes kept at most besides the default one
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml

from mock_server import sharing
from mock_server.dialects import DIALECTS

ALL = "all"
KEYS = {"latency": "latency_ms", "error_rate": "error_rates", "rate_limit": "rate_limits", "demo_tokens": "demo_tokens"}
KEYS.update(sandbox_idle="sandbox_idle_seconds", max_sandboxes="max_sandboxes", state="state")
"""The file's keys, and the `Settings` field each one sets."""

T = TypeVar("T")
PerDialect = tuple[tuple[str, T], ...]


class ConfigError(ValueError):
    """A value that cannot be used, said in one line."""


def shown(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def latency(value: object) -> tuple[int, int]:
    """`200` or `"100-400"` (milliseconds) as the range `(low, high)` to draw from."""
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    low, dash, high = text.partition("-")
    if low.strip().isdigit() and (not dash or high.strip().isdigit()):
        bounds = int(low), int(high if dash else low)
        if bounds[0] <= bounds[1]:
            return bounds
    raise ConfigError(f"must be milliseconds, as 200 or a range as 100-400 (low first), not {shown(value)}")


def error_rate(value: object) -> float:
    """A fraction of requests, 0 to 1."""
    number = as_number(value)
    if number is None or not 0 <= number <= 1:
        raise ConfigError(f"must be a fraction of requests from 0 to 1, as 0.1, not {shown(value)}")
    return number


def rate_limit(value: object) -> int:
    """Requests a minute per key; 0 for none."""
    number = as_number(value)
    if number is None or number != int(number) or number < 0:
        raise ConfigError(f"must be a whole number of requests a minute per key (0: no limit), not {shown(value)}")
    return int(number)


ANY_ORIGIN = "*"
ORIGIN = re.compile(r"[a-z][a-z0-9+.-]*://(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(?P<port>[0-9]{1,5}))?")
"""An origin as a browser sends it in `Origin`: lowercase scheme and host, an optional port, nothing after."""


def origin(value: object) -> str:
    """A CORS origin, `scheme://host[:port]`, or `*` for any; anything else could never match a browser's."""
    text = str(value)
    if text == ANY_ORIGIN or is_origin(text):
        return text
    scheme, separator, rest = text.partition("://")
    without_path = f"{scheme}://{rest.partition('/')[0]}"
    if separator and "/" in rest and is_origin(without_path):
        hint = f"; an origin has no path: use {without_path}"
    elif is_origin(text.lower()):
        hint = f"; browsers send origins in lowercase: use {text.lower()}"
    else:
        hint = ""
    raise ConfigError(f"must be an origin as scheme://host[:port], as http://localhost:3000, or *, not {text!r}{hint}")


def is_origin(text: str) -> bool:
    match = ORIGIN.fullmatch(text)
    return match is not None and 0 < int(match["port"] or 1) < 65536


def token(value: object) -> tuple[str, str | None]:
    """`TOKEN`, seeing every tenant, or `TOKEN=TENANT_ID`, seeing that tenant only. A token's own trailing `=`
    (base64 padding) binds it to nothing."""
    text = str(value)
    given, equals, tenant_id = text.rpartition("=")
    if not equals or not tenant_id:
        given, tenant_id = text, ""
    if not given.strip() or any(character.isspace() for character in given):
        # Never echoed: a token appears in no output.
        raise ConfigError("must be a bearer token without spaces, as TOKEN or TOKEN=TENANT_ID")
    return given, tenant_id or None


def whole(value: object) -> int:
    """A whole number, at least 1."""
    number = as_number(value)
    if number is None or number != int(number) or number < 1:
        raise ConfigError(f"must be a whole number of at least 1, not {shown(value)}")
    return int(number)


def switch(value: object) -> bool:
    """true or false (YAML's booleans)."""
    if not isinstance(value, bool):
        raise ConfigError(f"must be true or false, not {shown(value)}")
    return value


def as_number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def per_dialect(value: object, parse: Callable[[object], T], key: str) -> PerDialect[T]:
    """One value for every dialect, or a mapping of dialect names (and `all`) to values."""
    if not isinstance(value, Mapping):
        return ((ALL, prefixed(key, parse, value)),)
    unknown = [str(name) for name in value if name not in (ALL, *DIALECTS)]
    if unknown:
        raise ConfigError(f"{key}: unknown dialect {unknown[0]!r}; use {', '.join((ALL, *DIALECTS))}")
    return tuple((str(name), prefixed(f"{key}.{name}", parse, item)) for name, item in value.items())


def prefixed(key: str, parse: Callable[[object], T], value: object) -> T:
    try:
        return parse(value)
    except ValueError as error:  # a ConfigError, or a parser's of another module
        raise ConfigError(f"{key}: {error}") from None


def for_dialect(table: PerDialect[T], dialect: str, default: T) -> T:
    """The value `table` gives `dialect`: its own, else the `all` one, else `default`."""
    values = dict(table)
    return values.get(dialect, values.get(ALL, default))


WHOLE_MOCK = {"latency": latency, "demo_tokens": switch, "sandbox_idle": whole, "max_sandboxes": whole}
WHOLE_MOCK["state"] = sharing.state_address
"""The file's keys that take one value for the whole mock, and how each is read; the others are per dialect."""


def load(path: str) -> dict[str, Any]:
    """The `Settings` fields a config file sets, or `ConfigError` naming the file and the key."""
    try:
        document = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"--config: cannot read {path}: {error.strerror or error}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "not YAML"
        raise ConfigError(f"{path}: not valid YAML{where}: {problem}") from None
    if document is None:
        return {}
    if not isinstance(document, dict):
        raise ConfigError(f"{path}: must be a mapping of settings ({', '.join(KEYS)}), not {type(document).__name__}")
    fields: dict[str, Any] = {}
    try:
        for key, value in document.items():
            if key not in KEYS:
                raise ConfigError(f"unknown key {shown(key)}; the keys are {', '.join(KEYS)}")
            if key in WHOLE_MOCK:
                fields[KEYS[key]] = prefixed(key, WHOLE_MOCK[key], value)
            else:
                fields[KEYS[key]] = per_dialect(value, error_rate if key == "error_rate" else rate_limit, key)
    except ConfigError as error:
        raise ConfigError(f"{path}: {error}") from None
    return fields


# --- the command line --------------------------------------------------------------------------------------
def option(parse: Callable[[object], T]) -> Callable[[str], T]:
    """An argparse `type` reporting a bad value in one line."""

    def parse_option(text: str) -> T:
        try:
            return parse(text)
        except ValueError as error:  # a ConfigError, or a parser's of another module
            raise argparse.ArgumentTypeError(str(error)) from None

    return parse_option


def dialect_option(parse: Callable[[object], T]) -> Callable[[str], tuple[str, T]]:
    """An argparse `type` for `VALUE` (every dialect) or `DIALECT=VALUE`."""

    def parse_option(text: str) -> tuple[str, T]:
        name, equals, value = text.rpartition("=")
        try:
            if equals and name not in DIALECTS:
                raise ConfigError(f"unknown dialect {name!r}; use one of {', '.join(DIALECTS)}")
            return (name if equals else ALL), parse(value)
        except ConfigError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return parse_option


def add_options(cli: argparse.ArgumentParser) -> None:
    cli.add_argument("--config", metavar="FILE", help="a YAML file of the options below (the command line wins)")
    cli.add_argument(
        "--latency",
        type=option(latency),
        metavar="MS|LOW-HIGH",
        help="delay every answer: fixed milliseconds, or a range drawn from the seed, as 100-400 (default: 0)",
    )
    cli.add_argument(
        "--error-rate",
        type=dialect_option(error_rate),
        action="append",
        metavar="[DIALECT=]RATE",
        help="answer this fraction of the list requests that would be answered 200 with a server error or a 429 "
        "(repeatable; default: 0)",
    )
    cli.add_argument(
        "--rate-limit",
        type=dialect_option(rate_limit),
        action="append",
        metavar="[DIALECT=]N",
        help="allow N requests a minute per key, then answer 429 with Retry-After (repeatable; default: no limit)",
    )
    cli.add_argument(
        "--demo-tokens",
        action=argparse.BooleanOptionalAction,
        help="accept each dialect's demo token, listed by /__mock__/fixtures; --no-demo-tokens accepts only the "
        "tokens given with --token and lists none (default: on)",
    )
    cli.add_argument(
        "--sandbox-idle",
        type=option(whole),
        metavar="SECONDS",
        help="drop a sandbox (X-Mock-Sandbox: NAME) no request named for this long (default: 3600)",
    )
    cli.add_argument(
        "--max-sandboxes",
        type=option(whole),
        metavar="N",
        help="keep at most N sandboxes besides the default one; a new one past them is answered 429 (default: 1000)",
    )
    sharing.add_option(cli, option(sharing.state_address))


def settings_fields(arguments: argparse.Namespace) -> dict[str, Any]:
    """The `Settings` fields of the behaviour options: the config file's, with the command line's replacing them."""
    fields = load(arguments.config) if arguments.config else {}
    given: dict[str, Sequence[Any] | tuple[int, int] | None] = {
        "latency_ms": arguments.latency,
        "error_rates": arguments.error_rate,
        "rate_limits": arguments.rate_limit,
    }
    sandboxes = {"sandbox_idle_seconds": arguments.sandbox_idle, "max_sandboxes": arguments.max_sandboxes}
    fields.update({name: value for name, value in sandboxes.items() if value is not None})
    fields.update({name: tuple(value) for name, value in given.items() if value is not None})
    if arguments.demo_tokens is not None:
        fields["demo_tokens"] = arguments.demo_tokens
    if state := arguments.state or fields.get("state") or sharing.from_environment():  # only the last can be bad
        fields["state"] = prefixed(f"${sharing.STATE_VARIABLE}", sharing.state_address, state)
    return fields


def describe(latency_ms: tuple[int, int], error_rates: PerDialect[float], rate_limits: PerDialect[int]) -> str:
    """The behaviour options in effect, in one line for the start banner ("" when all are off)."""
    parts = []
    low, high = latency_ms
    if high:
        parts.append(f"latency {low}-{high} ms" if low != high else f"latency {high} ms")
    rates = ", ".join(f"{name} {rate:g}" for name, rate in error_rates if rate)
    limits = ", ".join(f"{name} {limit}/min per key" for name, limit in rate_limits if limit)
    if rates:
        parts.append(f"error rate {rates}")
    if limits:
        parts.append(f"rate limit {limits}")
    return "; ".join(parts)
