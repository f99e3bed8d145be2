"""User text full of markup and special characters, for every output format."""

project = "Escaping"
author = "Tester"
copyright = "2026, Tester"
version = "1.0"
release = "1.0"
language = "en"
extensions = ["sphinx_policynotes"]
exclude_patterns = ["_build"]
