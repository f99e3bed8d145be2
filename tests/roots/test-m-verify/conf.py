extensions = ["sphinx_policynotes"]
project = "verify"
language = "ja"
