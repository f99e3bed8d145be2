"""Enough documents (more than 5) that Sphinx reads and writes them in parallel."""

project = "Parallel"
author = "査読者"
copyright = "2026, 査読者"
version = "1.0"
language = "ja"
extensions = ["myst_parser", "sphinx_policynotes"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
