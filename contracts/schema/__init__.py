"""The schema phase: Schemathesis 4 run over the spec, its answers judged by its checks and the per-response rules.

Schemathesis is used through its public API and hooks; the private names that cannot be avoided are in
`schemathesis_compat`, which checks the installed version when the phase starts.
"""
