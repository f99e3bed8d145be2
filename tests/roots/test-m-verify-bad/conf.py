extensions = ["sphinx_policynotes"]
project = "verify-bad"
