"""What cortex (both revisions) and invent share, being one platform: the error body and page/take paging.

Errors are `{status, message, errors?}` where `errors` are zod-style issues `{code, message, path, validation?}`;
pages are 1-based `page` and `take`, with the totals in `pagination-*` response headers.
"""

from __future__ import annotations

from typing import Any, Literal

from mock_server.data.model import Run, Workflow
from mock_server.data.view import StoreView
from mock_server.dialects.base import OperationRequest, not_found, problem
from mock_server.problems import Issue, IssueCode, MockProblem, Problem, ProblemKind

ZOD_TYPE_NAMES = {"integer": "number", "number": "number", "boolean": "boolean", "string": "string"}


def is_number(value: str | None) -> bool:
    try:
        float(value or "")
    except ValueError:
        return False
    return True


def zod_issue(issue: Issue) -> dict[str, Any]:
    """A validation issue as the platform's zod-based validator words it."""
    path = issue.name.split(".") if issue.location == "body" and issue.name else [issue.name] if issue.name else []
    expected = issue.expected
    if issue.location == "body" and issue.code in (IssueCode.INVALID_TYPE, IssueCode.UNSUPPORTED, IssueCode.MALFORMED):
        code = "invalid_type" if issue.code is IssueCode.INVALID_TYPE else "custom"
        return {"code": code, "message": issue.message, "path": path}
    if issue.code is IssueCode.INVALID_ENUM and isinstance(expected, tuple):
        options = " | ".join(f"'{option}'" for option in expected)
        message = f"Invalid enum value. Expected {options}, received '{issue.value}'"
        return {"code": "invalid_enum_value", "message": message, "path": path}
    if issue.code in (IssueCode.TOO_SMALL, IssueCode.TOO_BIG):
        small = issue.code is IssueCode.TOO_SMALL
        if is_number(issue.value):
            message = f"Number must be {'greater' if small else 'less'} than or equal to {expected}"
        else:
            message = f"String must contain at {'least' if small else 'most'} {expected} character(s)"
        return {"code": "too_small" if small else "too_big", "message": message, "path": path}
    if issue.code is IssueCode.INVALID_TYPE:
        wanted = ZOD_TYPE_NAMES.get(str(expected), str(expected))
        return {"code": "invalid_type", "message": f"Expected {wanted}, received string", "path": path}
    if issue.code is IssueCode.MISSING:
        return {"code": "invalid_type", "message": "Required", "path": path}
    if issue.code is IssueCode.INVALID_FORMAT:
        return {"code": "invalid_string", "validation": str(expected), "message": issue.message, "path": path}
    if issue.code is IssueCode.UNKNOWN_PARAMETER:
        *parent, key = path or [""]
        return {"code": "unrecognized_keys", "message": f"Unrecognized key(s) in object: '{key}'", "path": parent}
    return {"code": "custom", "message": issue.message, "path": path}


def error_body(problem: Problem, status: int) -> dict[str, Any]:
    body: dict[str, Any] = {"status": status, "message": problem.message}
    if problem.issues:
        body["errors"] = [zod_issue(issue) for issue in problem.issues]
    return body


def numbered_page(runs: tuple[Run, ...], page: int, take: int) -> tuple[int, int, dict[str, str]]:
    """Where 1-based page `page` of size `take` starts and stops among `runs`, and the pagination headers
    describing it."""
    start = (page - 1) * take
    headers = {"pagination-count": str(len(runs)), "pagination-page": str(page), "pagination-take": str(take)}
    return start, start + take, headers


OWN_TENANT = "c"
"""The path value that names the tenant the caller's key belongs to."""


def tenant_of(view: StoreView, request: OperationRequest, parameter: str, not_found_message: str) -> str:
    """The tenant id the path names (resolving `c` to the key's own tenant), or raise the platform's 404 for an
    unknown tenant and one the key cannot see alike."""
    tenant_id = request.path[parameter]
    if tenant_id == OWN_TENANT and request.default_tenant_id is not None:
        tenant_id = request.default_tenant_id
    if view.tenant(tenant_id) is None or not request.visible.sees(tenant_id):
        raise not_found(not_found_message)
    return tenant_id


def invalid_field(name: str, message: str) -> MockProblem:
    """The platform's 400 for a body field whose value the data cannot take."""
    issue = Issue("body", name, IssueCode.MALFORMED, message)
    return problem(ProblemKind.INVALID_REQUEST, f"Invalid request: {message}", issue)


def version_of(workflow: Workflow, chosen: Any) -> int | Literal["latest", "draft"]:
    """`workflow_version_id` as the data names a version: `latest`, `draft` or a number; else the 400."""
    if chosen == "latest" or chosen == "draft":
        return "latest" if chosen == "latest" else "draft"
    if isinstance(chosen, int) or (isinstance(chosen, str) and chosen.isdigit()):
        return int(chosen)
    numbered = [version.number for version in workflow.versions if version.id == chosen]
    if not numbered:
        ids = ", ".join(version.id for version in workflow.versions)
        message = f"workflow_version_id {chosen!r} is not a version of this workflow; use latest, draft, {ids}"
        raise invalid_field("workflow_version_id", message)
    return numbered[0]
