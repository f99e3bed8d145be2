extensions = ["sphinx_policynotes"]
project = "escapes"
