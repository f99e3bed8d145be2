"""A small project that incremental tests edit between builds."""

project = "Incremental"
author = "査読者"
copyright = "2026, 査読者"
version = "1.0"
language = "ja"
extensions = ["sphinx_policynotes"]
exclude_patterns = ["_build"]
