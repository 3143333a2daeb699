"""The rules the proxy judges traffic by, each under the name the contract suite gives the same rule.

What one exchange shows (its operation, request, status, media type, headers, body, and the suite's
per-response rules) and what several show together (pages of one query, a run seen through the list, get and
the writes). Each statement says the rule as traffic can show it.
"""

from __future__ import annotations

__all__ = ["ACROSS", "CLIENT_RULES", "STATEMENTS"]

CLIENT_RULES = frozenset({"documented_operation", "request_as_documented"})
"""Rules a client breaks (what it sent), as opposed to the server (what it answered)."""

EXCHANGE = {
    "documented_operation": "every request is to a path and method the spec documents",
    "request_as_documented": "every request is one the spec accepts: its parameters, body and Authorization header",
    "not_a_server_error": "no answer is a server error (5xx)",
    "status_code_conformance": "every answer's status is one its operation documents",
    "content_type_conformance": "every answer's media type is one the spec documents for its status",
    "response_headers_conformance": "every answer has the headers the spec requires, as documented",
    "response_schema_conformance": "every answer's body conforms to the schema documented for its status",
    "write_operations": "every answer to a write has a body and headers the spec documents for that operation",
    "missing_token_gets_401": "a request without an Authorization header gets 401 in the documented shape",
    "malformed_authorization_gets_401": "a request whose Authorization header is not 'Bearer <token>' gets 401",
    "unknown_tenant_gets_404": "the list's 404 (an unknown tenant) comes in the documented shape",
    "unknown_workflow_gets_404": "the list's 404 (an unknown workflow) comes in the documented shape",
    "unknown_run_gets_404": "get's 404 (a run id that names no run) comes in the documented shape",
    "run_outside_its_path_gets_404": "get never answers a run of another tenant or workflow than its path names",
    "invalid_parameters_rejected": "a request the spec refuses (a value out of bounds, of the wrong type) never "
    "gets a 2xx",
    "enum_spellings_rejected": "an enum value in another case than documented never gets a 2xx",
    "unknown_query_parameter_as_documented": "a query parameter the operation does not declare is ignored or "
    "refused, as the spec states",
    "unknown_body_field_refused": "a write body with a field the spec does not define never gets a 2xx",
}
PER_RESPONSE = {
    "newest_first": "runs are listed newest first, runs of the same instant by id descending",
    "runs_belong_to_path": "every run belongs to the tenant and the workflow the path names",
    "node_runs_point_at_run": "every node run points at the run that lists it",
    "filters_select_matching_runs": "a filter returns only runs that match it",
    "page_size_respected": "a page never holds more runs than asked for",
    "paging_metadata_truthful": "what a page says about the list (hasMore and its echoes, or the pagination-* "
    "headers) is true",
    "ends_not_before_start": "no run ends before it starts",
    "finished_runs_have_end": "a run in a finished status has an end",
    "unfinished_runs_have_no_end": "a run that has not finished has no end",
    "pending_runs_not_started": "a pending run has not started",
}
ACROSS = {
    "pages_do_not_overlap": "consecutive pages of one query never hold the same run",
    "page_numbering": "the first page named is the page a request without a position gets",
    "paging_visits_each_run_once": "walking a query's pages from the first to the last visits as many runs as "
    "the list says it holds",
    "filter_all_means_no_filter": "a filter set to ALL returns the same runs as no filter",
    "get_answers_listed_run": "get answers the same run the list shows",
    "cancelled_run_reads_cancelled": "a run whose cancel was answered 2xx reads cancelled through get and in the list",
    "cancelling_finished_run_conflicts": "cancelling a run traffic last saw finished gets the documented conflict",
    "triggered_run_heads_list": "a triggered run is in the first page of its list asked next",
    "retry_points_at_source": "retry answers a new run pointing at the run retried",
    "replay_makes_new_run": "replay answers a new run, not the run replayed",
    "retention_change_shows_in_get": "a change of a run's retention answered 2xx shows in get",
    "ephemeral_run_belongs_to_no_workflow": "an ephemeral run answers the run id sent, reads with no workflow and the "
    "values it was started with, and is in no workflow's list",
    "writes_outside_path_get_404": "a write on a run through another tenant or workflow than traffic saw it under "
    "gets the documented 404",
    "trigger_outside_path_gets_404": "a trigger through another tenant or workflow than the run it made reads "
    "under gets the documented 404",
    "unfinished_run_refused": "a retry or replay of a run traffic saw unfinished before and after it gets the "
    "documented conflict",
}
STATEMENTS = {**EXCHANGE, **PER_RESPONSE, **ACROSS}
"""Every rule by name, in the order reports list them."""
