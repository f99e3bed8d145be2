"""Every directive and both roles, in rST and MyST, for every builder."""

project = "政策ノート試験"
author = "査読者"
copyright = "2026, 査読者"
version = "1.0"
release = "1.0.0"
language = "ja"
extensions = ["myst_parser", "sphinx_policynotes"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
