"""The writes of a run that allows them: what a write may name (`scope`), the budget of runs it may create
(`budget`), the record of what it sent (`log`), and the one sender of the checks' writes (`writer`).
"""
