"""The one place the suite reaches into Schemathesis: the release it was written for, and the seams it uses."""

from __future__ import annotations

from importlib import metadata
from typing import Any

import pytest
import schemathesis
from schemathesis.core.result import Ok
from schemathesis.transport.requests import REQUESTS_TRANSPORT, RequestsTransport

from contracts.core.errors import DependencyError
from contracts.schema import schemathesis_compat
from contracts.schema.schemathesis_compat import (
    REQUIREMENT,
    OperationStop,
    check_installed,
    copy_serializers,
    send_through,
    supported,
)
from workflow_runs_specs import reader


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        pytest.param("4.32.5", True, id="tested"),
        pytest.param("4.32.0rc1", True, id="tested-release-candidate"),
        pytest.param("4.33.0", False, id="next-minor"),
        pytest.param("5.0.0", False, id="next-major"),
        pytest.param("4", False, id="no-minor"),
    ],
)
def test_only_the_tested_release_is_supported(version: str, expected: bool) -> None:
    assert supported(version) is expected


def test_the_installed_release_is_the_tested_one() -> None:
    check_installed()
    assert issubclass(OperationStop, KeyboardInterrupt)
    assert OperationStop is not KeyboardInterrupt  # the engine's own, which its executors catch


def test_another_release_is_refused_in_one_line_saying_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = metadata.version

    def version(name: str) -> str:
        return "4.40.1" if name == "schemathesis" else installed(name)

    monkeypatch.setattr(metadata, "version", version)

    with pytest.raises(DependencyError) as raised:
        check_installed()

    assert str(raised.value) == (
        f"Schemathesis 4.40.1 is installed, but the contract suite is written for 4.32.x: pip install '{REQUIREMENT}'"
    )


def test_a_release_that_moved_the_engines_stop_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schemathesis_compat, "ENGINE_STOP_MODULE", "schemathesis.no_such_module")

    with pytest.raises(DependencyError, match="pip install"):
        check_installed()


def test_one_schema_sends_through_the_transport_given_and_another_does_not() -> None:
    schema = schemathesis.openapi.from_dict(reader.load_spec("b3os"))
    other = schemathesis.openapi.from_dict(reader.load_spec("b3os"))
    transport: RequestsTransport = RequestsTransport()

    send_through(schema, transport)

    operation = next(result.ok() for result in schema.get_all_operations() if isinstance(result, Ok))
    assert schema.transport is transport
    assert operation.schema.transport is transport
    assert other.transport is not transport


def test_a_transport_of_ours_encodes_bodies_as_the_one_it_stands_for() -> None:
    ours: RequestsTransport = RequestsTransport()

    copy_serializers(REQUESTS_TRANSPORT, ours)

    media_types: Any = dict(ours.get_matching_media_types("*/*"))
    assert set(media_types) == set(dict(REQUESTS_TRANSPORT.get_matching_media_types("*/*")))
    assert "application/json" in media_types
