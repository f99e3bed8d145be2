extensions = ["sphinx_policynotes"]
project = "webpage"
language = "ja"
exclude_patterns = ["page"]
