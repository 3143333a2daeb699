"""Benchmarks of the mock: `python -m bench.throughput` (make bench) and `python -m bench.soak` (make soak)."""
