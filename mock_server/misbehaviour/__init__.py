"""Chosen answers and misbehaviour, each off the path of a plain request: Prefer, faults, chaos, rate limits."""
