extensions = ["myst_parser", "sphinx_policynotes"]
project = "clean"
