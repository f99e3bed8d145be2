extensions = ["myst_parser", "sphinx_policynotes"]
myst_enable_extensions = ["colon_fence"]
project = "options"
