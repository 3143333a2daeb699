"""The specs as Connexion gets them: checked once, as Connexion would check them, and served as before."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from connexion.exceptions import InvalidSpecification
from connexion.spec import OpenAPISpecification
from starlette.testclient import TestClient

from mock_server.app import Settings, create_app
from mock_server.dialects import DIALECTS as DIALECT_MODULES
from mock_server.specification import CheckedSpecification, SpecificationError, add_checked_api, check, pointer
from workflow_runs_specs import DIALECTS
from workflow_runs_specs.reader import load_spec

LIST = "/v1/workflows/{id}/runs"
Change = Callable[[dict[str, Any]], None]


def connexion_accepts(document: dict[str, Any]) -> bool:
    """Connexion's own verdict: what `add_api` would have said of the document."""
    try:
        OpenAPISpecification.from_dict(copy.deepcopy(document))
    except InvalidSpecification:
        return False
    return True


def changed(change: Change) -> dict[str, Any]:
    document = load_spec("b3os")
    change(document)
    return document


def listing(document: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = document["paths"][LIST]["get"]
    return operation


def limit_schema(document: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = document["components"]["parameters"]["Limit"]["schema"]
    return schema


# Each: a change to b3os' spec, and whether it leaves a valid document.
CHANGES: dict[str, tuple[Change, bool]] = {
    "responses not a mapping": (lambda d: listing(d).__setitem__("responses", []), False),
    "info without a version": (lambda d: d["info"].pop("version"), False),
    "a parameter in no location": (lambda d: d["components"]["parameters"]["Limit"].__setitem__("in", "body"), False),
    "a parameter without a location": (lambda d: listing(d).__setitem__("parameters", [{"name": "x"}]), False),
    "a default of the wrong type": (lambda d: limit_schema(d).__setitem__("default", "twenty"), False),
    "a default below the minimum": (lambda d: limit_schema(d).__setitem__("default", 0), False),
    "a null default of a nullable schema": (lambda d: limit_schema(d).update(nullable=True, default=None), True),
    "a property named default": (
        lambda d: d["components"]["schemas"].__setitem__(
            "Named", {"type": "object", "properties": {"default": {"type": "string"}, "type": {"type": "string"}}}
        ),
        True,
    ),
    "an example holding a default": (
        lambda d: limit_schema(d).__setitem__("example", {"default": "not a number", "type": "integer"}),
        True,
    ),
    "a server variable default outside its enum": (
        lambda d: d["servers"].append(
            {"url": "https://{region}.example.com", "variables": {"region": {"enum": ["eu"], "default": "us"}}}
        ),
        False,
    ),
    "an extension holding anything": (
        lambda d: listing(d).__setitem__("x-anything", {"default": 1, "type": "string"}),
        True,
    ),
}


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_spec_of_the_checkout_passes_the_check_and_connexions_own(dialect: str) -> None:
    document = load_spec(dialect)
    assert connexion_accepts(document)
    assert isinstance(check(document, dialect), CheckedSpecification)


@pytest.mark.parametrize("name", CHANGES)
def test_the_check_judges_a_spec_as_connexion_would(name: str) -> None:
    change, valid = CHANGES[name]
    document = changed(change)
    assert connexion_accepts(document) is valid
    if valid:
        check(document, "b3os.yaml")
    else:
        with pytest.raises(SpecificationError):
            check(document, "b3os.yaml")


def test_a_refused_spec_is_named_with_where_it_fails_in_one_short_line() -> None:
    document = changed(lambda d: d["components"]["parameters"]["Limit"].__setitem__("in", "body"))
    with pytest.raises(SpecificationError) as refused:
        check(document, "specs/b3os.yaml")
    message = str(refused.value)
    assert message.startswith("specs/b3os.yaml is not a valid OpenAPI 3.0 document at /components/parameters/Limit: ")
    assert "\n" not in message
    assert len(message) < 400


def test_a_default_that_does_not_match_its_schema_is_named_by_where_it_is() -> None:
    document = changed(lambda d: limit_schema(d).__setitem__("default", 0))
    with pytest.raises(SpecificationError) as refused:
        check(document, "b3os.yaml")
    assert str(refused.value).startswith("b3os.yaml: the default at /components/parameters/Limit/schema/default ")


def test_status_codes_written_as_numbers_are_read_as_connexion_reads_them() -> None:
    document = changed(lambda d: listing(d).__setitem__("responses", {200: listing(d)["responses"]["200"]}))
    assert connexion_accepts(document)
    assert "200" in check(document, "b3os.yaml")["paths"][LIST]["get"]["responses"]


def test_a_json_pointer_escapes_slashes_and_tildes() -> None:
    assert pointer(("paths", "/v1/a~b", "get", 0)) == "/paths/~1v1~1a~0b/get/0"
    assert pointer(()) == "the top level"


def test_a_checked_api_cannot_be_added_once_the_app_has_started() -> None:
    app = create_app(Settings(dialects=("b3os",)))
    with TestClient(app) as client:
        assert client.get("/__mock__/fixtures").status_code == 200
        with pytest.raises(RuntimeError):
            add_checked_api(app, check(load_spec("b3os"), "b3os"), base_path="/again", name="again")


def test_the_checked_spec_routes_authenticates_and_validates_as_connexion_does() -> None:
    with TestClient(create_app(Settings(dialects=("b3os",), clock_speed=0))) as client:
        workflow = client.get("/__mock__/fixtures").json()["b3os"]["params"]["id"]
        token = {"Authorization": f"Bearer {DIALECT_MODULES['b3os']().demo_token}"}
        assert client.get(f"/v1/workflows/{workflow}/runs", headers=token).status_code == 200
        assert client.get(f"/v1/workflows/{workflow}/runs").status_code == 401
        assert client.get(f"/v1/workflows/{workflow}/runs?limit=0", headers=token).status_code == 400
        assert client.get("/v1/nowhere", headers=token).status_code == 404
