"""What a run exercised of a spec: which operations, which documented statuses, which links, judged by which checks.

`routes` (which operation of the spec a request is), `record` (the spec's inventory, and `Exercised`, which every
exchange of a run is told to), `coverage` (the result, and what a `--require-coverage` finds missing), `render`
(the table, Markdown and JSON of it). The contract suite and the validating proxy both report with it; it imports
nothing of the checker but its core.
"""
