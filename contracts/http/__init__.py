"""The HTTP side of the checker: the one client that talks to the server under test, and the waits of a 429.

`client` (the `Client` and the `Exchange` it records), `waiting` (the `Waiter` every rate-limited request of a run
waits on). Imports only `contracts.core`.
"""
