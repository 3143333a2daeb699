"""What a run is asked to test (`inputs`: `Target`, `Options`) and that target opened for a run (`context`:
its dialect, spec operation, client, path parameters and the seeded source of made-up values).
"""
