"""Every check, in the order a run makes them: the schema phase first (shapes), then the semantic checks
(meanings), cheapest and most fundamental first, so that a faulty server fails fast on its first broken rule.
Ordering comes before paging: where a page starts is defined by the list's order. The writes come after the reads
(they add runs to the list the others judge): a read-only run lists them as not sent. Among them, the writes every
server refuses come first where they need no run of their own, so a small --max-writes spent by the others still
sends them; a retry or replay the state of its run refuses comes after the writes that succeed, so a server that
does not write at all fails the rule of what the write does. The rate limits come last, judging every wait of the
run."""

from contracts.checks.auth import malformed_authorization_gets_401, missing_token_gets_401, wrong_token_gets_401
from contracts.checks.base import Check, Judgement
from contracts.checks.ephemeral import ephemeral_run_belongs_to_no_workflow
from contracts.checks.filters import filter_all_means_no_filter, filters_select_matching_runs
from contracts.checks.followups import replay_makes_new_run, retention_change_shows_in_get, retry_points_at_source
from contracts.checks.invalid_input import (
    enum_spellings_rejected,
    invalid_parameters_rejected,
    unknown_query_parameter_as_documented,
)
from contracts.checks.not_found import unknown_tenant_gets_404, unknown_workflow_gets_404
from contracts.checks.ordering import newest_first
from contracts.checks.ownership import node_runs_point_at_run, runs_belong_to_path
from contracts.checks.paging import (
    page_numbering,
    page_size_respected,
    pages_do_not_overlap,
    paging_metadata_truthful,
    paging_visits_each_run_once,
)
from contracts.checks.rate_limits import retry_after_within_max_wait
from contracts.checks.refusals import trigger_outside_path_gets_404, unfinished_run_refused, unknown_body_field_refused
from contracts.checks.runs import get_answers_listed_run, run_outside_its_path_gets_404, unknown_run_gets_404
from contracts.checks.schema import SCHEMA_CHECKS
from contracts.checks.timeline import (
    ends_not_before_start,
    finished_runs_have_end,
    pending_runs_not_started,
    unfinished_runs_have_no_end,
)
from contracts.checks.writes import (
    cancelled_run_reads_cancelled,
    cancelling_finished_run_conflicts,
    triggered_run_heads_list,
    write_operations,
    writes_outside_path_get_404,
)

__all__ = ["CHECKS", "SEMANTIC_CHECKS", "Check", "Judgement"]

SEMANTIC_CHECKS: tuple[Check, ...] = (
    missing_token_gets_401,
    malformed_authorization_gets_401,
    wrong_token_gets_401,
    unknown_tenant_gets_404,
    unknown_workflow_gets_404,
    unknown_run_gets_404,
    run_outside_its_path_gets_404,
    invalid_parameters_rejected,
    enum_spellings_rejected,
    unknown_query_parameter_as_documented,
    newest_first,
    page_size_respected,
    page_numbering,
    pages_do_not_overlap,
    paging_visits_each_run_once,
    paging_metadata_truthful,
    filters_select_matching_runs,
    filter_all_means_no_filter,
    runs_belong_to_path,
    node_runs_point_at_run,
    ends_not_before_start,
    finished_runs_have_end,
    unfinished_runs_have_no_end,
    pending_runs_not_started,
    get_answers_listed_run,
    trigger_outside_path_gets_404,
    unknown_body_field_refused,
    triggered_run_heads_list,
    writes_outside_path_get_404,
    cancelled_run_reads_cancelled,
    cancelling_finished_run_conflicts,
    retry_points_at_source,
    replay_makes_new_run,
    retention_change_shows_in_get,
    unfinished_run_refused,
    ephemeral_run_belongs_to_no_workflow,
    write_operations,
    retry_after_within_max_wait,
)

CHECKS: tuple[Check, ...] = (*SCHEMA_CHECKS, *SEMANTIC_CHECKS)
