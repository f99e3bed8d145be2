# Each test imports one of posts/*.md into notes.md before the build.
extensions = ["myst_parser", "sphinx_policynotes"]
exclude_patterns = ["_build", "posts"]
