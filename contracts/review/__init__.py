"""The spec-review tools: diff and change report, lint, dialect comparison, reference pages and the docs site.

They read specs, not servers; the contract checker (the rest of `contracts`) never imports them.
"""
