"""Targets and options: what is wrong with them is said in one line, before anything is sent."""

from __future__ import annotations

import pytest

from contracts.dialects import DIALECTS
from contracts.errors import SpecError, UsageError
from contracts.target import Options, Target
from workflow_runs_specs import spec_path


def test_a_known_dialect_is_described() -> None:
    assert Target("invent", "http://x").describe_dialect() is DIALECTS["invent"]


def test_an_unknown_dialect_lists_the_known_ones() -> None:
    with pytest.raises(UsageError, match="unknown dialect 'cortex'; choose one of: aitasker, b3os, cortex-v1"):
        Target("cortex", "http://x").describe_dialect()


@pytest.mark.parametrize("url", [pytest.param(url, id=url or "empty") for url in ("", "localhost:8000", "ftp://x/y")])
def test_a_base_url_must_be_http(url: str) -> None:
    with pytest.raises(UsageError, match="--base-url must be an http:// or https:// URL"):
        Target("b3os", url).check_base_url()


def test_the_dialects_own_spec_is_used_unless_another_is_given() -> None:
    dialect = DIALECTS["b3os"]

    assert Target("b3os", "http://x").load_operation(dialect).path == "/v1/workflows/{id}/runs"
    with pytest.raises(SpecError, match="is not a b3os spec: its path has no id parameter"):
        Target("b3os", "http://x", spec=spec_path("invent")).load_operation(dialect)


def test_a_pinned_parameter_must_be_a_path_parameter_of_the_dialect() -> None:
    target = Target("invent", "http://x", params={"run_id": "run_1"})

    with pytest.raises(UsageError, match="unknown --param run_id; the invent path parameters are: org_id, workflow_id"):
        target.load_operation(DIALECTS["invent"])


def test_invent_pins_the_workflow_its_trigger_names_though_its_list_names_none() -> None:
    target = Target("invent", "http://x", params={"org_id": "c", "workflow_id": "wf_1"})

    assert target.load_operation(DIALECTS["invent"]).path == "/orgs/{org_id}/workflows/runs"


def test_options_need_at_least_one_example() -> None:
    with pytest.raises(UsageError, match="--max-examples must be at least 1, not 0"):
        Options(max_examples=0)
