"""The spec-review tools, for API reviewers: change report, lint, dialect comparison, reference pages, docs site.

They read specs, never servers, and import nothing of the mock or the contract checker (only
`workflow_runs_specs`). One command reaches them all (`workflow-runs-review`, or `python -m spec_review`); the
checker's `python -m contracts diff|lint-specs|docs` hand over to the same modules by name.
"""
