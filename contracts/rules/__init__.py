"""Pure rules over a dialect's runs and answers: no HTTP, no spec reading, no Schemathesis.

`moments` (timestamps read leniently), `run_order` (newest first, ties by id), `motion` (what may change between two
looks at a run), `response_rules` (what one answer can show broken). The schema phase, the semantic checks and the
validating proxy all judge with them.
"""
