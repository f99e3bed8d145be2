"""Export edge cases: ordering, nulls, refused values, unknown and duplicate sources."""

project = "Export"
author = "Tester"
copyright = "2026, Tester"
version = "1.0"
language = "en"
extensions = ["sphinx_policynotes"]
exclude_patterns = ["_build"]
