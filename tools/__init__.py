"""Tooling around the specs that is not part of the package: external linters and generated clients."""
