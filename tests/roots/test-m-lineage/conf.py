extensions = ["myst_parser", "sphinx_policynotes"]
project = "lineage"
language = "ja"
