"""The generated Python clients reading the mock's answers; run by `make clients` with .venv-clients' Python.

    .venv-clients/bin/python tools/client_consumer.py build/clients   (tokens in CLIENT_CHECK_TOKENS)

Imports only what the generators wrote and what their code needs (httpx, attrs, pydantic), nothing of the
project. For every recorded answer: openapi-python-client's response builder of its operation parses it into
the model of its status, and datamodel-code-generator's model of that status validates it; the requests the
client can express are also sent through the client itself to the running mock. Prints one line per problem,
then a last line `live N`: how many requests went through the client.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import json
import os
import re
import sys
import typing
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
from pydantic import TypeAdapter, ValidationError


def endpoint_module(package: str, operation_id: str) -> Any:
    """The module of the client's operation `operation_id` (openapi-python-client names it in snake_case)."""
    api = Path(importlib.import_module(package).__file__ or "").parent / "api"
    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", operation_id).lower()
    modules = sorted(path for path in api.glob(f"*/{name}.py"))
    if len(modules) != 1:
        found = sorted(path.name for path in api.glob("*/*.py") if path.name != "__init__.py")
        raise LookupError(f"{package}: expected one module {name}.py for {operation_id}, found {found}")
    return importlib.import_module(f"{package}.api.{modules[0].parent.name}.{modules[0].stem}")


def convert(hint: Any, raw: str) -> Any:
    """The raw query or path value as the client's parameter type wants it; ValueError when it cannot be one."""
    for option in typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, type(int | str)) else (hint,):
        if typing.get_origin(option) is list:
            return [convert(typing.get_args(option)[0], raw)]
        if inspect.isclass(option) and issubclass(option, enum.Enum):
            return option(raw)
        if option is bool and raw in ("true", "false"):
            return raw == "true"
        if option in (int, float):
            return option(raw)
        if option is uuid.UUID:
            return uuid.UUID(raw)
        if option is str:
            return raw
    raise ValueError(f"{raw!r} is not a {hint}")


def typed_arguments(function: Any, values: Mapping[str, str]) -> dict[str, Any] | None:
    """Keyword arguments for the client function, or None when a value cannot be expressed in its types."""
    hints = typing.get_type_hints(function)
    try:
        return {name: convert(hints[name], raw) for name, raw in values.items()} if set(values) <= set(hints) else None
    except ValueError:
        return None


def model_adapter(models: Any, descriptor: Mapping[str, str]) -> Any:
    if "array_of" in descriptor:
        return TypeAdapter(list[getattr(models, descriptor["array_of"])])  # type: ignore[arg-type,misc]  # a model found at run time
    return TypeAdapter(getattr(models, descriptor["model"]))


def consume(
    dialect: str, package: str, base_url: str, token: str, answers: list[dict[str, Any]]
) -> tuple[list[str], int]:
    client_module = importlib.import_module(f"{package}.client")
    models = importlib.import_module(f"dcg.{package}")
    client = client_module.AuthenticatedClient(base_url=f"{base_url}/{dialect}", token=token)
    problems = []
    live_calls = 0
    for answer in answers:
        where = f"{dialect}: {answer['label']} ({answer['status']})"
        endpoint = endpoint_module(package, answer["operation_id"])
        descriptor = answer["body_model"]
        if descriptor is None:
            problems.append(f"{where}: the spec documents no JSON body for this status")
            continue
        response = httpx.Response(
            answer["status"], content=answer["body"].encode(), headers={"content-type": answer["content_type"]}
        )
        try:
            if endpoint._build_response(client=client, response=response).parsed is None:
                problems.append(f"{where}: openapi-python-client parsed no model")
        except (KeyError, TypeError, ValueError) as error:
            problems.append(f"{where}: openapi-python-client could not parse it: {error!r}")
        try:
            model_adapter(models, descriptor).validate_json(answer["body"])
        except ValidationError as error:
            problems.append(f"{where}: datamodel-code-generator's model refused it: {error}".replace("\n", " "))
        arguments = typed_arguments(endpoint.sync_detailed, {**answer["path"], **answer["query"]})
        if answer["uses_fixture"] and arguments is not None:
            live = endpoint.sync_detailed(client=client, **arguments)
            live_calls += 1
            if live.status_code != answer["status"] or live.parsed is None:
                problems.append(
                    f"{where}: through the client it answered {int(live.status_code)}, parsed {live.parsed!r}"
                )
    client.get_httpx_client().close()
    return problems, live_calls


def main() -> int:
    work = Path(sys.argv[1])
    manifest = json.loads((work / "manifest.json").read_text())
    tokens = json.loads(os.environ["CLIENT_CHECK_TOKENS"])
    sys.path[:0] = [str(work), *(str(work / "opc" / dialect) for dialect in manifest["dialects"])]
    live_calls = 0
    for dialect, package in manifest["dialects"].items():
        answers = json.loads((work / "answers" / f"{dialect}.json").read_text())
        problems, calls = consume(dialect, package, manifest["base_url"], tokens[dialect], answers)
        live_calls += calls
        for problem in problems:
            print(problem)
    print(f"live {live_calls}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
