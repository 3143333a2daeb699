"""The target opened for a run: the path it asks for, and what the spec says of its list."""

from __future__ import annotations

from contracts.target.context import LARGEST_PAGE_FALLBACK, RunContext
from contracts.target.inputs import Options, Target


def test_an_unpinned_path_parameter_takes_the_specs_first_example() -> None:
    context = RunContext(Target("cortex-v1", "http://x", "t", {"workflow_id": "wf_1"}), Options())

    assert context.path_params == {"app_id": "c", "workflow_id": "wf_1"}
    assert context.unpinned == ["app_id"]


def test_the_page_sizes_and_filter_values_come_from_the_spec() -> None:
    context = RunContext(Target("cortex-v1", "http://x", "t", {"workflow_id": "wf_1"}), Options())

    assert (context.largest_page, context.default_page) == (100, 20)
    assert ("status", "ALL") not in context.filter_keys
    assert ("status", "COMPLETED") in context.filter_keys


def test_a_dialect_that_does_not_page_falls_back_to_a_page_of_a_hundred() -> None:
    context = RunContext(Target("aitasker", "http://x", "t", {}), Options())

    assert (context.largest_page, context.default_page) == (LARGEST_PAGE_FALLBACK, None)


def test_the_runs_token_is_sent_as_a_bearer_token_and_no_token_sends_no_header() -> None:
    with_token = RunContext(Target("aitasker", "http://x", "secret-token", {}), Options())
    without = RunContext(Target("aitasker", "http://x", None, {}), Options())

    assert (with_token.authorization, without.authorization) == ("Bearer secret-token", None)
