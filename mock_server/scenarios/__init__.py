"""Scenario files and admin calls turned into data: reading them in a dialect's spelling, composing stores."""
