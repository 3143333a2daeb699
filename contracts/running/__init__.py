"""A contract run from start to verdict: the preflight request, every check in order, the replay of failing
read-only requests, and the `Report`.
"""
