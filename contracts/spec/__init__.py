"""The spec of a run, read once: its list operation and its siblings (`document`), its operations sorted into
reads and writes (`operations`), and its links (`links`). Documents are read through `workflow_runs_specs`.
"""
