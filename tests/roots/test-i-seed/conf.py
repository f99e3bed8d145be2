# The seed post is imported into notes.md by the test before the build.
extensions = ["myst_parser", "sphinx_policynotes"]
exclude_patterns = ["_build"]
language = "ja"
policynotes_default_author = "査読者"
