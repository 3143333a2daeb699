"""Per-dialect tables of spec cases: what each vendor's pages say, as data that tests/test_spec_cases.py reads."""
