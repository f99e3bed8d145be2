extensions = ["sphinx_policynotes"]
project = "search"
