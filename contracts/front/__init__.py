"""The front ends of a contract run: the command line (`cli`), the console report (`report`), JUnit XML (`junit`)
and the pytest plugin (`pytest_plugin`, also importable as `contracts.pytest_plugin`).
"""
