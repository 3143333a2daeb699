"""Core values and errors of the contract suite: what every layer above speaks in, importing nothing of ours.

`errors` (why a run could not be done), `outcomes` (rules, findings, verdicts), `json_path` (a value at a path of
keys), `redaction` (the token kept out of every output). No HTTP, no spec, no dialect.
"""
